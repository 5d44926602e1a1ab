"""Cells a spreadsheet would read as a formula (CSV or formula injection), one rule for every
CSV and workbook renkei writes for people to open.

A text cell is formula-like when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return
and is not a number as the tables write them (`machine_readability.NUMBER`): `-5`, `-0.25` and
`+10` stay numbers. In a workbook such a
cell is stored as text (type `s`, quote prefix); in a CSV it gets a leading apostrophe (`'=1+1`),
which spreadsheets read as "text follows". A lone `-` placeholder is formula-like too and is
written `'-`. The registry's own CSV files are the source of truth and are never rewritten: the
rule applies to the copies made for spreadsheets (bundle tables, `renkei summary --format csv`).

Characters no workbook can hold (XML 1.0 forbids most C0 controls) never reach a writer: validate
refuses them (R013, `machine_readability.UNWRITABLE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from renkei.registry.machine_readability import NUMBER, UNWRITABLE

#: Cells starting with one of these would be a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: In the cells joined by line breaks: a cell, or a line of one, that starts like a formula.
_FORMULA_LINE = re.compile(r"(?:\A|\n)[=+\-@\t\r]")


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet would evaluate (see the module's rule)."""
    return (
        isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value)
    )


def csv_cell(value: Any) -> Any:
    """A CSV cell for a spreadsheet: formula-like text behind an apostrophe, the rest as is."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: list[Any]) -> list[Any]:
    """`csv_cell` for every cell of a row."""
    return [csv_cell(v) for v in values]


def plain_cells(rows: Iterable[Sequence[Any]]) -> bool:
    """True when every cell of ROWS is text that needs nothing: no cell starts like a formula
    and none holds a character no cell can hold (one search over all the cells, not one per
    cell). False means only that some cell may need `csv_cell` or `writable` (a line inside a
    cell that starts with `-` is enough); it is never True for a cell that does."""
    try:
        joined = "\n".join(chain.from_iterable(rows))
    except TypeError:  # a cell that is not text
        return False
    return _FORMULA_LINE.search(joined) is None and UNWRITABLE.search(joined) is None
