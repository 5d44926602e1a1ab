"""`renkei summary`: one row per prefecture, derived from the registry's data (never typed in).

The status category follows the Agency's own four (GB3 §6.6), plus "not yet reported" where
the registry does not hold enough to say:

- prefectural_shared: a platform led by the prefecture is used by at least one municipality;
- municipal_shared: a municipality's platform is used by another municipality;
- platforms_no_sharing: platforms exist and, as far as known, none is shared;
- no_platform: a registered vision and no platform in the registry;
- not_reported: anything else (for instance platforms whose participants are unknown).

Sharing is known from the named participants, the municipal answers' `uses` rows, or a
platform's `participation` (a number or "shared" as a source states it, GB3 §9.5/§9.6).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renkei.registry.layout import (
    PLATFORMS_FILE,
    PREFECTURE_FILE,
    SURVEYS_FILE,
    VISION_FILE,
    prefecture_folders,
)
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.loaders.yaml_data import load_yaml_data
from renkei.registry.reference import Reference
from renkei.registry.safe_files import read_if_safe, read_text_limited
from renkei.revisions.dates import reiwa_label
from renkei.summary.area import area_inventory, consent_methods
from renkei.summary.survey_round import latest_survey_round

#: The status categories in display order; their labels are vocabulary `sharing_status` of
#: registry/reference/vocabularies.csv (GB3 §6.6's own words; not_reported is the registry's).
CATEGORIES: tuple[str, ...] = (
    "prefectural_shared",
    "municipal_shared",
    "platforms_no_sharing",
    "no_platform",
    "not_reported",
)
EXISTING_EXCLUDED = frozenset({"planned", "retired"})


@dataclass
class PrefectureSummary:
    """One prefecture's figures: status category, types, vision, platforms, principle findings,
    answers."""

    code: str
    folder: str
    name: str
    category: str = "not_reported"
    current_type: str = "unknown"
    target_type: str = "unknown"
    vision_status: str = "not_registered"
    latest_fiscal_year: int | None = None
    latest_revision: int | None = None
    platforms_by_kind: Counter[str] = field(default_factory=Counter)
    platforms_by_status: Counter[str] = field(default_factory=Counter)
    principle_findings: list[str] = field(default_factory=list)
    municipalities_total: int = 0
    municipalities_answered: int = 0
    category_label: tuple[str, str] = ("", "")
    municipalities_on_shared: int = 0
    operating_models: Counter[str] = field(default_factory=Counter)
    #: The platforms by `provenance` (public_sources, prefecture_submission; not_stated).
    provenance: Counter[str] = field(default_factory=Counter)
    vision_notice: dict[str, object] = field(default_factory=dict)
    area_inventory: dict[str, Any] | None = None
    consent_methods: Counter[str] = field(default_factory=Counter)
    #: The latest round of surveys.yaml (`renkei.summary.survey_round`), None without one.
    survey_round: dict[str, Any] | None = None

    @property
    def shared_share(self) -> float | None:
        """The share of municipalities on a shared platform, or None without municipalities."""
        if not self.municipalities_total:
            return None
        return self.municipalities_on_shared / self.municipalities_total

    def latest_label(self, lang: str) -> str:
        """The newest vision revision's fiscal year in the message language, or a dash."""
        if self.latest_fiscal_year is None:
            return "—"
        year = self.latest_fiscal_year
        label = (
            f"{reiwa_label(year)} (FY{year})" if lang == "ja" else f"FY{year} ({reiwa_label(year)})"
        )
        return f"{label} r{self.latest_revision}" if self.latest_revision else label

    def to_dict(self) -> dict[str, Any]:
        """The row as the JSON format writes it."""
        return {
            "code": self.code,
            "folder": self.folder,
            "name": self.name,
            "category": self.category,
            "category_label": {
                "ja": self.category_label[0],
                "en": self.category_label[1],
            },
            "current_type": self.current_type,
            "target_type": self.target_type,
            "vision_status": self.vision_status,
            "latest_revision": None
            if self.latest_fiscal_year is None
            else {
                "fiscal_year": self.latest_fiscal_year,
                "fiscal_year_ja": reiwa_label(self.latest_fiscal_year),
                "number": self.latest_revision,
            },
            "platforms_by_kind": dict(sorted(self.platforms_by_kind.items())),
            "platforms_by_status": dict(sorted(self.platforms_by_status.items())),
            "principle_findings": self.principle_findings,
            "municipalities": {
                "total": self.municipalities_total,
                "answered": self.municipalities_answered,
                "on_shared_platform": self.municipalities_on_shared,
                "share_on_shared_platform": self.shared_share,
            },
            "operating_models": dict(sorted(self.operating_models.items())),
            "provenance": dict(sorted(self.provenance.items())),
            "vision_notice": self.vision_notice,
            "area_inventory": self.area_inventory,
            "consent_methods": dict(sorted(self.consent_methods.items())),
            "survey_round": self.survey_round,
        }


