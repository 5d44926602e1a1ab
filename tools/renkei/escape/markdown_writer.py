"""The one Markdown writer of reviewer outputs (the diff, CHANGES.md, vision.md, the summary, the
job summary): headings, tables, bullet lists and emphasis, every text escaped by
`renkei.escape.markdown.text` unless it is `Markup` (already written Markdown).

Emphasis renders next to Japanese punctuation: CommonMark opens `**` only where it is
left-flanking (after a space or punctuation when the text begins with punctuation, as 「 does),
so `strong` writes `**…**` only when the text begins and ends with a letter or digit, and
`<b>…</b>` otherwise; inserted and deleted words are always `<ins>` and `<del>` (GitHub renders
both). A list item never begins with a list marker (`- + 追加` is a nested list).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from renkei.escape import markdown

_ORDERED = re.compile(r"^([0-9]{1,9})(?=[.)])")


class Markup(str):
    """Text that is already Markdown (a code span, a link, emphasis): written as it is."""

    __slots__ = ()


def inline(value: object) -> Markup:
    """VALUE as inline Markdown: escaped, unless it is `Markup`."""
    return value if isinstance(value, Markup) else Markup(markdown.text(value))


def _is_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def strong(value: object) -> Markup:
    """Bold text that renders wherever it stands, also beside 「」 or 。."""
    shown = inline(value)
    if shown and _is_word(shown[0]) and _is_word(shown[-1]):
        return Markup(f"**{shown}**")
    return Markup(f"<b>{shown}</b>")


def inserted(value: object) -> Markup:
    """Inserted text (a word diff)."""
    return Markup(f"<ins>{inline(value)}</ins>")


def deleted(value: object) -> Markup:
    """Deleted text (a word diff)."""
    return Markup(f"<del>{inline(value)}</del>")


def heading(level: int, value: object) -> str:
    """An ATX heading."""
    return f"{'#' * level} {inline(value)}"


def _cell(value: object) -> str:
    return inline(value).replace("|", "\\|") if not isinstance(value, Markup) else value


def table(header: Sequence[object], rows: Iterable[Sequence[object]], align: str = "") -> list[str]:
    """A GFM table; ALIGN gives each column's alignment ("l" or "r"; left by default)."""
    marks = [("---:" if align[i : i + 1] == "r" else "---") for i in range(len(header))]
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def bullets(items: Iterable[object], level: int = 0) -> list[str]:
    """A bullet list (LEVEL: how deep it is nested); each item escaped, so none starts a list."""
    indent = "  " * level
    return [f"{indent}- {_not_a_marker(inline(item))}" for item in items]


def _not_a_marker(text: str) -> str:
    """TEXT with a list marker at its start ("+ ", "- ", "1. ") escaped."""
    if text[:1] in ("-", "+", "="):
        return "\\" + text
    return _ORDERED.sub(r"\1\\", text)


def join(*parts: object, separator: str = " ") -> Markup:
    """Pieces of inline Markdown joined (plain pieces escaped)."""
    return Markup(separator.join(inline(p) for p in parts if p != ""))
