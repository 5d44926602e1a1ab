"""survey.xlsx: the bundle's tables as a workbook people open in Excel.

One sheet per table, Japanese headers (the ASCII field name as a comment), the header row frozen,
column widths from the content, drop-down lists for enumerations. Formula-like text
(renkei.escape.spreadsheet) is written as text, never as a formula. No merged cells, hidden rows or formulas
(machine-readability rules L1-12, L1-13, L2-06).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from renkei.bundle.reprozip import normalise_zip
from renkei.bundle.tables import Table
from renkei.escape.spreadsheet import is_formula_like
from renkei.registry.machine_readability import writable

MAX_WIDTH = 60


def japanese_title(field: dict[str, Any]) -> str:
    """The Japanese part of a field's title (its name without one)."""
    title = str(field.get("title") or field["name"])
    return title.split(" / ", 1)[0]


def write_text(cell: Cell | MergedCell, value: str) -> None:
    """Write VALUE into CELL as text, never as a formula."""
    cell.value = writable(value)
    if is_formula_like(value):
        cell.data_type = "s"  # never a formula


def workbook_bytes(tables: list[Table], when: dt.datetime, draft: bool = False) -> bytes:
    """survey.xlsx: one sheet per table, header first, timestamps of WHEN."""
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
        widths = []
        for column, field in enumerate(table.fields, start=1):
            header = sheet.cell(row=1, column=column)
            write_text(header, japanese_title(field))
            header.font = bold
            header.fill = fill
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
            sheet.column_dimensions[letter].width = min(max(widths[column - 1], 8), MAX_WIDTH)
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
    return normalise_zip(buffer.getvalue(), when)
