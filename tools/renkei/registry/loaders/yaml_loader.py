"""Strict YAML loading with a file position for every value.

Only a safe subset of YAML is accepted: one document; no anchors, aliases or tags; no duplicate
keys; `true`/`false` are the only booleans (`yes`, `no`, `on`, `off` stay strings, which the
schemas then reject with a hint); dates stay strings; `null`, `~` and empty values are null;
plain decimal integers and floats are numbers, and a float stays a float: `2024.0` and `2.024e3`
are never turned into the integer 2024 (the schemas refuse a float where they say integer). libyaml's event parser does the scanning; the
document is composed here, iteratively, so deep nesting cannot overflow the stack.
"""

from __future__ import annotations

import contextlib
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.libyaml import FAST_LOADER
from renkei.registry.loaders.text import DEFAULT_LIMITS, Limits, decode_text, unify_line_endings
from renkei.registry.loaders.yaml_messages import describe, misplaced_findings
from renkei.registry.loaders.yaml_scan import quoted_spans

PathKey = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = frozenset(("", "~", "null"))
#: The first characters of every plain scalar that is not text: null, true, false, numbers.
_NOT_TEXT_FIRST = frozenset("~ntf+-.0123456789")


@dataclass
class YamlDocument:
    """A loaded YAML document and where each of its values came from.

    Positions are kept as libyaml's marks (0-based) and turned into 1-based `Position`s only
    when asked for, which keeps loading fast."""

    path: str
    data: Any
    marks: dict[PathKey, Any] = field(default_factory=dict)
    key_marks: dict[PathKey, Any] = field(default_factory=dict)
    source_text: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey) -> Position:
        """Position of the value at `path`, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            found = self.marks.get(probe)
            if found is not None:
                return _pos(found)
            probe = probe[:-1]
        root = self.marks.get(())
        return _pos(root) if root is not None else Position(1, 1)

    def key_position(self, path: PathKey) -> Position:
        """Position of the key at PATH (of its value when the key has none)."""
        mark = self.key_marks.get(tuple(path))
        return _pos(mark) if mark is not None else self.position(path)

    @property
    def positions(self) -> dict[PathKey, Position]:
        """Every value's position (for tests and tools; the checks call `position`)."""
        return {path: _pos(mark) for path, mark in self.marks.items()}


