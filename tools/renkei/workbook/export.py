"""`renkei export-xlsx`: the survey workbook (`renkei.workbook.book`) prefilled with a
prefecture's data, the same workbook as the bundle's survey.xlsx.

Every cell is a value, never a formula: formula-like text (renkei.escape.spreadsheet) is stored
as text. The workbook meets the Agency's machine-readability rules: one table per sheet starting
in A1, no merged cells, no formulas, no objects, codes with a code table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from renkei.registry.display_labels import DisplayLabels
from renkei.registry.machine_readability import UNWRITABLE
from renkei.registry.reference import Reference
from renkei.registry.safe_files import (
    check_writable,
    default_file_mode,
    move_into_place,
    stage_beside,
)
from renkei.workbook.book import Book, BookSheet, code_lists
from renkei.workbook.layout import HIDDEN_ID, SheetSpec, datamap_sheets, standard_sheets
from renkei.workbook.source import PrefectureData, platform_cell_text, read_prefecture
from renkei.workbook.vision_sheet import vision_sheet
from renkei.workbook.write import book_parts, zip_parts


class UnwritableValue(ValueError):
    """A value holding a character no workbook can hold (R013: `renkei validate` names it)."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def sheet_rows(sheet: SheetSpec, platforms: list[dict[str, Any]],
               tables: dict[str, tuple[list[str], list[list[str]]]]) -> list[list[str]]:  # fmt: skip
    """A data sheet's rows as registry text: platforms by their scalar fields (the last,
    hidden column the id as exported), a table's rows in the sheet's column order."""
    if sheet.table is None:
        rows = []
        for platform in platforms:
            row = [platform_cell_text(platform.get(c.key)) for c in sheet.columns[:-1]]
            rows.append([*row, platform_cell_text(platform.get("id"))])
        return rows
    header, table_rows = tables.get(sheet.table, ([], []))
    out = []
    for row in table_rows:
        values = dict(zip(header, row, strict=False))
        out.append([values.get(c.key, "") for c in sheet.columns])
    return out


def _check_writable_values(sheets: list[BookSheet]) -> None:
    for sheet in sheets:
        for r, row in enumerate(sheet.rows, start=2):
            for c, value in enumerate(row):
                if UNWRITABLE.search(value):
                    from openpyxl.utils import get_column_letter

                    raise UnwritableValue(f"{sheet.spec.name}!{get_column_letter(c + 1)}{r}")


def build_book(root: Path, folder: str, layout: str = "standard",
               when: dt.datetime | None = None) -> Book:  # fmt: skip
    """The survey workbook of a prefecture folder (`layout` "standard" or "datamap")."""
    data: PrefectureData = read_prefecture(root, folder)
    reference = Reference(root)
    code = folder.split("-", 1)[0]
    prefecture = reference.prefectures.get(code)
    name = prefecture.name if prefecture else folder
    specs = standard_sheets(root) if layout == "standard" else datamap_sheets(root)
    plain = layout != "standard"
    sheets = [BookSheet(s, sheet_rows(s, data.platforms, data.tables), plain_headers=plain)
              for s in specs]  # fmt: skip
    _check_writable_values(sheets)
    ids = [str(p["id"]) for p in data.platforms if isinstance(p.get("id"), str)]
    for header, rows in data.tables.values():
        if "platform_id" in header:
            index = header.index("platform_id")
            ids.extend(r[index] for r in rows if len(r) > index and r[index])
    lists = code_lists(reference, code, ids, specs)
    if layout == "standard":
        vision = vision_sheet(DisplayLabels.from_root(root), data.vision, data.platforms)
        sheets += [vision] if vision else []
    return Book(name, code, when or dt.datetime.now(dt.UTC), sheets, lists)


def export_workbook(root: Path, folder: str, output: Path, layout: str = "standard") -> None:
    """Write the workbook beside `output`, then rename it into place. A link or special file in
    the output's place is refused (`UnsafeFile`), never written through."""
    check_writable(output)
    data = zip_parts(book_parts(build_book(root, folder, layout)))
    output = output.parent.resolve() / output.name  # the directory may be a link, the name not
    # A new workbook, even one replacing an old: the usual mode for new files.
    temp = stage_beside(output, lambda staged: staged.write_bytes(data), mode=default_file_mode())
    move_into_place(temp, output)


__all__ = ["HIDDEN_ID", "build_book", "export_workbook"]
