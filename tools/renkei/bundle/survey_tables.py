"""The bundle's table of survey rounds, made from surveys.yaml (only when the folder has one):
one row per round, the coverage as two integer columns (notice of 2024-05-10, 記2(1))."""

from __future__ import annotations

from typing import Any

from renkei.bundle.tables import Table, cell
from renkei.registry.snapshot import PrefectureState

#: (column, title, type): the columns of survey-rounds.csv and the survey workbook's sheet.
COLUMNS = [
    ("id", "回の ID / Round id", "string"),
    ("instrument", "調査様式 / Instrument", "string"),
    ("fiscal_year", "年度 / Fiscal year", "integer"),
    ("requested_by", "依頼文書 / Requested by", "string"),
    ("due", "提出期限 / Due", "string"),
    ("submitted_on", "送付日 / Submitted on", "string"),
    ("submitted_to", "送付先 / Submitted to", "string"),
    ("answered", "把握できた団体数 / Municipalities answered", "integer"),
    ("total", "対象の団体数 / Municipalities asked", "integer"),
    ("notes", "備考 / Notes", "string"),
]
INSTRUMENTS = ["bessoe1", "own_format", "data_map", "other"]


def _fields() -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = []
    for name, title, kind in COLUMNS:
        field: dict[str, Any] = {"name": name, "title": title, "type": kind}
        if name == "id":
            field["constraints"] = {"required": True}
        elif name == "instrument":
            field["constraints"] = {"enum": INSTRUMENTS}
        fields.append(field)
    return fields


def survey_tables(state: PrefectureState) -> list[Table]:
    """[survey-rounds] when the folder has surveys.yaml, else no table."""
    if state.surveys is None:
        return []
    rows = []
    for item in state.surveys.get("rounds") or []:
        if not isinstance(item, dict):
            continue
        coverage = item.get("coverage")
        counts = coverage if isinstance(coverage, dict) else {}
        rows.append(
            [
                cell(counts.get(name)) if name in ("answered", "total") else cell(item.get(name))
                for name, _, _ in COLUMNS
            ]
        )
    return [Table("survey-rounds", "市区町村調査の回 / Survey rounds", _fields(), rows, ["id"])]
