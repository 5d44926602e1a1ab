"""Write the one survey workbook (`renkei.workbook.book.Book`) as the parts of an .xlsx file.

openpyxl writes the workbook's frame: every part, each sheet's header row with its style and
comment, the column widths, the drop-downs, the frozen header, the filter, the print setup and
the protection. The rows, nearly all of the bytes, are then written into each sheet's
`<sheetData>` by `renkei.workbook.sheet_rows`, byte for byte as openpyxl would write them, at a
fraction of the time (tests/bundle/test_survey_rows.py compares the two).

Protection guards the structure only: the workbook's sheets cannot be added, removed or renamed,
and the information and read-only sheets cannot be edited, while every sheet can be sorted and
filtered. Every sheet prints landscape on A4, fitted to the page's width, its header row on every
page, its print area the table.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from renkei.escape.spreadsheet import is_formula_like
from renkei.registry.machine_readability import sheet_parts, tabular_text, writable
from renkei.workbook.book import (
    CODE_HEADERS,
    DEFINITION_HEADERS,
    KIND_JA,
    Book,
    BookSheet,
    code_table,
    definition_rows,
    instructions,
)
from renkei.workbook.frame_save import saved_parts
from renkei.workbook.layout import CODES_SHEET, DEFINITIONS_SHEET, INSTRUCTIONS_SHEET
from renkei.workbook.sheet_rows import rows_xml, styled_rows_xml

MAX_WIDTH = 40
#: Rows below the data that the drop-downs still cover (for new rows).
SPARE_ROWS = 1000
_DIMENSION = re.compile(rb'<dimension ref="[^"]*" />')
_SHEET_DATA_END = b"</sheetData>"
_BOLD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_text(cell: Cell | MergedCell, value: str) -> None:
    """Write VALUE into CELL as text, never as a formula."""
    cell.value = writable(value)
    if is_formula_like(value):
        cell.data_type = "s"  # never a formula


@functools.lru_cache(maxsize=1 << 16)
def text_width(text: str) -> int:
    """How many narrow characters' width TEXT takes (wide characters count two); kept for the
    texts seen (the same labels and headers come back in every workbook)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_widths(headers: list[str], rows: list[list[str]]) -> list[int]:
    """Each column's width: the widest of its header and values, from 8 to MAX_WIDTH."""
    widths = [text_width(h) + 2 for h in headers]
    for row in rows:
        for column, value in enumerate(row[: len(widths)]):
            if len(value) + 2 > widths[column]:
                widths[column] = max(widths[column], text_width(value) + 2)
    return [min(max(width, 8), MAX_WIDTH) for width in widths]


def _sheet_setup(ws: Worksheet, width: int, height: int, read_only: bool) -> None:
    """Header frozen and filtered, print setup, and for a read-only sheet its protection."""
    last = f"{get_column_letter(max(width, 1))}{max(height, 1)}"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}"
    ws.print_title_rows = "$1:$1"
    ws.print_area = f"A1:{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = True
    if read_only:
        ws.protection.sheet = True
        ws.protection.sort = False  # False: allowed
        ws.protection.autoFilter = False


def _header(ws: Worksheet, headers: list[str], widths: list[int]) -> None:
    style = None
    for index, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell: Any = ws.cell(row=1, column=index)  # Any: the stubs leave out its _style
        write_text(cell, text)
        if style is None:
            cell.font, cell.fill = _BOLD, _FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            style = cell._style
        else:  # the same font, fill and alignment: the first cell's style, registered once
            cell._style = copy.copy(style)
        ws.column_dimensions[get_column_letter(index)].width = width


def _row_height(row: list[Any], widths: list[int]) -> float:
    """The height of a row of wrapped text: its tallest cell's lines at 15 points a line."""
    # A column W wide holds about 0.85 W narrow characters of wrapped text (spreadsheets draw
    # wide characters a little wider than two narrow ones).
    lines = [
        -(-text_width(str(v)) // max(int(w * 0.85), 1)) for v, w in zip(row, widths, strict=False)
    ]
    return 15.0 * max([1, *lines])


@dataclass(frozen=True, slots=True)
class InfoSheet:
    """An information sheet (説明, 項目定義, コード表): its title, headers, rows and widths."""

    title: str
    headers: list[str]
    rows: list[list[str | int]]
    widths: list[int]

    def heights(self) -> list[float]:
        """Each row's height, for its wrapped text."""
        return [_row_height(row, self.widths) for row in self.rows]


def info_sheets(book: Book, code_rows: list[list[str]] | None = None) -> list[InfoSheet]:
    """The three information sheets of BOOK, in order; their text as a cell holds it (the
    schemas' descriptions may hold ①, written as 1). CODE_ROWS: BOOK's コード表 rows, when
    `code_table` has already made them."""
    if code_rows is None:
        code_rows, _ = code_table(book.lists)
    numbered: list[list[str | int]] = [
        [i, ja, en] for i, (ja, en) in enumerate(instructions(book), 1)
    ]
    return [
        InfoSheet(INSTRUCTIONS_SHEET, ["番号（no）", "説明", "Description"],
                  _as_cells(numbered), [10, 80, 60]),
        InfoSheet(DEFINITIONS_SHEET, list(DEFINITION_HEADERS), _as_cells(definition_rows(book)),
                  [18, 8, 30, 28, 22, 8, 30, 14, 10, 60]),
        InfoSheet(CODES_SHEET, list(CODE_HEADERS), _as_cells(code_rows), [22, 28, 30, 40]),
    ]  # fmt: skip


def _as_cells(rows: Sequence[Sequence[str | int]]) -> list[list[str | int]]:
    return [[_cell_text(v) for v in row] for row in rows]


def _cell_text(value: str | int) -> str | int:
    return tabular_text(value) if isinstance(value, str) and value else value


def _info_frame(ws: Worksheet, sheet: InfoSheet) -> None:
    """An information sheet's header and setup; its rows are written by `book_parts`."""
    _header(ws, sheet.headers, sheet.widths)
    _sheet_setup(ws, len(sheet.headers), len(sheet.rows) + 1, read_only=True)


def _data_frame(ws: Worksheet, sheet: BookSheet, ranges: dict[str, str]) -> None:
    columns = sheet.spec.columns
    headers = sheet.headers
    _header(ws, headers, column_widths(headers, sheet.rows))
    last_row = len(sheet.rows) + 1 + SPARE_ROWS
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        lines = [column.en, f"field: {column.key}", KIND_JA[column.kind]]
        if column.required:
            lines.append("必須 / required")
        ws.cell(row=1, column=index).comment = Comment("\n".join(lines), "renkei", 120, 300)
        dimension = ws.column_dimensions[letter]
        if column.kind not in ("integer", "fiscal_year", "number"):
            dimension.number_format = "@"
        list_name = column.list_name
        if sheet.editable and list_name in ranges and not column.hidden and list_name:
            validation = DataValidation(
                type="list",
                formula1=ranges[list_name],
                allow_blank=True,
                showErrorMessage=False,  # the import reads ids, labels and their variants
                showInputMessage=True,
                promptTitle=column.ja[:32],
                prompt=f"{KIND_JA[column.kind]}（{CODES_SHEET}: {list_name}）"[:255],
            )
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last_row}")
    _sheet_setup(ws, len(columns), len(sheet.rows) + 1, read_only=not sheet.editable)


