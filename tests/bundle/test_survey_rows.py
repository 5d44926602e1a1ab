"""survey.xlsx written row by row (renkei.bundle.sheet_rows) against openpyxl writing every
cell itself, as renkei did before: the same bytes, and, read back with openpyxl, the same
sheets, cells, types, styles, comments, drop-downs, panes, widths and protection. On a
SYNTHETIC registry made by benchmarks/generate_registry.py and on a table of edge cases."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from renkei.bundle.reprozip import build_zip, modified_stamped
from renkei.bundle.survey_xlsx import japanese_title, workbook_bytes, write_text
from renkei.bundle.tables import Table, platform_tables, registry_tables
from renkei.registry.layout import TABLES
from renkei.registry.machine_readability import check_workbook
from renkei.registry.snapshot import parse_snapshot

WHEN = dt.datetime(2025, 5, 1, 1, 0, tzinfo=dt.UTC)
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def openpyxl_workbook(tables: list[Table], when: dt.datetime, draft: bool = False) -> bytes:
    """survey.xlsx as renkei 0.x wrote it before the row writer: every cell through openpyxl."""
    workbook = Workbook()
    default_sheet = workbook.active
    assert isinstance(default_sheet, Worksheet)
    workbook.remove(default_sheet)
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.creator = "renkei"
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.title = "DRAFT" if draft else "survey"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        widths = []
        for column, field in enumerate(table.fields, start=1):
            header = sheet.cell(row=1, column=column)
            write_text(header, japanese_title(field))
            header.font, header.fill = bold, fill
            header.comment = Comment(field["name"], "renkei")
            widths.append(len(japanese_title(field)) * 2)
        for row_index, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                target = sheet.cell(row=row_index, column=column)
                field = table.fields[column - 1]
                if value != "" and field.get("type") in ("integer", "number"):
                    try:
                        target.value = int(value) if field["type"] == "integer" else float(value)
                    except ValueError:
                        write_text(target, value)
                elif value != "":
                    write_text(target, value)
                widths[column - 1] = max(widths[column - 1], len(value) + 2)
        for column, field in enumerate(table.fields, start=1):
            letter = get_column_letter(column)
            sheet.column_dimensions[letter].width = min(max(widths[column - 1], 8), 60)
            allowed = field.get("constraints", {}).get("enum")
            if allowed and len(",".join(allowed)) < 250:
                validation = DataValidation(
                    type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True
                )
                validation.error = "一覧から選んでください / Choose from the list"
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{max(len(table.rows) + 1, 2) + 500}")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    return build_zip(modified_stamped(files, when), when, sort=False)


def read_back(data: bytes) -> dict[str, Any]:
    """Everything openpyxl reads from a workbook that a person or a program would see."""
    workbook = load_workbook(io.BytesIO(data))
    sheets: dict[str, Any] = {}
    for sheet in workbook.worksheets:
        cells = [
            (c.coordinate, c.value, c.data_type, c.font.b, c.fill.fgColor.rgb,
             c.comment.text if c.comment else None, c.comment.author if c.comment else None)
            for row in sheet.iter_rows() for c in row
        ]  # fmt: skip
        validations = [
            (str(v.sqref), v.type, v.formula1, v.allow_blank, v.error, v.showDropDown)
            for v in sheet.data_validations.dataValidation
        ]
        widths = {k: d.width for k, d in sheet.column_dimensions.items()}
        protection = (sheet.protection.sheet, sheet.protection.password)
        sheets[sheet.title] = (
            cells, validations, widths, sheet.freeze_panes, protection, sheet.dimensions,
            sheet.merged_cells.ranges, sheet.sheet_state,
        )  # fmt: skip
    props = workbook.properties
    return {
        "sheets": sheets,
        "order": workbook.sheetnames,
        "properties": (props.creator, props.title, props.created, props.modified),
        "protection": workbook.security.lockStructure if workbook.security else None,
    }


def assert_same_workbook(tables: list[Table], draft: bool = False) -> bytes:
    new = workbook_bytes(tables, WHEN, draft)
    old = openpyxl_workbook(tables, WHEN, draft)
    assert read_back(new) == read_back(old)
    assert new == old  # bundles built before the row writer still verify byte for byte
    assert check_workbook("survey.xlsx", new) == check_workbook("survey.xlsx", old)
    return new


@pytest.fixture(scope="module")
def synthetic_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        generate = importlib.import_module("generate_registry").generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    root = generate(tmp_path_factory.mktemp("synthetic") / "registry", platforms=120)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("folder", ["01-hokkaido", "13-tokyo", "47-okinawa"])
def test_row_writer_matches_openpyxl_on_a_synthetic_registry(
    synthetic_files: dict[str, bytes], folder: str
) -> None:
    state = parse_snapshot(synthetic_files, {folder}).prefectures[folder]
    schemas = {
        name: json.loads(synthetic_files[f"schemas/tables/{name}.json"]) for name in TABLES.values()
    }
    tables = registry_tables(state, schemas) + platform_tables(state)
    assert sum(len(t.rows) for t in tables) > 100, "the generator wrote too little to compare"
    new = assert_same_workbook(tables)
    workbook = load_workbook(io.BytesIO(new))
    assert workbook.sheetnames == [t.name[:31] for t in tables]
    assert all(r.passed for r in check_workbook("survey.xlsx", new))


FIELDS: list[dict[str, Any]] = [
    {"name": "text", "title": "テキスト / Text", "constraints": {"enum": ["a", "b"]}},
    {"name": "count", "title": "件数 / Count", "type": "integer"},
    {"name": "share", "title": "割合 / Share", "type": "number"},
    {"name": "note"},
]
EDGE_ROWS = [
    ["=1+1", "12", "0.1", "+5"],
    ["-", "-3", "-0.25", "@SUM(A1)"],
    [" padded ", "1_000", "1e20", "#N/A"],
    ["a&b<c>\"'", "12345678901234567890", "nan", "#DIV/0!"],
    ["", "", "", ""],
    ["   ", "abc", "1.5.2", "\tTab"],
    ["line\nbreak", "", "inf", "x" * 40_000],
    ["ctl\x07char", " 7 ", "-0", "①"],
]


def test_row_writer_matches_openpyxl_on_edge_cases() -> None:
    tables = [
        Table("edge", "SYNTHETIC", FIELDS, EDGE_ROWS, ["text"]),
        Table("empty", "SYNTHETIC", FIELDS, [], ["text"]),
        Table("a-sheet-name-longer-than-thirty-one", "SYNTHETIC", FIELDS[:2], [["x", "1"]], []),
    ]
    assert_same_workbook(tables)
    assert_same_workbook(tables, draft=True)


def test_the_workbook_rules_still_find_what_they_find_cell_by_cell() -> None:
    rows = [["ok", "1", "", ""], ["x", "2", "", "①"], ["y", "3", "", "a\nb"], ["z", "", "", "②"]]
    data = workbook_bytes([Table("t", "SYNTHETIC", FIELDS, rows, [])], WHEN)
    failed = {r.rule: r.detail for r in check_workbook("survey.xlsx", data) if not r.passed}
    assert failed == {"L1-08": "t!D3: U+2460", "L1-14": "t!D4: U+000A"}
    clean = workbook_bytes([Table("t", "SYNTHETIC", FIELDS, rows[:1], [])], WHEN)
    assert all(r.passed for r in check_workbook("survey.xlsx", clean))
