"""The registry's derived §6.6 categories beside the Agency's own counts (GB3 §6.6).

The Agency counts what the prefectures reported to it and names no prefecture; the registry
derives a category only from what published sources state, so every prefecture it cannot place
is 未報告・不明. The comparison shows both numbers, their difference and that explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from renkei.summary.build import CATEGORIES, NationalSummary

EXPLANATION = {
    "ja": (
        "デジタル庁の数は都道府県がデジタル庁に報告した内容の集計（{as_of} 現在、都道府県名は"
        "公表されていない）で、レジストリの数は公開資料が裏付ける事実だけから導くため、"
        "確認できない都道府県は「未報告・不明」に入る。"
    ),
    "en": (
        "The Agency counts what the prefectures reported to it (as of {as_of}; it names no "
        "prefecture); the registry counts only what published sources support, so every "
        "prefecture it cannot place is 'not yet reported'."
    ),
}
NOT_REPORTED = "not_reported"


@dataclass(frozen=True)
class CategoryComparison:
    """One §6.6 category: the registry's derived count, the Agency's (None when it has none)
    and the difference registry − Agency."""

    category: str
    registry: int
    agency: int | None

    @property
    def difference(self) -> int | None:
        """registry − Agency, or None without an Agency count."""
        return None if self.agency is None else self.registry - self.agency

    def to_dict(self) -> dict[str, Any]:
        """The row as the JSON format writes it."""
        return {
            "category": self.category,
            "registry": self.registry,
            "agency": self.agency,
            "difference": self.difference,
        }


def compare(summary: NationalSummary) -> list[CategoryComparison]:
    """Every category (not_reported last) with both counts."""
    counts = summary.counts()
    return [CategoryComparison(c, counts[c], summary.agency_counts.get(c)) for c in CATEGORIES]


def explanation(summary: NationalSummary, lang: str) -> str:
    """The sentence that says why the two counts differ, in the message language."""
    return EXPLANATION["ja" if lang == "ja" else "en"].format(as_of=summary.agency_as_of or "—")


def comparison_document(summary: NationalSummary) -> dict[str, Any]:
    """The comparison for the JSON format."""
    return {
        "as_of": summary.agency_as_of,
        "source": "GB3 §6.6",
        "categories": [row.to_dict() for row in compare(summary)],
        "explanation": {lang: explanation(summary, lang) for lang in ("ja", "en")},
    }


def comparison_rows(summary: NationalSummary, lang: str) -> list[list[str]]:
    """The comparison as a header row and one text row per category."""
    index = 0 if lang == "ja" else 1
    agency_head = (
        f"デジタル庁（GB3 §6.6、{summary.agency_as_of}）"
        if lang == "ja"
        else f"Agency (GB3 §6.6, {summary.agency_as_of})"
    )
    head = ["区分", "レジストリ", agency_head, "差"] if lang == "ja" else [
        "category", "registry", agency_head, "difference"]  # fmt: skip
    rows = [head]
    for row in compare(summary):
        difference = row.difference
        rows.append(
            [
                summary.label(row.category)[index],
                str(row.registry),
                "—" if row.agency is None else str(row.agency),
                "—" if difference is None else f"{difference:+d}",
            ]
        )
    return rows