def json_path(path: PathKey) -> str:
    """PATH as a JSONPath, as findings show it ($.platforms[0].id)."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def plain_scalar(value: str) -> Any:
    """The value of a plain (unquoted) scalar: null, a boolean, a number or the text."""
    if value and value[0] not in _NOT_TEXT_FIRST:  # most values: text (Japanese, ids, URLs)
        return value
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
    """Decode and load a YAML document in the safe subset, with a position for
    every value; None with findings when it cannot be loaded.

    The same bytes are often loaded several times in one run (the site reads every file for
    its pages, its checks and its summary): a document loaded twice without a finding is
    kept, and a later load of the same bytes gets its own copy of the data (the positions,
    which no caller changes, are shared)."""
    kept = _loaded.get((data, limits))
    if kept is not None:
        # The data as it was loaded (kept pickled: a caller that changes its copy changes
        # nothing here); pickle is the fastest deep copy of plain data this process made.
        blob, marks, key_marks, source_text = kept
        return YamlDocument(display_path, pickle.loads(blob), marks, key_marks, source_text), []
    document, findings = _load(data, display_path, limits)
    if document is not None and not findings:
        # Kept from the second load on, or the first inside `documents_kept`: a run that
        # reads each file once pays nothing.
        seen = hash((data, limits))
        if seen in _seen or _keep_all:
            _keep((data, limits), document)
        else:
            _seen.add(seen)
    return document, findings


def kept_data(data: bytes, limits: Limits) -> bytes | None:
    """The pickled data of a document these bytes gave without a finding, when it is kept."""
    kept = _loaded.get((data, limits))
    return kept[0] if kept is not None else None


@contextlib.contextmanager
def documents_kept() -> Iterator[None]:
    """Inside: every document loaded without a finding is kept from its first load (for a run
    that reads each file several times, e.g. the site)."""
    global _keep_all
    before, _keep_all = _keep_all, True
    try:
        yield
    finally:
        _keep_all = before


#: Documents loaded without a finding, by their bytes and limits (oldest first): the data
#: pickled and the positions.
_loaded: dict[tuple[bytes, Limits], tuple[bytes, Any, Any, Any]] = {}
_seen: set[int] = set()
_keep_all = False
#: The most bytes (of the files and their pickled data) kept.
_KEPT_BYTES = 64 * 1024 * 1024
_kept_bytes = 0


def _keep(key: tuple[bytes, Limits], document: YamlDocument) -> None:
    global _kept_bytes
    blob = pickle.dumps(document.data, pickle.HIGHEST_PROTOCOL)
    _loaded[key] = (blob, document.marks, document.key_marks, document.source_text)
    _kept_bytes += len(key[0]) + len(blob)
    while _kept_bytes > _KEPT_BYTES and _loaded:
        oldest = next(iter(_loaded))
        _kept_bytes -= len(oldest[0]) + len(_loaded.pop(oldest)[0])


def _load(
    data: bytes, display_path: str, limits: Limits
) -> tuple[YamlDocument | None, list[Finding]]:
    text, findings = decode_text(data, display_path, limits)
    if text is None:
        return None, findings
    text = unify_line_endings(text)
    misplaced = misplaced_findings(text, display_path)
    if misplaced:
        # Reported instead of libyaml's message, which names the line after, in English, or
        # reads the character silently as text.
        return None, [*findings, *misplaced]
    try:
        return _compose(text, display_path, limits), findings
    except _Refused as refused:
        return None, [*findings, refused.finding]
    except yaml.YAMLError as error:
        return None, [*findings, _syntax_finding(display_path, error, text)]


def _syntax_finding(display_path: str, error: Exception, text: str) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    lines = text.splitlines()
    line = mark.line if mark is not None else 0
    described = describe(error, lines[line] if 0 <= line < len(lines) else "", quoted_spans(text))
    return codes.P004.make(
        display_path,
        described.position,
        problem_ja=described.problem_ja,
        problem=described.problem_en,
        advice=described.advice_ja,
        advice_en=described.advice_en,
    )


def _compose(text: str, display_path: str, limits: Limits) -> YamlDocument:
    """Build the document from libyaml's events. Hot path: kept flat on purpose."""
    document = YamlDocument(path=display_path, data=None)
    positions = document.marks
    key_marks = document.key_marks
    source_text = document.source_text
    # A frame is [container, path, pending key or None, is a mapping].
    stack: list[list[Any]] = []
    documents = 0
    max_depth = limits.max_depth
    budget = limits.max_entries
    # A node event: a scalar, or the start of a mapping or a sequence.
    scalar_event, collection_start, mapping_start = (
        yaml.ScalarEvent,
        yaml.CollectionStartEvent,
        yaml.MappingStartEvent,
    )
    mapping_end, sequence_end, alias_event = (
        yaml.MappingEndEvent,
        yaml.SequenceEndEvent,
        yaml.AliasEvent,
    )
    # The parser's events read one by one, as `yaml.parse` gives them but without a Python
    # generator between the parser and this loop (a third of the time of composing).
    for event in iter(FAST_LOADER(text).get_event, None):
        kind = type(event)
        if kind is mapping_end or kind is sequence_end:
            stack.pop()
            continue
        if isinstance(event, (scalar_event, collection_start)):
            mark = event.start_mark
            if event.anchor is not None:
                raise _Refused(codes.P006.make(display_path, _pos(mark)))
            tag = event.tag
            if tag is not None and tag != "!":
                raise _Refused(codes.P007.make(display_path, _pos(mark), tag=tag))
            if stack:
                frame = stack[-1]
                container = frame[0]
                if frame[3]:
                    key = frame[2]
                    if key is None:  # this event is a key
                        if not isinstance(event, scalar_event):
                            raise _Refused(codes.P010.make(display_path, _pos(mark)))
                        key = event.value
                        path = (*frame[1], key)
                        if key in container:
                            raise _Refused(
                                codes.P005.make(
                                    display_path,
                                    _pos(mark),
                                    json_path(path),
                                    key=key,
                                    first_line=key_marks[path].line + 1,
                                )
                            )
                        key_marks[path] = mark
                        frame[2] = key
                        continue
                    frame[2] = None
                    path = (*frame[1], key)
                else:
                    path = (*frame[1], len(container))
            else:
                container = None
                path = ()
            if isinstance(event, scalar_event):
                raw = event.value
                if event.implicit[0] and not event.style:
                    value = plain_scalar(raw)
                    if type(value) is not str:
                        source_text[path] = raw
                else:
                    value = raw
            else:
                if len(stack) >= max_depth:
                    raise _Refused(codes.P008.make(display_path, _pos(mark), limit=max_depth))
                is_mapping = kind is mapping_start
                value = {} if is_mapping else []
                stack.append([value, path, None, is_mapping])
            positions[path] = mark
            budget -= 1
            if budget < 0:
                raise _Refused(codes.P016.make(display_path, _pos(mark), limit=limits.max_entries))
            if container is None:
                document.data = value
            elif type(container) is list:
                container.append(value)
            else:
                container[path[-1]] = value
            continue
        if kind is alias_event:
            raise _Refused(codes.P006.make(display_path, _pos(event.start_mark)))
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(codes.P009.make(display_path, _pos(event.start_mark)))
    return document
