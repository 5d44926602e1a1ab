"""Concrete fix suggestions: the id a label stands for, the nearest allowed value, corrected
codes, converted dates."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from renkei.findings.model import Finding
from renkei.registry.labels import LabelResolver, enum_resolver, field_resolver
from renkei.registry.reference import (
    Reference,
    has_valid_check_digit,
    to_halfwidth,
    with_check_digit,
)
from renkei.revisions.dates import parse_japanese_date


def nearest(value: Any, allowed: Iterable[Any]) -> str | None:
    """The closest allowed value to a misspelt one (case and width folded)."""
    if not isinstance(value, str) or not value:
        return None
    options = [a for a in allowed if isinstance(a, str)]
    folded = {to_halfwidth(a).lower(): a for a in options}
    probe = to_halfwidth(value).strip().lower().replace(" ", "_").replace("-", "_")
    if probe in folded:
        return folded[probe]
    hits = difflib.get_close_matches(probe, list(folded), n=1, cutoff=0.6)
    return folded[hits[0]] if hits else None


def labelled_suggestion(value: Any, resolver: LabelResolver) -> tuple[str, str] | None:
    """The id a value stands for, with its label, as the hint names it in Japanese and English
    (`cross_field（分野間）`, `cross_field (分野間)`): the id the resolver recognises, else the
    nearest id; None when there is neither, or the value fits two ids."""
    if isinstance(value, str) and resolver.is_ambiguous(value):
        return None
    found = resolver.resolve(value) if isinstance(value, str) else None
    found = found or nearest(value, resolver.labels)
    if found is None:
        return None
    label = resolver.label(found)
    if not label or label == found:
        return found, found
    return f"{found}（{label}）", f"{found} ({label})"


def enum_suggestion(
    value: Any, allowed: Iterable[Any], reference: Reference
) -> tuple[str, str] | None:
    """`labelled_suggestion` for a value of an enumeration (its labels from the vocabularies)."""
    return labelled_suggestion(value, enum_resolver(list(allowed), reference))


def field_suggestion(value: Any, reference: Reference) -> tuple[str, str] | None:
    """`labelled_suggestion` for a field id (分野, its names from fields.csv)."""
    return labelled_suggestion(value, field_resolver(reference))


def with_suggestion(finding: Finding, suggestion: tuple[str, str] | None) -> Finding:
    """The finding with 「もしかして: …」 / "Did you mean: …?" added to its hints."""
    if suggestion is None:
        return finding
    ja, en = suggestion
    return replace(
        finding,
        hint_ja=f"{finding.hint_ja} もしかして: {ja}".strip(),
        hint_en=f"{finding.hint_en} Did you mean: {en}?".strip(),
    )


def show(value: Any, limit: int = 60) -> str:
    """A value as a message shows it: JSON, shortened."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def allowed_list(values: Iterable[Any]) -> str:
    """The allowed values, comma-separated, for a hint."""
    return ", ".join(str(v) for v in values)


def date_advice(value: Any, partial: bool = False) -> tuple[str, str]:
    """Hint for a date in the wrong format, with the converted date where it can be read."""
    expected = "YYYY、YYYY-MM または YYYY-MM-DD" if partial else "YYYY-MM-DD"
    expected_en = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
    converted = parse_japanese_date(value) if isinstance(value, str) else None
    if converted and (partial or len(converted) == 10):
        return (
            f'西暦の {expected} で書いてください: "{converted}"',
            f'Write it as {expected_en} in the Western calendar: "{converted}"',
        )
    return (
        f"西暦の {expected} で書いてください（例: 2024-04-01）。",
        f"Write it as {expected_en} in the Western calendar (e.g. 2024-04-01).",
    )


_DIGITS = re.compile(r"^[0-9]+\Z")


def lg_code_advice(value: str, reference: Reference) -> tuple[str, str, str | None]:
    """Advice (ja, en) and a suggested code for a malformed local government code."""
    half = to_halfwidth(value).strip()
    if half != value and _DIGITS.match(half):
        if len(half) == 6 and has_valid_check_digit(half):
            name = _name(half, reference)
            return (
                f'全角数字や空白を半角にしてください: "{half}"{name}',
                f'Use half-width ASCII digits without spaces: "{half}"{name}',
                half,
            )
        value = half
    if _DIGITS.match(value) and len(value) == 5:
        code = with_check_digit(value)
        name = _name(code, reference)
        return (
            f'検査数字を含む 6 桁で書きます: "{code}"{name}',
            f'6 digits with check digit: did you mean "{code}"{name}?',
            code,
        )
    if _DIGITS.match(value) and len(value) == 6:
        code = with_check_digit(value[:5])
        name = _name(code, reference)
        return (
            f'検査数字は {code[5]} です: "{code}"{name}',
            f'The check digit is {code[5]}: "{code}"{name}',
            code,
        )
    return (
        '6 桁の半角数字を引用符で囲んで書いてください（例: "131016"）。',
        'Write 6 ASCII digits in quotes (e.g. "131016").',
        None,
    )


def _name(code: str, reference: Reference) -> str:
    body = reference.governments.get(code)
    return f" {body.name}" if body is not None else ""
