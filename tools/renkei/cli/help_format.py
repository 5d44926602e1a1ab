"""Help pages laid out for Japanese: text wrapped by display width (a kanji takes two columns)
and broken between characters, not only at spaces. In English the help is click's own."""

from __future__ import annotations

import re
from collections.abc import Iterable

import click

from renkei.cli.language import japanese

#: Characters that do not begin a line (closing punctuation).
_NO_LINE_START = frozenset("、。，．）」』】〕：；！？ー・,.)")
#: Characters that do not end a line (opening brackets).
_NO_LINE_END = frozenset("（「『【〔")
_TOKEN = re.compile(r"\s+|[\x21-\x7e]+|.")


def display_width(text: str) -> int:
    """The columns `text` takes in a terminal: two for wide characters, one for the others."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def join_lines(lines: Iterable[str]) -> str:
    """The lines of a paragraph as one line: a space between two ASCII ends, else nothing."""
    joined = ""
    for line in (line.strip() for line in lines):
        if joined and line and joined[-1].isascii() and line[0].isascii():
            joined += " "
        joined += line
    return joined


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken at spaces or between wide
    characters (never inside an ASCII word, never before closing punctuation nor after an
    opening bracket)."""
    lines: list[str] = []
    current, used = "", 0
    for token in _TOKEN.findall(text):
        token = " " if token.isspace() else token
        size = display_width(token)
        if used + size > width and current.strip() and token not in _NO_LINE_START:
            carried = current[-1] if current[-1] in _NO_LINE_END and current[:-1].strip() else ""
            lines.append(current[: len(current) - len(carried)].rstrip())
            current = carried + ("" if token == " " else token)
            used = display_width(current)
            continue
        current += token
        used += size
    lines.append(current.rstrip())
    return lines


def paragraphs(text: str) -> list[tuple[bool, list[str]]]:
    r"""The paragraphs of a help text, each as (kept as written, its lines); a paragraph that
    begins with a `\b` line is kept as written."""
    result: list[tuple[bool, list[str]]] = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            result.append((True, lines[1:]))
        elif lines:
            result.append((False, [join_lines(lines)]))
    return result


class BilingualFormatter(click.HelpFormatter):
    """click's help formatter; in a Japanese run, text and option lists are wrapped by display
    width."""

    def write_text(self, text: str) -> None:
        """A help text, paragraph by paragraph."""
        if not japanese():
            super().write_text(text)
            return
        indent = " " * self.current_indent
        available = max(self.width - self.current_indent, 20)
        for index, (kept, lines) in enumerate(paragraphs(text)):
            if index:
                self.write("\n")
            for line in lines if kept else wrap(lines[0], available):
                self.write(f"{indent}{line}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Options or commands, their help wrapped beside them."""
        if not japanese():
            super().write_dl(rows, col_max, col_spacing)
            return
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            text_width = max(self.width - first_col - self.current_indent, 10)
            lines = wrap(join_lines(second.splitlines()), text_width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


class BilingualContext(click.Context):
    """A context whose help formatter is `BilingualFormatter`."""

    formatter_class = BilingualFormatter
