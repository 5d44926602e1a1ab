"""Labels in, ids stored: recognise what people write for an enumerated value (its Japanese or
English label, or the id itself, in common variants) and return the id it stands for.

A resolver is built from the allowed ids of one value and their labels. It compares text in two
tiers: first exactly up to width (NFKC), case and surrounding spaces (`構築中`, `ｃｒｏｓｓ＿ｆｉｅｌｄ`,
` Cross-field `); then with spaces, hyphens, underscores and middle dots as one separator, and 済み as
済 (`cross field`, `回答済み` for 回答済); then also without a final 中 or 済 (`構築` for 構築中). In
that last tier a text that also begins another id's label fits that id too (`廃止` fits 廃止予定
as well as 廃止済). When the text fits two ids in the first tier that recognises it, the
resolver returns None: it never guesses.

Which label vocabulary an enumeration uses follows from its allowed values: the vocabularies of
registry/reference/vocabularies.csv that hold every allowed value, when they agree on the labels
(`vocabulary_labels`). Field ids take their labels from fields.csv (`field_labels`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from renkei.registry.reference import Reference

#: (Japanese, English) labels by id.
Labels = Mapping[str, tuple[str, str]]

_SEPARATORS = re.compile(r"[\s_\-・]+")


def exact_form(text: str) -> str:
    """Text as the first tier compares it: NFKC, surrounding spaces removed, case folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def near_form(text: str) -> str:
    """Text as the second tier compares it: the exact form with each run of spaces, hyphens,
    underscores and middle dots written as one underscore, and 済み written 済."""
    value = _SEPARATORS.sub("_", exact_form(text))
    return value[:-1] if value.endswith("済み") else value


def loose_form(text: str) -> str:
    """Text as the third tier compares it: the near form without a final 中 or 済."""
    value = near_form(text)
    if len(value) > 1 and value[-1] in "中済":
        value = value[:-1]
    return value


_FORMS = (exact_form, near_form, loose_form)


@dataclass(frozen=True)
class LabelResolver:
    """Recognises the ids of one enumerated value from their labels (see the module docstring)."""

    labels: Mapping[str, tuple[str, str]]
    _tiers: tuple[dict[str, set[str]], ...] = field(
        default_factory=lambda: ({}, {}, {}), init=False, repr=False
    )

    def __post_init__(self) -> None:
        for value, (label_ja, label_en) in self.labels.items():
            for text in (value, label_ja, label_en):
                if text:
                    for table, form in zip(self._tiers, _FORMS, strict=True):
                        table.setdefault(form(text), set()).add(value)

    def candidates(self, text: str) -> set[str]:
        """Every id the text could stand for, from the first tier that recognises it (empty when
        none does; two or more when it is ambiguous)."""
        if not text.strip():
            return set()
        for table, form in zip(self._tiers[:2], _FORMS, strict=False):
            found = table.get(form(text))
            if found:
                return set(found)
        loose = loose_form(text)
        found = set(self._tiers[2].get(loose, ()))
        if found:
            for key, values in self._tiers[1].items():
                if key.startswith(loose):
                    found |= values
        return found

    def resolve(self, text: str) -> str | None:
        """The one id the text stands for, or None (not recognised, or ambiguous)."""
        found = self.candidates(text)
        return next(iter(found)) if len(found) == 1 else None

    def is_ambiguous(self, text: str) -> bool:
        """True when the text fits two ids or more."""
        return len(self.candidates(text)) > 1

    def label(self, value: str) -> str:
        """The Japanese label of an id ("" when it has none)."""
        return self.labels.get(value, ("", ""))[0]


def vocabulary_labels(
    allowed: Iterable[object], reference: Reference
) -> dict[str, tuple[str, str]]:
    """The labels of an enumeration's allowed values: from the vocabularies that hold all of them,
    when those agree on every label (else from the one whose values are exactly the allowed
    ones); empty when no vocabulary fits or several disagree."""
    wanted = [str(v) for v in allowed]
    if not wanted:
        return {}
    fitting = [
        terms
        for terms in reference.vocabularies.values()
        if all(value in terms for value in wanted)
    ]
    chosen = [{v: terms[v].labels for v in wanted} for terms in fitting]
    if chosen and all(c == chosen[0] for c in chosen):
        return chosen[0]
    exact = [terms for terms in fitting if set(terms) == set(wanted)]
    if len(exact) == 1:
        return {v: exact[0][v].labels for v in wanted}
    return {}


def enum_resolver(allowed: Iterable[object], reference: Reference) -> LabelResolver:
    """The resolver of an enumeration: its string values with their vocabulary's labels (an id
    without a label is still recognised as itself)."""
    values = [v for v in allowed if isinstance(v, str)]
    labels = vocabulary_labels(values, reference)
    return LabelResolver({v: labels.get(v, ("", "")) for v in values})


def field_labels(reference: Reference) -> dict[str, tuple[str, str]]:
    """The fields' (Japanese, English) names by id (fields.csv)."""
    return {f.id: (f.name_ja, f.name_en) for f in reference.fields.values()}


def field_resolver(reference: Reference) -> LabelResolver:
    """The resolver of a field id (分野): fields.csv's ids and names."""
    return LabelResolver(field_labels(reference))
