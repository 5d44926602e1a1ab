"""Checks across a prefecture's tables on the Data Map and KPI dimensions: a touchpoint indicator
names a touchpoint valid for it (X016, GB3 §14.2), a KPI's service is one of its platform's
services (X018, GB3 §8.3), a municipality's survey round is in surveys.yaml (X017, notice 記2(1)),
and pseudonymised data is not provided to others (A017, GB3 §15.3 ①)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from renkei.checks.suggest import nearest
from renkei.checks.table_rows import TypedRow
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.csv_loader import CsvTable
from renkei.registry.reference import Term

#: GB3 §14.2, table タッチポイント施策の評価観点: each touchpoint indicator and the touchpoints
#: whose 評価指標 list it (登録率 is listed for two).
TOUCHPOINT_INDICATORS: dict[str, tuple[str, ...]] = {
    "registration_rate": ("my_number_card", "maternal_handbook"),
    "first_login_rate": ("my_number_card",),
    "checkup_booking_use_rate": ("maternal_handbook",),
    "newcomer_registration_rate": ("moving_in",),
    "within_30_days_use_rate": ("moving_in",),
    "notification_open_rate": ("infant_checkup",),
    "continued_use_rate": ("infant_checkup",),
    "proxy_registration_rate": ("elderly_counter",),
    "enquiry_reduction_rate": ("elderly_counter",),
}


def _cell(table: CsvTable, typed: TypedRow, column: str) -> tuple[Any, str]:
    index = typed.columns.get(column, 0)
    return table.cell_position(typed.row.line, index, typed.row.cells), (
        f"row {typed.row.number}, column {column}"
    )


def _label(terms: Mapping[str, Term], value: str) -> str:
    term = terms.get(value)
    return term.label_ja if term is not None else value


def touchpoint_findings(
    table: CsvTable,
    rows: Iterable[TypedRow],
    indicators: Mapping[str, Term],
    touchpoints: Mapping[str, Term],
) -> list[Finding]:
    """X016 for each kpis.csv row of a §14.2 touchpoint indicator whose touchpoint is empty or
    not one the guidebook lists for the indicator (a bad enum value has its own finding)."""
    findings: list[Finding] = []
    for typed in rows:
        indicator = typed.values.get("indicator")
        allowed = TOUCHPOINT_INDICATORS.get(indicator) if isinstance(indicator, str) else None
        if allowed is None or "touchpoint" not in typed.columns:
            continue
        value = typed.values.get("touchpoint")
        if value is None and typed.row.cells[typed.columns["touchpoint"]]:
            continue  # not a touchpoint at all: reported by the Table Schema check
        if value in allowed:
            continue
        position, where = _cell(table, typed, "touchpoint")
        shown = f"「{value}」" if value else "空"
        findings.append(
            codes.X016.make(
                table.path,
                position,
                where,
                indicator=indicator,
                label=_label(indicators, str(indicator)),
                value=shown,
                value_en=f"'{value}'" if value else "empty",
                allowed="・".join(f"{_label(touchpoints, t)}（{t}）" for t in allowed),
                allowed_en=", ".join(f"{t} ({_label(touchpoints, t)})" for t in allowed),
                choices=", ".join(allowed),
            )
        )
    return findings


def kpi_service_findings(
    table: CsvTable, rows: Iterable[TypedRow], services: Iterable[TypedRow]
) -> list[Finding]:
    """X018 for each kpis.csv row whose service_name is not a services.csv service of the
    row's platform."""
    known = {
        (s.values.get("platform_id"), s.values.get("service_name"))
        for s in services
        if s.values.get("service_name") is not None
    }
    findings: list[Finding] = []
    for typed in rows:
        service = typed.values.get("service_name")
        platform = typed.values.get("platform_id")
        if service is None or platform is None or (platform, service) in known:
            continue
        position, where = _cell(table, typed, "service_name")
        findings.append(
            codes.X018.make(table.path, position, where, value=service, platform=platform)
        )
    return findings


def survey_round_ids(surveys: Any) -> list[str] | None:
    """The round ids of a loaded surveys.yaml (None when it is not a mapping of rounds)."""
    if not isinstance(surveys, dict) or not isinstance(surveys.get("rounds"), list):
        return None
    return [
        r["id"] for r in surveys["rounds"] if isinstance(r, dict) and isinstance(r.get("id"), str)
    ]


def survey_round_findings(
    table: CsvTable, rows: Iterable[TypedRow], round_ids: list[str], surveys_file: str
) -> list[Finding]:
    """X017 for each municipalities.csv row whose survey_round is not a round of surveys.yaml
    (none are when the folder has no surveys.yaml: `round_ids` empty)."""
    known = set(round_ids)
    findings: list[Finding] = []
    for typed in rows:
        value = typed.values.get("survey_round")
        if not isinstance(value, str) or value in known:
            continue
        position, where = _cell(table, typed, "survey_round")
        findings.append(
            codes.X017.make(
                table.path,
                position,
                where,
                suggestion=nearest(value, round_ids),
                value=value,
                surveys=surveys_file,
                known=", ".join(round_ids) if round_ids else "なし / none",
            )
        )
    return findings


def pseudonymised_findings(table: CsvTable, rows: Iterable[TypedRow]) -> list[Finding]:
    """A017 for each data-assets.csv row with legal_class pseudonymised and a provided_to."""
    findings: list[Finding] = []
    for typed in rows:
        provided_to = typed.values.get("provided_to")
        if typed.values.get("legal_class") != "pseudonymised" or provided_to is None:
            continue
        position, where = _cell(table, typed, "provided_to")
        findings.append(
            codes.A017.make(
                table.path,
                position,
                where,
                dataset=str(typed.values.get("dataset_name") or "?"),
                provided_to=str(provided_to),
            )
        )
    return findings


#: A table as loaded and typed: the file and its rows.
LoadedTable = tuple[CsvTable, list[TypedRow]]


def dimension_findings(
    tables: Mapping[str, LoadedTable],
    surveys: Any,
    surveys_file: str,
    vocabularies: Mapping[str, Mapping[str, Term]],
) -> list[Finding]:
    """Every check of this module over one folder's loaded tables (by Table Schema name).

    `surveys` is the loaded surveys.yaml, None when the folder has none, or ... when it holds one
    that could not be read (survey rounds are then not checked)."""
    findings: list[Finding] = []
    if "kpis" in tables:
        kpis, rows = tables["kpis"]
        findings += touchpoint_findings(
            kpis, rows, vocabularies.get("kpi_indicator", {}), vocabularies.get("touchpoint", {})
        )
        if "services" in tables:
            findings += kpi_service_findings(kpis, rows, tables["services"][1])
    if "municipalities" in tables and surveys is not ...:
        ids = [] if surveys is None else survey_round_ids(surveys)
        if ids is not None:
            table, rows = tables["municipalities"]
            findings += survey_round_findings(table, rows, ids, surveys_file)
    if "data-assets" in tables:
        findings += pseudonymised_findings(*tables["data-assets"])
    return findings
