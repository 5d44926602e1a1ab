"""Importing a workbook or a CSV file into a prefecture: refuse an unsafe or unreadable file
with its finding, read the rows, and plan the new files (validated and diffed, nothing
written; `renkei.workbook.apply.write_plan` writes them)."""

from __future__ import annotations

from pathlib import Path

from renkei.checks.table_schema import load_table_schema
from renkei.findings import codes
from renkei.findings.model import Position
from renkei.workbook.apply import Plan, import_rows
from renkei.workbook.csv_read import read_csv
from renkei.workbook.layout import datamap_sheets, standard_sheets, table_sheet
from renkei.workbook.read import open_workbook, read_workbook
from renkei.workbook.safety import UnsafeWorkbook, check_workbook_file
from renkei.workbook.source import PrefectureData


def plan_workbook_import(
    root: Path, data: PrefectureData, workbook: Path, layout: str, display: str
) -> Plan:
    """The plan of importing `workbook` (in the `standard` or `datamap` layout) into the
    prefecture `data` was read from. A refused or damaged workbook is a plan with its finding
    and nothing to change."""
    try:
        check_workbook_file(workbook)
    except UnsafeWorkbook as error:
        plan = Plan(data.folder, display)
        params = {"name": workbook.name, "detail": "", **error.params}
        plan.findings.append(error.finding_type.make_from(display, Position(1, 1), params))
        return plan
    specs = standard_sheets(root) if layout == "standard" else datamap_sheets(root)
    try:
        loaded = open_workbook(workbook)
    except Exception as error:  # openpyxl's many ways of failing on a damaged file
        plan = Plan(data.folder, display)
        plan.findings.append(
            codes.W001.make(
                display, Position(1, 1), "", name=workbook.name, detail=f"{type(error).__name__}"
            )
        )
        return plan
    result = read_workbook(root, workbook, specs, display, loaded)
    return import_rows(root, data, result, display)


def plan_csv_import(
    root: Path, data: PrefectureData, csv_file: Path, table: str, display: str, merge: bool = False
) -> Plan:
    """The plan of importing a CSV file (UTF-8 or CP932) into the prefecture's `table`; with
    `merge`, its rows update the rows of the same primary key and add new ones, and the table's
    other rows stay as they are (answers about some municipalities only)."""
    result = read_csv(root, csv_file, table_sheet(root, table), display)
    keys = None
    if merge:
        key = load_table_schema(root, table).get("primaryKey") or []
        keys = {table: [key] if isinstance(key, str) else list(key)}
    return import_rows(root, data, result, display, keys)
