"""A sheet's data rows as a worksheet's `<row>` elements, byte for byte as openpyxl 3.1 writes
them (inline strings, numbers as `%.16g`, Excel's error values as errors), without an object per
cell: the bundle's survey.xlsx has a million and a half cells at ten times the national scale.

The values are typed as `renkei.workbook.cells.to_cell` types them for openpyxl: an integer,
fiscal year or number column's value as a number when it reads back as the same text, every
other value as text, formula-like text as text (`renkei.escape.spreadsheet`), characters no cell
can hold replaced (`machine_readability.writable`). tests/bundle/test_survey_rows.py compares the
result with openpyxl's own, cell by cell and byte by byte.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.utils import get_column_letter

from renkei.escape.spreadsheet import is_formula_like
from renkei.registry.machine_readability import writable
from renkei.workbook.cells import to_cell

#: The longest text a cell holds (openpyxl cuts longer text here, as Excel does).
MAX_TEXT = 32767
#: Excel's error values: openpyxl stores such text as an error, not as text.
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
#: The column kinds whose cells may be numbers.
NUMERIC_KINDS = frozenset(("integer", "fiscal_year", "number"))


def _number(value: int | float) -> str:
    if math.isnan(value) or math.isinf(value):
        return "<v />"
    return f"<v>{value:.16g}</v>"  # as openpyxl writes ints too (a float's 16 digits)


def text_cell(where: str, value: str, style: str = "") -> str:
    """One text cell: an inline string (an error value when it is one of Excel's); STYLE is
    the cell's style attribute (` s="N"`) or nothing."""
    text = writable(value)[:MAX_TEXT]
    if text in ERROR_CODES and not is_formula_like(value):
        return f'<c r="{where}"{style} t="e"><v>{text}</v></c>'
    stripped = text.strip()
    space = ' xml:space="preserve"' if stripped and stripped != text else ""
    # As openpyxl escapes text: & first, so that no entity is escaped twice (three searches
    # in C; a translation table goes through Japanese text character by character, 6× slower).
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{where}"{style} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


def rows_xml(rows: Sequence[Sequence[str]], kinds: Sequence[str]) -> str:
    """ROWS (row 2 on) as `<row>` elements, typed by their columns' KINDS; empty values hold
    no cell."""
    numeric = [kind in NUMERIC_KINDS for kind in kinds]
    width = max([len(kinds), *(len(row) for row in rows)])
    numeric += [False] * (width - len(numeric))
    letters = [get_column_letter(column) for column in range(1, width + 1)]
    parts: list[str] = []
    append = parts.append
    for number, row in enumerate(rows, start=2):
        append(f'<row r="{number}">')
        for column, value in enumerate(row):
            if value == "":
                continue
            where = f"{letters[column]}{number}"
            if numeric[column]:
                typed = to_cell(value, kinds[column])
                if isinstance(typed, int | float):
                    append(f'<c r="{where}" t="n">{_number(typed)}</c>')
                    continue
            append(text_cell(where, value))
        append("</row>")
    return "".join(parts)


def styled_rows_xml(
    rows: Sequence[Sequence[str | int]], style: int, heights: Sequence[float]
) -> str:
    """ROWS (row 2 on) of an information sheet as `<row>` elements: every cell, empty ones
    included, in the style numbered STYLE, each row HEIGHTS[i] points tall; integers as
    numbers, text as text, as openpyxl writes cells whose value and style it was given."""
    width = max([0, *(len(row) for row in rows)])
    letters = [get_column_letter(column) for column in range(1, width + 1)]
    attribute = f' s="{style}"'
    parts: list[str] = []
    append = parts.append
    for number, (row, height) in enumerate(zip(rows, heights, strict=True), start=2):
        append(f'<row r="{number}" ht="{height:.16g}" customHeight="1">')
        for column, value in enumerate(row):
            where = f"{letters[column]}{number}"
            if isinstance(value, int):
                append(f'<c r="{where}"{attribute} t="n">{_number(value)}</c>')
            elif value:
                append(text_cell(where, value, attribute))
            else:
                append(f'<c r="{where}"{attribute} t="n" />')
        append("</row>")
    return "".join(parts)
