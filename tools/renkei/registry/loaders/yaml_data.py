"""YAML documents loaded as data only, without the position of each value, for the reads that
report no finding of their own: the prefecture folders a snapshot parses, and so every version
of every file in the history (the site's change pages, `renkei diff`, `renkei log`).

The values are those of `yaml_loader.load_yaml_bytes` (the same events, the same scalars). This
loader refuses nothing itself: whatever the positional loader would refuse or report (an anchor,
a tag, a duplicate key, a document too deep or too large, a second document, a character out of
place, undecodable text, a syntax error) sends the bytes to it, so the findings are its own.
Composing without positions takes about half the time."""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator
from typing import Any

import yaml

from renkei.findings.model import Finding
from renkei.registry.loaders import yaml_loader
from renkei.registry.loaders.libyaml import FAST_LOADER
from renkei.registry.loaders.text import DEFAULT_LIMITS, Limits, decode_text, unify_line_endings
from renkei.registry.loaders.yaml_messages import misplaced_findings


class _Unusual(Exception):
    """Something the positional loader refuses or reports: it reads the bytes instead."""


def load_yaml_data(
    data: bytes, display_path: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Any, list[Finding]]:
    """The document's data (None for an empty one) and the findings of decoding it, or None
    with the findings when it cannot be loaded, as `load_yaml_bytes` gives them."""
    kept = yaml_loader.kept_data(data, limits)
    if kept is None and _keeping:
        kept = _kept.get((data, limits))
    if kept is not None:
        return pickle.loads(kept), []
    text, findings = decode_text(data, display_path, limits)
    if text is not None:
        text = unify_line_endings(text)
        try:
            if not misplaced_findings(text, display_path):
                content = _compose_data(text, limits)
                if _keeping and not findings:
                    _kept[(data, limits)] = pickle.dumps(content, pickle.HIGHEST_PROTOCOL)
                return content, findings
        except (_Unusual, yaml.YAMLError):
            pass
    document, findings = yaml_loader.load_yaml_bytes(data, display_path, limits)
    return (document.data if document is not None else None), findings


#: Inside `data_kept`: the pickled data of the documents loaded without a finding, by their
#: bytes and limits.
_kept: dict[tuple[bytes, Limits], bytes] = {}
_keeping = False


@contextlib.contextmanager
def data_kept() -> Iterator[None]:
    """Inside: a document loaded again from the same bytes gets a copy of the data of its first
    load instead of being composed again (pickled: a caller that changes its copy changes
    nothing kept). What was kept is dropped on leaving, so that a scope holds one job's files,
    e.g. the folder whose bundle and summary row a worker makes."""
    global _keeping
    before, _keeping = _keeping, True
    try:
        yield
    finally:
        _keeping = before
        if not before:
            _kept.clear()


def _compose_data(text: str, limits: Limits) -> Any:
    """The document from libyaml's events, as `yaml_loader._compose` builds it, positions
    aside. Hot path: kept flat on purpose."""
    # A frame is [container, pending key or None, is a mapping].
    stack: list[list[Any]] = []
    documents = 0
    data: Any = None
    max_depth = limits.max_depth
    budget = limits.max_entries
    plain_scalar = yaml_loader.plain_scalar
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    for event in iter(FAST_LOADER(text).get_event, None):
        kind = type(event)
        if kind is mapping_end or kind is sequence_end:
            stack.pop()
            continue
        if kind is scalar_event or kind is mapping_start or kind is sequence_start:
            if event.anchor is not None:
                raise _Unusual
            tag = event.tag
            if tag is not None and tag != "!":
                raise _Unusual
            frame = stack[-1] if stack else None
            if frame is not None and frame[2]:
                key = frame[1]
                if key is None:  # this event is a key
                    if kind is not scalar_event or event.value in frame[0]:
                        raise _Unusual
                    frame[1] = event.value
                    continue
                frame[1] = None
            if kind is scalar_event:
                raw = event.value
                value = plain_scalar(raw) if event.implicit[0] and not event.style else raw
            else:
                if len(stack) >= max_depth:
                    raise _Unusual
                value = {} if kind is mapping_start else []
                stack.append([value, None, kind is mapping_start])
            budget -= 1
            if budget < 0:
                raise _Unusual
            if frame is None:
                data = value
            elif frame[2]:
                frame[0][key] = value
            else:
                frame[0].append(value)
            continue
        if kind is yaml.AliasEvent:
            raise _Unusual
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual
    return data
