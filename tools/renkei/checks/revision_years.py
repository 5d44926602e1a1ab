"""The fiscal year of a vision revision against its adoption date (X013), and the fiscal year a
revision belongs to for the revision-age check (A005).

Fiscal years (年度) run from 1 April to 31 March and are named by the year they start in; the
notice of 2024-05-10 (記2(2)) itself pairs them so: 「遅くとも、令和6年度中(令和7年3月31日まで)に
策定」. An adoption date written to the month or the day falls in one fiscal year; a year alone
(YYYY) in one of two, since January to March belong to the fiscal year before.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.revisions.dates import fiscal_year_of, reiwa_label

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def adoption_fiscal_years(adopted_on: Any) -> tuple[int, ...]:
    """The fiscal years a partial date (YYYY, YYYY-MM or YYYY-MM-DD) can fall in: one when it
    gives the month, the two of its January and its December for a year alone, none when it is
    not a date (`unknown`)."""
    match = _PARTIAL_DATE.match(adopted_on) if isinstance(adopted_on, str) else None
    if match is None:
        return ()
    year = int(match[1])
    if match[2] is None:
        return (year - 1, year)
    try:
        day = dt.date(year, int(match[2]), int(match[3] or 1))
    except ValueError:
        return ()
    return (fiscal_year_of(day),)


def revision_fiscal_year(revision: dict[str, Any]) -> int | None:
    """The fiscal year a revision belongs to: that of its adoption date when the date gives the
    month (the date is the fact, the label may be wrong), else its `fiscal_year`."""
    years = adoption_fiscal_years(revision.get("adopted_on"))
    if len(years) == 1:
        return years[0]
    label = revision.get("fiscal_year")
    return label if isinstance(label, int) and not isinstance(label, bool) else None


def _both(years: tuple[int, ...]) -> tuple[str, str]:
    """The fiscal years in Japanese and in English: 「令和6年度（FY2024）」 / "FY2024 (令和6年度)"."""
    ja = "か".join(f"{reiwa_label(y)}（FY{y}）" for y in years)
    en = " or ".join(f"FY{y} ({reiwa_label(y)})" for y in years)
    return ja, en


def revision_year_findings(document: YamlDocument) -> list[Finding]:
    """X013: each revision whose `fiscal_year` does not contain its `adopted_on`."""
    data = document.data
    if not isinstance(data, dict):
        return []
    raw = data.get("revisions")
    findings: list[Finding] = []
    for index, revision in enumerate(raw if isinstance(raw, list) else []):
        if not isinstance(revision, dict):
            continue
        label = revision.get("fiscal_year")
        actual = adoption_fiscal_years(revision.get("adopted_on"))
        if not isinstance(label, int) or isinstance(label, bool) or not actual:
            continue
        if label in actual:
            continue
        path = ("revisions", index, "fiscal_year")
        actual_ja, actual_en = _both(actual)
        findings.append(
            codes.X013.make(
                document.path,
                document.position(path),
                json_path(path),
                number=str(revision.get("number", index + 1)),
                fy_label=reiwa_label(label),
                fy=str(label),
                adopted=str(revision["adopted_on"]),
                actual=actual_ja,
                actual_en=actual_en,
                suggested=" か ".join(map(str, actual)),
                suggested_en=" or ".join(map(str, actual)),
            )
        )
    return findings
