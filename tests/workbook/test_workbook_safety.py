"""The workbook limits, counted while each sheet's XML streams: real rows per sheet and real
cells in all sheets, whatever a sheet declares as its dimension. Small limits keep the
workbooks small; the attack suite runs the command on a sheet over the default limits."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from renkei.workbook.safety import UnsafeWorkbook, WorkbookLimits, check_workbook_file

LIMITS = WorkbookLimits(max_rows=10, max_cells=25)


def workbook(path: Path, *sheets: tuple[int, int]) -> Path:
    """An .xlsx with one sheet per (rows, columns), every cell filled."""
    book = Workbook()
    book.remove(book.active)
    for number, (rows, columns) in enumerate(sheets):
        sheet = book.create_sheet(f"sheet{number}")
        for row in range(rows):
            sheet.append([f"r{row}c{column}" for column in range(columns)])
    book.save(path)
    return path


def rewrite_sheet(path: Path, change: dict[str, str]) -> None:
    """Replace text in the first sheet's XML (what a hand-made file could hold)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for old, new in change.items():
        assert old in xml, old
        xml = xml.replace(old, new, 1)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def refusal(path: Path) -> UnsafeWorkbook:
    with pytest.raises(UnsafeWorkbook) as raised:
        check_workbook_file(path, LIMITS)
    return raised.value


def test_sheets_at_the_limits_are_accepted(tmp_path: Path) -> None:
    check_workbook_file(workbook(tmp_path / "a.xlsx", (10, 1), (5, 3)), LIMITS)  # 10 rows, 25 cells


def test_a_sheet_with_a_row_too_many_is_refused(tmp_path: Path) -> None:
    error = refusal(workbook(tmp_path / "a.xlsx", (11, 1)))
    assert error.finding_type.code == "W004"
    assert error.params["detail"] == "xl/worksheets/sheet1.xml: more than 10 rows"


def test_cells_are_counted_over_all_sheets(tmp_path: Path) -> None:
    error = refusal(workbook(tmp_path / "a.xlsx", (5, 3), (5, 2), (1, 1)))  # 15 + 10 + 1
    assert error.finding_type.code == "W004"
    assert error.params["detail"] == "more than 25 cells in all sheets"


def test_rows_are_counted_per_sheet(tmp_path: Path) -> None:
    check_workbook_file(workbook(tmp_path / "a.xlsx", (8, 1), (8, 1)), LIMITS)


def test_a_declared_dimension_is_not_what_counts(tmp_path: Path) -> None:
    path = workbook(tmp_path / "a.xlsx", (3, 2))
    rewrite_sheet(path, {'<dimension ref="A1:B3" />': '<dimension ref="A1:XFD1048576" />'})
    check_workbook_file(path, LIMITS)


def test_a_document_type_declaration_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "a.xlsx", (1, 1))
    rewrite_sheet(path, {"<worksheet": '<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet'})
    error = refusal(path)
    assert error.finding_type.code == "W001"
    assert "DOCTYPE" in str(error.params["detail"])
