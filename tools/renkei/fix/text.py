"""Text edits: applying non-overlapping edits, the trailing-space fix, the unified diff."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from renkei.fix.model import Edit

_TRAILING = re.compile(r"[ \t]+(?=\r?\n|\Z)")


def line_starts(text: str) -> list[int]:
    """The offset at which each line starts."""
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset."""
    import bisect

    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def trailing_space_edits(text: str, protected: Iterable[tuple[int, int]]) -> list[Edit]:
    """Edits that remove spaces and tabs at the end of lines, except on lines inside a protected
    span (a block scalar, a quoted value over several lines, where they can be content)."""
    spans = sorted(protected)
    starts = line_starts(text)
    edits = []
    for match in _TRAILING.finditer(text):
        start, end = match.span()
        if any(low <= end and start <= high for low, high in spans):
            continue
        line, column = position(starts, start)
        edits.append(Edit(start, end, "", line, column, "trailing", match[0], ""))
    return edits


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """The text with the edits applied, and the edits applied (an edit overlapping an earlier
    one is dropped)."""
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    out, cursor = [], 0
    for edit in kept:
        out.append(text[cursor : edit.start])
        out.append(edit.new)
        cursor = edit.end
    out.append(text[cursor:])
    return "".join(out), kept


def unified_diff(path: str, before: str, after: str) -> str:
    """A colour-free unified diff of a file's text (line endings not shown)."""
    old = [line.rstrip("\r\n") + "\n" for line in before.splitlines(keepends=True)]
    new = [line.rstrip("\r\n") + "\n" for line in after.splitlines(keepends=True)]
    return "".join(difflib.unified_diff(old, new, f"a/{path}", f"b/{path}"))
