"""Cell values both ways: registry text → a workbook cell, and what people type → registry text.

The import copes with what happens in Excel: full-width digits and spaces, 和暦 dates (令和6年4月1日,
R6.4.1, 令和元年), Excel date serials, numbers stored as text, codes that lost their leading zero,
trailing spaces. Free text is kept as typed apart from spaces at either end.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from renkei.registry.reference import has_valid_check_digit
from renkei.revisions.dates import parse_fiscal_year, parse_japanese_date

_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"^-?[0-9]+\.[0-9]+\Z")
_GROUPED = re.compile(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?\Z")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PARTIAL = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")
_CODE_WITH_NAME = re.compile(r"^([0-9]{6})\s+\S.*\Z")
_SPLIT_FIELDS = re.compile(r"[;,、，；\s]+")
#: Excel's 1900 date system: serial 1 = 1900-01-01, with the phantom 1900-02-29.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_RANGE = (20000, 80000)  # 1954 … 2119


def to_cell(text: str, kind: str) -> Any:
    """The value to put in a cell for registry text: numbers as numbers, all else as text."""
    if text == "":
        return None
    if kind in ("integer", "fiscal_year") and _INTEGER.fullmatch(text) and str(int(text)) == text:
        return int(text)
    if kind == "number":
        if _INTEGER.fullmatch(text) and str(int(text)) == text:
            return int(text)
        if _DECIMAL.match(text):
            number = float(text)
            if not number.is_integer() and repr(number) == text:
                return number
    return text


def serial_to_date(serial: float) -> str | None:
    """The ISO date of an Excel date serial (whole days in the range Excel dates use), or None."""
    if _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1] and float(serial).is_integer():
        return (_EXCEL_EPOCH + dt.timedelta(days=int(serial))).isoformat()
    return None


class Note:
    """Something the reader normalised that the user should hear about (e.g. "1,234")."""

    def __init__(self, rule: str, value: str, fixed: str) -> None:
        self.rule, self.value, self.fixed = rule, value, fixed


def from_cell(value: Any, kind: str) -> tuple[str, Note | None]:
    """Registry text for a cell value, and a note when a machine-readability rule was bent."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if kind in ("integer", "fiscal_year"):
            return str(day.year), None
        return day.isoformat(), None
    if isinstance(value, dt.time):
        return value.isoformat(), None
    if isinstance(value, int | float):
        return _from_number(value, kind), None
    text = str(value).strip()
    if kind == "text":
        return text, None
    return _normalise(text, kind)


def _from_number(value: float, kind: str) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if kind in ("date", "partial_date") and isinstance(value, int):
        return serial_to_date(value) or str(value)
    if kind == "code" and isinstance(value, int):
        text = str(value)
        # A code typed as a number loses its leading zero (011002 → 11002).
        if len(text) == 5 and has_valid_check_digit("0" + text):
            return "0" + text
        return text
    return repr(value) if isinstance(value, float) else str(value)


def _normalise(text: str, kind: str) -> tuple[str, Note | None]:
    value = unicodedata.normalize("NFKC", text).strip()
    if kind == "code":
        match = _CODE_WITH_NAME.match(value)
        if match:
            return match[1], None
        if len(value) == 5 and value.isdigit() and has_valid_check_digit("0" + value):
            return "0" + value, None
        return value, None
    if kind in ("date", "partial_date"):
        if _ISO_DATE.match(value) or (kind == "partial_date" and _PARTIAL.match(value)):
            return value, None
        if value.isdigit():
            return serial_to_date(int(value)) or value, None
        return parse_japanese_date(value) or value, None
    if kind == "fiscal_year":
        if _INTEGER.fullmatch(value):
            return value, None
        year = parse_fiscal_year(value)
        return (str(year) if year is not None else value), None
    if kind in ("integer", "number"):
        if _GROUPED.match(value):
            fixed = value.replace(",", "")
            return fixed, Note("L2-01", value, fixed)
        return value, None
    if kind == "boolean":
        lowered = value.lower()
        return (lowered if lowered in ("true", "false", "unknown") else value), None
    if kind == "fields":
        if value.lower() == "unknown":
            return "unknown", None
        return ";".join(p for p in _SPLIT_FIELDS.split(value) if p), None
    return value, None