@dataclass
class NationalSummary:
    """Every prefecture's summary, and when and from what it was made."""

    as_of: dt.date
    prefectures: list[PrefectureSummary]
    agency_counts: dict[str, int]
    agency_as_of: str
    category_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The shared-use types' (Japanese, English) labels (vocabulary `sharing_type`, GB3 §7).
    type_labels: dict[str, tuple[str, str]] = field(default_factory=dict)

    def label(self, category: str) -> tuple[str, str]:
        """A category's (Japanese, English) label from the vocabulary (the id if it has none)."""
        return self.category_labels.get(category, (category, category))

    def counts(self) -> dict[str, int]:
        """How many prefectures are in each status category."""
        counter = Counter(p.category for p in self.prefectures)
        return {c: counter.get(c, 0) for c in CATEGORIES}


def _yaml(path: Path) -> dict[str, Any]:
    data = read_if_safe(path, DEFAULT_LIMITS.max_file_size)
    if data is None:
        return {}
    # Values only (the positions are never used): the data loader gives the same values.
    document, _ = load_yaml_data(data, path.name)
    return document if isinstance(document, dict) else {}


def _rows(path: Path) -> list[dict[str, str]]:
    data = read_if_safe(path, DEFAULT_LIMITS.max_file_size)
    if data is None:
        return []
    table, _ = load_csv_bytes(data, path.name)
    if table is None:
        return []
    return [dict(zip(table.header, row.cells, strict=False)) for row in table.rows]


@dataclass(frozen=True)
class StatedParticipation:
    """What a platform's `participation` states: shared use, and how many municipalities other
    than the lead body take part (0 when the number is not given)."""

    shared: bool
    count: int

    def __bool__(self) -> bool:
        return self.shared


def stated_participation(value: object) -> StatedParticipation | None:
    """The sharing a `participation` block states, or None when it states nothing known.

    `shared: true` or a count of one or more is sharing; `shared: false` or a count of 0 is
    known non-sharing; planned numbers (`planned`) never count."""
    if not isinstance(value, dict):
        return None
    shared, count = value.get("shared"), value.get("municipalities")
    number = count if isinstance(count, int) and not isinstance(count, bool) else None
    if shared is True or (number is not None and number > 0):
        return StatedParticipation(True, number or 0)
    if shared is False or number == 0:
        return StatedParticipation(False, 0)
    return None


def vision_notice(vision: dict[str, Any]) -> dict[str, object]:
    """The notice's facts of the newest revision (sent to the Agency, format, consultation; 記2(2))
    and whether the hub's contact system is established (記2(3)); None where not recorded."""
    revisions = [
        r for r in vision.get("revisions") or [] if isinstance(r, dict)
        and isinstance(r.get("fiscal_year"), int)
    ]  # fmt: skip
    latest: dict[str, Any] = (
        max(revisions, key=lambda r: (r["fiscal_year"], r.get("number") or 0)) if revisions else {}
    )
    consultation = latest.get("consultation")
    desk = vision.get("consultation_desk")
    return {
        "sent_to_agency_on": latest.get("sent_to_agency_on"),
        "format": latest.get("format"),
        "consultation_held": consultation.get("held") if isinstance(consultation, dict) else None,
        "hub_established": desk.get("established") if isinstance(desk, dict) else None,
    }


