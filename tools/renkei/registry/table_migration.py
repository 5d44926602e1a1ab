"""Bringing a prefecture's CSV tables up to their Table Schemas after optional columns were added
or an enumeration value renamed: the missing optional columns are appended empty, renamed values
rewritten, and every other cell kept as it is (the rows keep their meaning)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from renkei.checks.table_schema import load_table_schema
from renkei.registry.csv_writer import csv_text
from renkei.registry.layout import TABLES, prefecture_folders
from renkei.registry.safe_files import read_text_limited, write_atomic

#: Enumeration values renamed: table → column → old value → new value.
RENAMED_VALUES: dict[str, dict[str, dict[str, str]]] = {
    # GB3 §14.2 「30日以内利用率」: the id follows the other touchpoint indicators' names.
    "kpis": {"indicator": {"active_within_30_days": "within_30_days_use_rate"}},
}


class CannotMigrate(Exception):
    """A table whose header is not an older form of its schema's (a column out of place,
    unknown or required): it is left for a person to fix."""


@dataclass(frozen=True, slots=True)
class Migrated:
    """One table rewritten: its path from the registry root and the columns it gained."""

    path: str
    added: tuple[str, ...]
    renamed: int


def migrate_table_text(
    text: str, schema: dict[str, Any], renames: dict[str, dict[str, str]] | None = None
) -> tuple[str, tuple[str, ...], int]:
    """TEXT brought up to SCHEMA: (new text, the columns appended, the cells renamed).

    The header must be the schema's first columns in order; the columns after them must all be
    optional (they are appended empty)."""
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = list(reader)
    if not rows:
        raise CannotMigrate("the file has no header")
    header, body = rows[0], rows[1:]
    if header != expected[: len(header)]:
        raise CannotMigrate(f"the header {header} is not the start of {expected}")
    added = tuple(expected[len(header) :])
    required = [
        f["name"] for f in fields[len(header) :] if f.get("constraints", {}).get("required")
    ]
    if required and body:
        raise CannotMigrate(f"the new columns {required} are required")
    renamed = 0
    columns = {name: i for i, name in enumerate(expected)}
    out_rows = []
    for row in body:
        cells = [*row, *[""] * (len(expected) - len(row))] if len(row) >= len(header) else row
        for column, mapping in (renames or {}).items():
            index = columns.get(column)
            if index is not None and index < len(cells) and cells[index] in mapping:
                cells[index] = mapping[cells[index]]
                renamed += 1
        out_rows.append(cells)
    if not added and not renamed:
        return text, (), 0
    return csv_text(expected, out_rows), added, renamed


def migrate_registry(root: Path) -> list[Migrated]:
    """Every prefecture folder's CSV tables brought up to schemas/tables (files already current
    are not written); the tables rewritten."""
    schemas = {table: load_table_schema(root, table) for table in TABLES.values()}
    done: list[Migrated] = []
    for folder in prefecture_folders(root):
        for filename, table in TABLES.items():
            path = folder.path / filename
            if not path.is_file():
                continue
            text = read_text_limited(path, root=root)
            new, added, renamed = migrate_table_text(
                text, schemas[table], RENAMED_VALUES.get(table)
            )
            if new != text:
                write_atomic(path, new, root=root)
                done.append(Migrated(folder.display(filename), added, renamed))
    return done
