"""Strict YAML loading with a file position for every value.

Only a safe subset of YAML is accepted: one document; no anchors, aliases or tags; no duplicate
keys; `true`/`false` are the only booleans (`yes`, `no`, `on`, `off` stay strings, which the
schemas then reject with a hint); dates stay strings; `null`, `~` and empty values are null;
plain decimal integers and floats are numbers. libyaml's event parser does the scanning; the
document is composed here, iteratively, so deep nesting cannot overflow the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from renkei.catalogue import finding_type
from renkei.findings import Finding, Position
from renkei.loaders.text import DEFAULT_LIMITS, Limits, decode_text

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

PathKey = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = frozenset(("", "~", "null"))


@dataclass
class YamlDocument:
    """A loaded YAML document and where each of its values came from."""

    path: str
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    source_text: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey) -> Position:
        """Position of the value at `path`, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            found = self.positions.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return self.positions.get((), Position(1, 1))

    def key_position(self, path: PathKey) -> Position:
        return self.key_positions.get(tuple(path)) or self.position(path)


def json_path(path: PathKey) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _plain_scalar(value: str) -> Any:
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


class _Refused(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


def _pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def load_yaml_bytes(
    data: bytes, display_path: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[YamlDocument | None, list[Finding]]:
    text, findings = decode_text(data, display_path, limits)
    if text is None:
        return None, findings
    try:
        return _compose(text, display_path, limits), findings
    except _Refused as refused:
        return None, [*findings, refused.finding]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = _pos(mark) if mark is not None else Position(1, 1)
        return None, [*findings, _syntax_finding(display_path, position, error, text)]
    except yaml.YAMLError as error:
        return None, [*findings, _syntax_finding(display_path, Position(1, 1), error, text)]


def _syntax_finding(display_path: str, position: Position, error: Exception, text: str) -> Finding:
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    line_text = (
        text.splitlines()[position.line - 1] if position.line <= text.count("\n") + 1 else ""
    )
    if "\t" in line_text or "tab" in problem:
        advice = "インデントにタブ文字は使えません。半角スペースにしてください。"
        advice_en = "Tabs cannot indent YAML; use spaces."
    else:
        advice = (
            "この行か直前の行の、インデント（半角スペース）、コロン（: の後に空白）、"
            "引用符の閉じ忘れを確認してください。: や # を含む値は引用符で囲みます。"
        )
        advice_en = (
            "Check the indentation (spaces), the colons (a space after each ':') and unclosed "
            "quotes on this line or the one before. Quote a value that contains ': ' or ' #'."
        )
    return finding_type("P004").make(
        display_path, position, problem=problem, advice=advice, advice_en=advice_en
    )


class _Frame:
    __slots__ = ("container", "key_marks", "path", "pending_key")

    def __init__(self, container: Any, path: PathKey) -> None:
        self.container = container
        self.path = path
        self.pending_key: str | None = None
        self.key_marks: dict[str, Position] = {}


def _compose(text: str, display_path: str, limits: Limits) -> YamlDocument:
    document = YamlDocument(path=display_path, data=None)
    stack: list[_Frame] = []
    documents = 0
    root_set = False

    def attach(value: Any, position: Position, plain_text: str | None = None) -> PathKey | None:
        nonlocal root_set
        if not stack:
            document.data = value
            root_set = True
            document.positions[()] = position
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        else:
            key = frame.pending_key
            assert key is not None
            path = (*frame.path, key)
            frame.container[key] = value
            frame.pending_key = None
        document.positions[path] = position
        if plain_text is not None:
            document.source_text[path] = plain_text
        return path

    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind is yaml.StreamStartEvent or kind is yaml.StreamEndEvent:
            continue
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(finding_type("P009").make(display_path, _pos(event.start_mark)))
            continue
        if kind is yaml.DocumentEndEvent:
            continue
        position = _pos(event.start_mark)
        if kind is yaml.AliasEvent or getattr(event, "anchor", None):
            raise _Refused(finding_type("P006").make(display_path, position))
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise _Refused(finding_type("P007").make(display_path, position, tag=tag))
        frame = stack[-1] if stack else None
        is_key = (
            frame is not None and isinstance(frame.container, dict) and (frame.pending_key is None)
        )
        if kind is yaml.ScalarEvent:
            if is_key:
                assert frame is not None
                key = event.value
                if key in frame.key_marks:
                    first = frame.key_marks[key]
                    raise _Refused(
                        finding_type("P005").make(
                            display_path,
                            position,
                            json_path((*frame.path, key)),
                            key=key,
                            first_line=first.line,
                        )
                    )
                frame.key_marks[key] = position
                frame.pending_key = key
                document.key_positions[(*frame.path, key)] = position
                continue
            plain = event.implicit[0] and not event.style
            if plain:
                value = _plain_scalar(event.value)
                source = event.value if not isinstance(value, str) else None
                attach(value, position, source)
            else:
                attach(event.value, position)
            continue
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if is_key:
                raise _Refused(finding_type("P010").make(display_path, position))
            if len(stack) >= limits.max_depth:
                raise _Refused(
                    finding_type("P008").make(display_path, position, limit=limits.max_depth)
                )
            container: Any = {} if kind is yaml.MappingStartEvent else []
            path = attach(container, position)
            assert path is not None
            stack.append(_Frame(container, path))
            continue
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            stack.pop()
            continue
    if not root_set:
        document.positions[()] = Position(1, 1)
    return document
