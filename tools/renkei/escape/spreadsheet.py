"""Cells a spreadsheet would read as a formula (CSV or formula injection), one rule for every
CSV and workbook renkei writes for people to open.

A text cell is formula-like when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return
and is not a plain number: negative numbers (`-5`, `-0.25`) stay numbers. In a workbook such a
cell is stored as text (type `s`, quote prefix); in a CSV it gets a leading apostrophe (`'=1+1`),
which spreadsheets read as "text follows". A lone `-` placeholder is formula-like too and is
written `'-`. The registry's own CSV files are the source of truth and are never rewritten: the
rule applies to the copies made for spreadsheets (bundle tables, `renkei summary --format csv`).

A workbook cannot hold most C0 control characters (XML 1.0 forbids them): in a workbook cell
they are shown as the terminal shows them (`\\x01`), where a CSV keeps them.
"""

from __future__ import annotations

import re
from typing import Any

#: Cells starting with one of these would be a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
_NOT_IN_WORKBOOK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet would evaluate (see the module's rule)."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.match(value)
    )


def workbook_text(value: str) -> str:
    """Text a workbook cell can hold: the control characters XML forbids shown as `\\xNN`."""
    return _NOT_IN_WORKBOOK.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def csv_cell(value: Any) -> Any:
    """A CSV cell for a spreadsheet: formula-like text behind an apostrophe, the rest as is."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: list[Any]) -> list[Any]:
    """`csv_cell` for every cell of a row."""
    return [csv_cell(v) for v in values]
