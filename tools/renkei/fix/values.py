"""The safe fix of one value, given what the schema says it must be: an id of an enumeration
(label to id), a value of a pattern (full-width characters and spaces; an era or slash date to
ISO where the pattern is a date's), a date, a number. Each returns the fixed value and the kind
of fix, or None when no one value fits."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from renkei.checks.patterns import python_matcher
from renkei.registry.labels import LabelResolver
from renkei.revisions.dates import parse_japanese_date


@dataclass(frozen=True, slots=True)
class Fixed:
    """A value's fix: the new value, the kind of fix (`renkei.fix.model.REASONS`) and, for a
    label, the id's label."""

    value: str
    kind: str
    label: str = ""


def width_fixed(value: str) -> str:
    """NFKC (full-width digits, letters and spaces to ASCII), without surrounding spaces."""
    return unicodedata.normalize("NFKC", value).strip()


def label_fix(value: str, resolver: LabelResolver) -> Fixed | None:
    """The id a label stands for (never when it fits two ids)."""
    found = resolver.resolve(value)
    if found is None or found == value:
        return None
    if width_fixed(value) == found:
        return Fixed(found, "width")
    return Fixed(found, "label", resolver.label(found))


def is_date_pattern(pattern: str) -> bool:
    """True for a pattern of an ISO date (YYYY-MM-DD, or a partial date YYYY[-MM[-DD]])."""
    return pattern.startswith("^[0-9]{4}")


def pattern_fix(value: str, pattern: str) -> Fixed | None:
    """A value that matches `pattern` once written in half-width without surrounding spaces, or
    (for a date's pattern) once converted from an era or slash date."""
    matches = python_matcher(pattern)
    half = width_fixed(value)
    if half != value and matches(half):
        return Fixed(half, "width")
    if is_date_pattern(pattern):
        converted = parse_japanese_date(value)
        if converted is not None and converted != value and matches(converted):
            return Fixed(converted, "date")
    return None


def date_fix(value: str) -> Fixed | None:
    """An ISO date for a value of a date column (era, slash or full-width date)."""
    half = width_fixed(value)
    if half != value and _is_iso_date(half):
        return Fixed(half, "width")
    converted = parse_japanese_date(value)
    if converted is not None and _is_iso_date(converted):
        return Fixed(converted, "date")
    return None


def number_fix(value: str, syntax: re.Pattern[str]) -> Fixed | None:
    """A number written in full-width digits or with surrounding spaces, in half-width."""
    half = width_fixed(value)
    if half != value and syntax.fullmatch(half):
        return Fixed(half, "width")
    return None


def _is_iso_date(value: str) -> bool:
    if len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
