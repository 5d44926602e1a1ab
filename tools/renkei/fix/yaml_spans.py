"""Where each scalar of a YAML text is: its path, its character span and its style, from
libyaml's events on the text as it is (line endings and all), so an edit can replace exactly
the characters of one value."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from renkei.registry.loaders.libyaml import FAST_LOADER
from renkei.registry.loaders.yaml_loader import PathKey


@dataclass(frozen=True, slots=True)
class Span:
    """A scalar value's characters: `text[start:end]`, its style ("" plain, '"', "'", "|", ">")
    and its 0-based line and column."""

    start: int
    end: int
    style: str
    line: int
    column: int


@dataclass
class _Frame:
    path: PathKey
    mapping: bool
    index: int = 0
    key: str | int = ""
    want_key: bool = True


def scalar_spans(text: str) -> dict[PathKey, Span]:
    """Every scalar value (not key) by path. The text must parse (the caller loaded it first)."""
    spans: dict[PathKey, Span] = {}
    stack: list[_Frame] = []
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            continue
        path: PathKey = ()
        if stack:
            frame = stack[-1]
            if frame.mapping:
                if frame.want_key:
                    frame.key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                    frame.want_key = False
                    continue
                frame.want_key = True
                path = (*frame.path, frame.key)
            else:
                path = (*frame.path, frame.index)
                frame.index += 1
        mark, end = event.start_mark, event.end_mark
        if isinstance(event, yaml.ScalarEvent):
            if mark is not None and end is not None:
                spans[path] = Span(mark.index, end.index, event.style or "", mark.line, mark.column)
        else:
            stack.append(_Frame(path, isinstance(event, yaml.MappingStartEvent)))
    return spans


def protected_spans(text: str, spans: dict[PathKey, Span]) -> list[tuple[int, int]]:
    """The spans in which trailing spaces may be content: block scalars and values that run over
    several lines."""
    return [
        (s.start, s.end)
        for s in spans.values()
        if s.style in ("|", ">") or "\n" in text[s.start : s.end]
    ]
