"""survey.xlsx: the bundle's survey workbook, the same workbook as `renkei export-xlsx` writes
(`renkei.workbook.book`), so that `renkei import-xlsx` reads it back.

Its data sheets (platforms and one per CSV table) hold the revision's data as people edit it;
its read-only sheets the bundle's long tables of the platforms' nested fields and the survey
rounds. The columns come from the revision's own schemas; the labels of the drop-downs from the
registry's reference tables, as vision.html's do. The rows are written by the fast row writer
(`renkei.workbook.sheet_rows`), the zip reproducibly (`renkei.bundle.reprozip`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from renkei.bundle.reprozip import build_zip, modified_stamped
from renkei.bundle.tables import Table, cell
from renkei.registry.display_labels import DisplayLabels
from renkei.registry.layout import TABLES
from renkei.registry.reference import Reference
from renkei.registry.snapshot import PrefectureState
from renkei.workbook.book import READ_ONLY_SHEETS, Book, BookSheet, code_lists, read_only_sheet
from renkei.workbook.export import sheet_rows
from renkei.workbook.layout import platforms_sheet, schema_sheet
from renkei.workbook.vision_sheet import vision_sheet
from renkei.workbook.write import book_parts

#: The bundle's long tables, by the read-only sheet that shows each.
LONG_TABLES = {"platforms": "platform-details"}


def survey_book(
    root: Path,
    state: PrefectureState,
    files: dict[str, bytes],
    tables: list[Table],
    when: dt.datetime,
    draft: bool = False,
) -> Book:
    """The survey workbook of a bundle: STATE's data sheets from the revision's schemas (FILES),
    then TABLES that are not a data sheet as read-only sheets."""
    schemas = (json.loads(files["schemas/platforms.schema.json"]),
               json.loads(files["schemas/common.schema.json"]))  # fmt: skip
    platforms = list(state.platforms.values())
    platform_spec = platforms_sheet(root, schemas)
    rows = [[cell(v) for v in row] for row in sheet_rows(platform_spec, platforms, {})]
    sheets = [BookSheet(platform_spec, rows)]
    by_name = {t.name: t for t in tables}
    for name in TABLES.values():
        if name in by_name:
            schema = json.loads(files[f"schemas/tables/{name}.json"])
            sheets.append(BookSheet(schema_sheet(schema, name), by_name[name].rows))
    reference = Reference(root)  # read once, for the vision's labels and the code lists
    vision = vision_sheet(_labels(reference, files), state.vision, platforms)
    sheets += [vision] if vision else []
    for table in tables:
        name = LONG_TABLES.get(table.name, table.name)
        if name in READ_ONLY_SHEETS:
            sheets.append(read_only_sheet(name, table.fields, table.rows))
    ids = [str(p.get("id")) for p in platforms] + [
        r[0] for t in tables if t.header[:1] == ["platform_id"] for r in t.rows
    ]
    lists = code_lists(reference, state.code, ids, [s.spec for s in sheets if s.editable])
    return Book(state.name, state.code, when, sheets, lists, "renkei bundle", draft)


def _labels(reference: Reference, files: dict[str, bytes]) -> DisplayLabels:
    """The labels of the revision: its own schemas, the registry's reference tables."""
    schemas = {
        name.removeprefix("schemas/"): json.loads(data)
        for name, data in files.items()
        if name.startswith("schemas/") and name.endswith(".json")
    }
    return DisplayLabels(schemas, reference)


def book_bytes(book: Book) -> bytes:
    """survey.xlsx: the workbook's parts in a reproducible zip stamped with the book's time."""
    return build_zip(modified_stamped(book_parts(book), book.when), book.when, sort=False)


def workbook_bytes(tables: list[Table], when: dt.datetime, draft: bool = False) -> bytes:
    """A workbook of TABLES alone, each a read-only sheet in the survey workbook's layout (for
    tables that are no registry file)."""
    sheets = [read_only_sheet(t.name, t.fields, t.rows) for t in tables]
    return book_bytes(Book("", "", when, sheets, {}, "renkei bundle", draft))
