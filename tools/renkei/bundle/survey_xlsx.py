"""survey.xlsx: the bundle's tables as a workbook people open in Excel.

One sheet per table, Japanese headers (the ASCII field name as a comment), the header row frozen,
column widths from the content, drop-down lists for enumerations. Formula-like text
(renkei.escape.spreadsheet) is written as text, never as a formula. No merged cells, hidden rows or formulas
(machine-readability rules L1-12, L1-13, L2-06).

openpyxl writes the workbook's frame: every part, the header rows with their styles and
comments, the column widths, the drop-down lists and the frozen panes. The data rows, nearly all
of the workbook's bytes, are then written into each sheet's `<sheetData>` by `renkei.bundle.
sheet_rows`, byte for byte as openpyxl would write them, at a fraction of the time (openpyxl
builds an object per cell and an element tree per cell to serialise it).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from renkei.bundle.reprozip import build_zip, modified_stamped
from renkei.bundle.sheet_rows import rows_xml
from renkei.bundle.tables import Table
from renkei.escape.spreadsheet import is_formula_like
from renkei.registry.machine_readability import sheet_parts, writable

MAX_WIDTH = 60
_DIMENSION = re.compile(rb'<dimension ref="[^"]*" />')
_SHEET_DATA_END = b"</sheetData>"


def japanese_title(field: dict[str, Any]) -> str:
    """The Japanese part of a field's title (its name without one)."""
    title = str(field.get("title") or field["name"])
    return title.split(" / ", 1)[0]


def write_text(cell: Cell | MergedCell, value: str) -> None:
    """Write VALUE into CELL as text, never as a formula."""
    cell.value = writable(value)
    if is_formula_like(value):
        cell.data_type = "s"  # never a formula


def column_widths(table: Table) -> list[int]:
    """Each column's width: the longest of its header (twice: wide characters) and its values,
    at least 8 and at most MAX_WIDTH."""
    widths = [len(japanese_title(field)) * 2 for field in table.fields]
    for row in table.rows:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], len(value) + 2)
    return [min(max(width, 8), MAX_WIDTH) for width in widths]


def _frame(tables: list[Table], when: dt.datetime, draft: bool) -> Workbook:
    """The workbook without its data rows: sheets, headers, widths, drop-downs, panes."""
    workbook = Workbook()
    default_sheet = workbook.active
    assert isinstance(default_sheet, Worksheet)  # a new workbook has one worksheet, active
    workbook.remove(default_sheet)
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.creator = "renkei"
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.title = "DRAFT" if draft else "survey"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for table in tables:
        sheet = workbook.create_sheet(table.name[:31])
        for column, field in enumerate(table.fields, start=1):
            header = sheet.cell(row=1, column=column)
            write_text(header, japanese_title(field))
            header.font = bold
            header.fill = fill
            header.comment = Comment(field["name"], "renkei")
        for column, (field, width) in enumerate(
            zip(table.fields, column_widths(table), strict=True), start=1
        ):
            letter = get_column_letter(column)
            sheet.column_dimensions[letter].width = width
            allowed = field.get("constraints", {}).get("enum")
            if allowed and len(",".join(allowed)) < 250:
                validation = DataValidation(
                    type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True
                )
                validation.error = "一覧から選んでください / Choose from the list"
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{max(len(table.rows) + 1, 2) + 500}")
        sheet.freeze_panes = "A2"
    return workbook


def _with_rows(part: bytes, table: Table) -> bytes:
    """A sheet part of the frame with TABLE's data rows written into it, and its dimension
    (the cells' extent) as openpyxl gives it when it writes them itself."""
    if not table.rows:
        return part
    width = max(len(table.fields), *(len(row) for row in table.rows))
    if width == 0:
        return part  # no cell at all
    extent = f'<dimension ref="A1:{get_column_letter(width)}{len(table.rows) + 1}" />'
    part = _DIMENSION.sub(extent.encode(), part, count=1)
    data = rows_xml(table).encode()
    if _SHEET_DATA_END in part:
        return part.replace(_SHEET_DATA_END, data + _SHEET_DATA_END, 1)
    return part.replace(b"<sheetData />", b"<sheetData>" + data + _SHEET_DATA_END, 1)


def workbook_bytes(tables: list[Table], when: dt.datetime, draft: bool = False) -> bytes:
    """survey.xlsx: one sheet per table, header first, timestamps of WHEN."""
    buffer = io.BytesIO()
    _frame(tables, when, draft).save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
        for sheet, table in zip(sheet_parts(archive), tables, strict=True):
            files[sheet.part] = _with_rows(files[sheet.part], table)
    return build_zip(modified_stamped(files, when), when, sort=False)