@dataclass(frozen=True, slots=True)
class Frame:
    """The workbook without its sheets' rows, and the style number of the information
    sheets' cells (wrapped text, aligned at the top)."""

    workbook: Workbook
    wrap_style: int
    infos: list[InfoSheet]


def frame(book: Book) -> Frame:
    """The workbook without its sheets' rows (the headers only)."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)  # a new workbook has one worksheet, active
    naive = book.when.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.creator = "renkei"
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.title = "DRAFT" if book.draft else "survey"
    code_rows, ranges = code_table(book.lists)
    infos = info_sheets(book, code_rows)
    for index, info in enumerate(infos):
        ws = first if index == 0 else workbook.create_sheet(info.title)
        ws.title = info.title
        _info_frame(ws, info)
    for sheet in book.sheets:
        _data_frame(workbook.create_sheet(sheet.spec.name[:31]), sheet, ranges)
    # The information cells' style, registered through a cell of a sheet made for it alone.
    scratch = workbook.create_sheet()
    styled = scratch.cell(row=1, column=1)
    styled.alignment = _WRAP
    wrap_style = styled.style_id
    workbook.remove(scratch)
    workbook.active = len(workbook.sheetnames) - len(book.sheets)
    workbook.security = WorkbookProtection(lockStructure=True)
    return Frame(workbook, wrap_style, infos)


def _with_rows(part: bytes, width: int, height: int, rows: str) -> bytes:
    """A sheet part of the frame with ROWS (the `<row>` elements from row 2 on) written into
    it, and its dimension (the cells' extent, WIDTH columns and HEIGHT rows) as openpyxl gives
    it when it writes them itself."""
    if not rows or width == 0:
        return part  # no cell at all
    extent = f'<dimension ref="A1:{get_column_letter(width)}{height}" />'
    part = _DIMENSION.sub(extent.encode(), part, count=1)
    data = rows.encode()
    if _SHEET_DATA_END in part:
        return part.replace(_SHEET_DATA_END, data + _SHEET_DATA_END, 1)
    return part.replace(b"<sheetData />", b"<sheetData>" + data + _SHEET_DATA_END, 1)


def _data_rows(part: bytes, sheet: BookSheet) -> bytes:
    rows = sheet.rows
    if not rows:
        return part
    width = max(len(sheet.spec.columns), *(len(row) for row in rows))
    xml = rows_xml(rows, [c.kind for c in sheet.spec.columns]) if width else ""
    return _with_rows(part, width, len(rows) + 1, xml)


def _info_rows(part: bytes, sheet: InfoSheet, style: int) -> bytes:
    if not sheet.rows:
        return part
    width = max(len(sheet.headers), *(len(row) for row in sheet.rows))
    xml = styled_rows_xml(sheet.rows, style, sheet.heights())
    return _with_rows(part, width, len(sheet.rows) + 1, xml)


def frame_parts(workbook: Workbook) -> dict[str, bytes]:
    """A workbook's parts as openpyxl saves them, in its order (`renkei.workbook.frame_save`)."""
    return saved_parts(workbook)


def book_parts(book: Book) -> dict[str, bytes]:
    """The workbook's parts (file name → bytes, in openpyxl's order), rows included."""
    framed = frame(book)
    files = frame_parts(framed.workbook)
    by_name = {s.spec.name[:31]: s for s in book.sheets}
    infos = {s.title: s for s in framed.infos}
    with zipfile.ZipFile(io.BytesIO(zip_parts(files, zipfile.ZIP_STORED))) as archive:
        parts = sheet_parts(archive)  # which part holds which sheet
    for part in parts:
        if part.title in by_name:
            files[part.part] = _data_rows(files[part.part], by_name[part.title])
        elif part.title in infos:
            files[part.part] = _info_rows(files[part.part], infos[part.title], framed.wrap_style)
    return files


def zip_parts(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The parts as a zip (deflated unless COMPRESSION says otherwise, in order), as an .xlsx
    file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
