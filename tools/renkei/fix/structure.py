"""The safe repair of a YAML file's structure typed in a Japanese input mode: the characters
`renkei.registry.loaders.yaml_scan` names (P022) put back as YAML's own — a full-width colon
after a key as `: `, a long-vowel mark as a list marker as `- `, full-width brackets and curly
quotes around a value as ASCII ones, special spaces after a marker or colon as a space, and the
indentation's full-width spaces and tabs as spaces.

How wide an indentation's full-width space or tab was meant to be is a guess, so each width is
tried (a full-width space as one or two spaces, a tab as two or four): the repair is kept only
when every reading that loads gives the same document. Where two readings give different
documents, nothing is repaired and P022 stays for the writer to fix."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from renkei.fix.model import Edit
from renkei.fix.text import apply_edits, line_starts
from renkei.registry.loaders.yaml_loader import load_yaml_bytes
from renkei.registry.loaders.yaml_scan import ASCII_MEANT, CLOSING, Misplaced, scan_yaml_text

#: The widths tried for an indentation's full-width space and tab.
_WIDE_WIDTHS = (2, 1)
_TAB_WIDTHS = (2, 4)


@dataclass(frozen=True, slots=True)
class Widths:
    """One reading of the indentation: how many spaces a full-width space and a tab stand for."""

    wide: int
    tab: int


def structure_edits(text: str, relative: str) -> list[Edit] | None:
    """The edits that repair TEXT's misplaced characters (see the module docstring), or None
    when there is nothing to repair, a character has no safe repair, or the readings of the
    indentation disagree."""
    found = scan_yaml_text(text.replace("\r\n", "\n"))  # lines and columns stay the same
    if not found:
        return None
    starts = line_starts(text)
    documents = []
    chosen: list[Edit] | None = None
    for wide, tab in product(_WIDE_WIDTHS, _TAB_WIDTHS):
        edits = list(_edits(text, starts, found, Widths(wide, tab)))
        repaired, applied = apply_edits(text, edits)
        if len(applied) != len(edits):
            return None  # two repairs of one place: not a case to guess
        document, findings = load_yaml_bytes(repaired.encode("utf-8"), relative)
        if document is None or any(f.code == "P022" for f in findings):
            continue
        documents.append(document.data)
        chosen = chosen or applied
    if chosen is None or any(d != documents[0] for d in documents[1:]):
        return None
    return chosen


def _edits(text: str, starts: list[int], found: list[Misplaced], widths: Widths) -> Iterator[Edit]:
    for item in found:
        offset = starts[item.line - 1] + item.column - 1
        line_end = text.find("\n", offset)
        line_end = len(text) if line_end < 0 else line_end
        if item.place == "indentation":
            yield _indentation(text, offset, line_end, item, widths)
        elif item.place in ("key-colon", "list-marker"):
            mark = ":" if item.place == "key-colon" else "-"
            spaced = text[offset + 1 : offset + 2] in (" ", "\n", "")
            yield _edit(item, offset, offset + 1, mark if spaced else f"{mark} ")
        elif item.place in ("quote", "bracket") and item.char in CLOSING:
            yield _edit(item, offset, offset + 1, item.expected)
            closer = text.rfind(CLOSING[item.char], offset + 1, line_end)
            if closer > offset:
                at = Misplaced(item.line, item.column + closer - offset, text[closer], item.place,
                               item.name_ja, item.name_en, ASCII_MEANT[text[closer]])  # fmt: skip
                yield _edit(at, closer, closer + 1, at.expected)
        else:  # a closing bracket alone, a special space after a marker or a colon
            yield _edit(item, offset, offset + 1, item.expected)


def _indentation(text: str, offset: int, end: int, item: Misplaced, widths: Widths) -> Edit:
    """The line's whole indentation from OFFSET, each character as the spaces it stands for."""
    stop = offset
    spaces = []
    while (
        stop < end and text[stop] not in "\r\n" and (text[stop].isspace() or text[stop] == "\ufeff")
    ):
        char = text[stop]
        spaces.append(widths.wide if char == "\u3000" else widths.tab if char == "\t" else 1)
        stop += 1
    return _edit(item, offset, stop, " " * sum(spaces))


def _edit(item: Misplaced, start: int, end: int, new: str) -> Edit:
    return Edit(
        start, end, new, item.line, item.column, "structure", item.codepoint, new,
        label=f"{item.name_ja}\t{item.name_en}",
    )  # fmt: skip
