"""survey.xlsx written row by row (renkei.workbook.sheet_rows) against openpyxl writing every
cell itself: the same bytes, and, read back with openpyxl, the same sheets, cells, types, styles,
comments, drop-downs, panes, widths, filters, print setup and protection. On a SYNTHETIC registry
made by benchmarks/generate_registry.py and on a table of edge cases."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Alignment

from renkei.bundle.build import _tables
from renkei.bundle.reprozip import build_zip, modified_stamped
from renkei.bundle.survey_xlsx import book_bytes as workbook_bytes
from renkei.bundle.survey_xlsx import survey_book
from renkei.registry.machine_readability import check_workbook
from renkei.registry.snapshot import parse_snapshot
from renkei.workbook.book import Book, BookSheet, read_only_sheet
from renkei.workbook.cells import to_cell
from renkei.workbook.layout import Column, SheetSpec
from renkei.workbook.write import frame, write_text

WHEN = dt.datetime(2025, 5, 1, 1, 0, tzinfo=dt.UTC)
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def openpyxl_workbook(book: Book) -> bytes:
    """survey.xlsx with every cell written through openpyxl (the row writers' reference)."""
    framed = frame(book)
    workbook = framed.workbook
    for info in framed.infos:
        target = workbook[info.title]
        for row_index, (info_row, height) in enumerate(
            zip(info.rows, info.heights(), strict=True), start=2
        ):
            target.row_dimensions[row_index].height = height
            for column, info_value in enumerate(info_row, start=1):
                cell = target.cell(row=row_index, column=column)
                if isinstance(info_value, str):
                    if info_value:
                        write_text(cell, info_value)
                else:
                    cell.value = info_value
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for sheet in book.sheets:
        target = workbook[sheet.spec.name[:31]]
        kinds = [c.kind for c in sheet.spec.columns]
        for row_index, row in enumerate(sheet.rows, start=2):
            for column, value in enumerate(row, start=1):
                cell = target.cell(row=row_index, column=column)  # an empty row is still a row
                if value == "":
                    continue
                kind = kinds[column - 1] if column <= len(kinds) else "text"
                typed = (
                    to_cell(value, kind) if kind in ("integer", "fiscal_year", "number") else value
                )
                if isinstance(typed, str):
                    write_text(cell, typed)
                else:
                    cell.value = typed
    buffer = io.BytesIO()
    workbook.save(buffer)  # openpyxl's own save, not renkei.workbook.frame_save
    with zipfile.ZipFile(buffer) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    return build_zip(modified_stamped(files, book.when), book.when, sort=False)


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


def assert_same_workbook(book: Book) -> bytes:
    new = workbook_bytes(book)
    old = openpyxl_workbook(book)
    assert read_back(new) == read_back(old)
    assert new == old
    assert check_workbook("survey.xlsx", new) == check_workbook("survey.xlsx", old)
    return new


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        generate = importlib.import_module("generate_registry").generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    root = generate(tmp_path_factory.mktemp("synthetic") / "registry", platforms=120)
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    return root, files


@pytest.mark.parametrize("folder", ["01-hokkaido", "13-tokyo", "47-okinawa"])
def test_row_writer_matches_openpyxl_on_a_synthetic_registry(
    synthetic: tuple[Path, dict[str, bytes]], folder: str
) -> None:
    root, files = synthetic
    state = parse_snapshot(files, {folder}).prefectures[folder]
    tables = _tables(state, files)
    book = survey_book(root, state, files, tables, WHEN)
    assert sum(len(s.rows) for s in book.sheets) > 100, "the generator wrote too little to compare"
    new = assert_same_workbook(book)
    workbook = load_workbook(io.BytesIO(new))
    assert workbook.sheetnames[:4] == ["説明", "項目定義", "コード表", "platforms"]
    assert workbook.sheetnames[3:] == [s.spec.name for s in book.sheets]
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


def edge_book(sheets: list[tuple[str, list[dict[str, Any]], list[list[str]]]],
              draft: bool = False) -> Book:  # fmt: skip
    """A SYNTHETIC book: each (name, fields, rows) once as a data sheet, once read-only."""
    out = []
    for name, fields, rows in sheets:
        columns = tuple(
            Column(f["name"], f.get("title", f["name"]).split(" / ")[0], f["name"],
                   {"integer": "integer", "number": "number"}.get(f.get("type", ""), "text"))
            for f in fields
        )  # fmt: skip
        out.append(BookSheet(SheetSpec(name, f"{name}.csv", name, columns), rows))
        out.append(read_only_sheet("modules" if name == "edge" else name + "-ro", fields, rows))
    return Book("SYNTHETIC", "99", WHEN, out, {"text": [("a", "エー", "a"), ("b", "ビー", "b")]},
                draft=draft)  # fmt: skip


def test_row_writer_matches_openpyxl_on_edge_cases() -> None:
    sheets = [
        ("edge", FIELDS, EDGE_ROWS),
        ("empty", FIELDS, []),
        ("a-sheet-name-longer-than-thirty-one", FIELDS[:2], [["x", "1"]]),
    ]
    assert_same_workbook(edge_book(sheets))
    assert_same_workbook(edge_book(sheets, draft=True))


def test_the_workbook_rules_still_find_what_they_find_cell_by_cell() -> None:
    rows = [["ok", "1", "", ""], ["x", "2", "", "①"], ["y", "3", "", "a\nb"], ["z", "", "", "②"]]
    data = workbook_bytes(
        Book(
            "SYNTHETIC",
            "99",
            WHEN,
            [
                BookSheet(
                    SheetSpec(
                        "t", "t.csv", "t", edge_book([("t", FIELDS, [])]).sheets[0].spec.columns
                    ),
                    rows,
                )
            ],
        )
    )
    failed = {r.rule: r.detail for r in check_workbook("survey.xlsx", data) if not r.passed}
    assert failed == {"L1-08": "t!D3: U+2460", "L1-14": "t!D4: U+000A"}
    clean = workbook_bytes(edge_book([("t", FIELDS, rows[:1])]))
    assert all(r.passed for r in check_workbook("survey.xlsx", clean))