def summarise_prefecture(
    folder_path: Path, reference: Reference, principle_codes: list[str]
) -> PrefectureSummary:
    """One prefecture folder's figures (a file that cannot be read counts as empty)."""
    folder = folder_path.name
    code = folder.split("-", 1)[0]
    prefecture = reference.prefectures.get(code)
    data = _yaml(folder_path / PREFECTURE_FILE)
    given_name = data.get("name")
    name = given_name if isinstance(given_name, str) else folder
    summary = PrefectureSummary(code, folder, name, principle_findings=principle_codes)
    vision = _yaml(folder_path / VISION_FILE)
    summary.vision_status = str(vision.get("status", "not_registered"))
    summary.current_type = str(vision.get("current_type", "unknown"))
    summary.target_type = str(vision.get("target_type", "unknown"))
    revisions = [r for r in vision.get("revisions") or [] if isinstance(r, dict)]
    years = [(r.get("fiscal_year"), r.get("number")) for r in revisions]
    years = [(y, n if isinstance(n, int) else 0) for y, n in years if isinstance(y, int)]
    if years:
        summary.latest_fiscal_year, summary.latest_revision = max(years)
    summary.vision_notice = vision_notice(vision)
    summary.area_inventory = area_inventory(vision, reference)
    summary.survey_round = latest_survey_round(_yaml(folder_path / SURVEYS_FILE))
    platforms_doc = _yaml(folder_path / PLATFORMS_FILE)
    platforms = [p for p in platforms_doc.get("platforms") or [] if isinstance(p, dict)]
    summary.consent_methods = consent_methods(platforms)
    municipal = {m.lg_code for m in reference.municipalities_of(code)}
    answers = _rows(folder_path / "municipalities.csv")
    summary.municipalities_total = len(municipal)
    summary.municipalities_answered = sum(
        1 for row in answers if row.get("answer_status") == "answered"
    )
    uses: dict[str, set[str]] = {}
    for row in _rows(folder_path / "municipal-platforms.csv"):
        if row.get("relation") == "uses":
            uses.setdefault(row.get("platform_id", ""), set()).add(row.get("lg_code", ""))
    prefecture_lg = prefecture.lg_code if prefecture else ""
    existing, shared_by_prefecture, shared_by_municipality, unknown_sharing = 0, False, False, False
    on_shared: set[str] = set()
    counted_by_number = 0
    for platform in platforms:
        summary.platforms_by_kind[str(platform.get("kind", "unknown"))] += 1
        model = platform.get("operating_model")
        if isinstance(model, str) and model != "unknown":
            summary.operating_models[model] += 1
        provenance = platform.get("provenance")
        summary.provenance[provenance if isinstance(provenance, str) else "not_stated"] += 1
        status = str(platform.get("status", "unknown"))
        summary.platforms_by_status[status] += 1
        if status in EXISTING_EXCLUDED:
            continue
        existing += 1
        lead = platform.get("lead_body")
        participants = platform.get("participants")
        stated = stated_participation(platform.get("participation"))
        users: set[object] = set(uses.get(str(platform.get("id")), set()))
        if isinstance(participants, list):
            users |= {p.get("lg_code") for p in participants if isinstance(p, dict)}
        elif not users and stated is None:
            unknown_sharing = True
            continue
        others = {u for u in users if isinstance(u, str) and u != lead and u in municipal}
        if not others and not stated:
            continue
        on_shared |= others | ({lead} if lead in municipal else set())
        if not others and lead != prefecture_lg and lead not in municipal:
            unknown_sharing = True  # shared, but by whose platform is not known
            continue
        if not others and stated:
            # Only a number is known: count that many beside the lead (never more than exist).
            counted_by_number += stated.count
        if lead == prefecture_lg:
            shared_by_prefecture = True
        else:
            shared_by_municipality = True
    summary.municipalities_on_shared = min(len(on_shared) + counted_by_number, len(municipal))
    if shared_by_prefecture:
        summary.category = "prefectural_shared"
    elif shared_by_municipality:
        summary.category = "municipal_shared"
    elif existing and not unknown_sharing:
        summary.category = "platforms_no_sharing"
    elif not platforms and summary.vision_status in ("draft", "adopted"):
        summary.category = "no_platform"
    else:
        summary.category = "not_reported"
    summary.category_label = reference.labels("sharing_status").get(
        summary.category, (summary.category, summary.category)
    )
    return summary


#: Makes one prefecture's row: (folder path, reference data, principle codes) → row.
Summarise = Callable[[Path, Reference, list[str]], PrefectureSummary]


def national_summary(
    root: Path,
    as_of: dt.date | None = None,
    principles: dict[str, list[str]] | None = None,
    summarise: Summarise = summarise_prefecture,
) -> NationalSummary:
    """The national summary of a registry as of a date (default today): every prefecture's
    figures with its principle findings (from one validation), and the Agency's national status
    when the reference data holds it. PRINCIPLES, the codes of each folder's principle findings
    for AS_OF's fiscal year, spare the validation when the caller has them (`bundle --all`).
    SUMMARISE makes each row (`summarise_prefecture`, or one that keeps rows between runs)."""
    as_of = as_of or dt.date.today()
    by_folder = principles if principles is not None else _principle_codes(root, as_of)
    reference = Reference(root)
    rows = [
        summarise(folder.path, reference, sorted(by_folder.get(folder.name, [])))
        for folder in prefecture_folders(root)
    ]
    agency: dict[str, int] = {}
    agency_as_of = ""
    path = root / "registry" / "reference" / "national-status.csv"
    if os.path.lexists(path):
        text = read_text_limited(path, root=root)
        for row in csv.DictReader(io.StringIO(text, newline="")):
            agency[row["category"]] = int(row["prefectures"])
            agency_as_of = row["as_of"]
    labels = reference.labels("sharing_status")
    return NationalSummary(
        as_of, rows, agency, agency_as_of, labels, reference.labels("sharing_type")
    )


def _principle_codes(root: Path, as_of: dt.date) -> dict[str, list[str]]:
    """The codes of each folder's principle findings, from a validation as of AS_OF."""
    from renkei.checks.validate import PRINCIPLE_FAMILY, ValidateOptions, validate

    report = validate(root, ValidateOptions(as_of=as_of))
    by_folder: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.code.startswith(PRINCIPLE_FAMILY):
            by_folder.setdefault(finding.file.split("/")[2], []).append(finding.code)
    return by_folder
