"""Dates and fiscal years as people in Japan write them.

Fiscal years (年度) run from April 1 to March 31 and are named by the year they start in:
FY2024 = 令和6年度 = 2024-04-01..2025-03-31. 令和N年 = 2018 + N (令和元年 = 2019).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

ERAS = {
    "令和": 2018,
    "R": 2018,
    "平成": 1988,
    "H": 1988,
    "昭和": 1925,
    "S": 1925,
}

_WAREKI = re.compile(
    r"^(?P<era>令和|平成|昭和|[RHS])\s*(?P<year>元|\d{1,2})\s*(?:年|[./-])\s*"
    r"(?:(?P<month>\d{1,2})\s*(?:月|[./-])\s*(?:(?P<day>\d{1,2})\s*日?)?)?$"
)
_FY = re.compile(r"^(?:FY)?(\d{4})(?:年度)?\Z", re.I)
_ERA_FY = re.compile(r"^(令和|平成|R|H)\s*(元|\d{1,2})(?:年度?)?\Z", re.I)
_SLASHED = re.compile(r"^(?P<year>\d{4})[/.年](?P<month>\d{1,2})[/.月](?P<day>\d{1,2})日?\Z")


def parse_japanese_date(text: str) -> str | None:
    """Read a date as people type it and return ISO 8601, or None.

    Accepts 令和6年4月1日, R6.4.1, 令和元年5月1日, 平成31年4月30日, 2024/4/1, 2024年4月1日 and
    full-width digits. A year alone (令和6年) gives YYYY, a year and month YYYY-MM.
    """
    value = unicodedata.normalize("NFKC", text).strip()
    match = _WAREKI.match(value)
    if match:
        era = match["era"]
        year = 1 if match["year"] == "元" else int(match["year"])
        western = ERAS[era] + year
        if match["month"] is None:
            return f"{western:04d}"
        month = int(match["month"])
        if match["day"] is None:
            return f"{western:04d}-{month:02d}" if 1 <= month <= 12 else None
        return _iso(western, month, int(match["day"]))
    match = _SLASHED.match(value)
    if match:
        return _iso(int(match["year"]), int(match["month"]), int(match["day"]))
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def fiscal_year_of(day: dt.date) -> int:
    """The fiscal year a date falls in (April 1 starts a new one)."""
    return day.year if day.month >= 4 else day.year - 1


def reiwa_label(fiscal_year: int) -> str:
    """令和 name of a fiscal year: 2019 → 令和元年度, 2024 → 令和6年度."""
    n = fiscal_year - ERAS["令和"]
    if n < 1:
        return f"平成{fiscal_year - ERAS['平成']}年度"
    return "令和元年度" if n == 1 else f"令和{n}年度"


def parse_fiscal_year(text: str) -> int | None:
    """FY2025, 2025年度, R7, 令和7年度, 令和元年度, H30 → the year the fiscal year starts in."""
    value = unicodedata.normalize("NFKC", text).strip()
    match = _FY.match(value)
    if match:
        return int(match[1])
    match = _ERA_FY.match(value)
    if match:
        era = match[1].upper() if match[1].isascii() else match[1]
        year = 1 if match[2] == "元" else int(match[2])
        return ERAS[era] + year
    return None
