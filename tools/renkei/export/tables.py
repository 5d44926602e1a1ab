"""The prefectures' CSV tables as export tables: one table per Table Schema (schemas/tables/),
every prefecture's rows together with a `prefecture_code` column, columns typed and titled from
the schema's fields, the primary key the schema's with the prefecture in front."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from renkei.checks.table_schema import load_table_schema
from renkei.export.model import SQLITE_TYPES, Column, ExportTable, ForeignKey
from renkei.registry.layout import TABLES
from renkei.registry.snapshot import PrefectureState

PREFECTURE_CODE = Column("prefecture_code", "TEXT", "都道府県コード / Prefecture code")
#: The Table Schemas declare no foreign keys (a platform id points into platforms.yaml, which is
#: no CSV resource); these are the references `renkei validate` checks (X002, C-codes).
REFERENCES: dict[str, list[ForeignKey]] = {
    "municipalities": [ForeignKey("lg_code", "local_governments", "lg_code")],
    "municipal_platforms": [
        ForeignKey("lg_code", "local_governments", "lg_code"),
        ForeignKey("platform_id", "platforms", "id"),
    ],
    "services": [ForeignKey("platform_id", "platforms", "id")],
    "data_assets": [ForeignKey("platform_id", "platforms", "id")],
    "kpis": [ForeignKey("platform_id", "platforms", "id")],
}
_INTEGER = re.compile(r"-?[0-9]+\Z")
#: The Table Schema types `csv_value` converts (every other type stays text).
TYPED = frozenset({"integer", "number", "boolean"})


def table_name(resource: str) -> str:
    """A resource name as an SQL table name (municipal-platforms → municipal_platforms)."""
    return resource.replace("-", "_")


def prefecture_key() -> ForeignKey:
    """Every prefecture's table points at its prefecture."""
    return ForeignKey("prefecture_code", "prefectures", "code")


def csv_value(text: str, kind: str) -> Any:
    """A CSV cell as its Table Schema type: empty as NULL, integers, numbers and booleans as
    such; a cell that is not of its type is kept as text (renkei validate reports it)."""
    if text == "":
        return None
    if kind == "integer" and _INTEGER.match(text):
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "boolean" and text in ("true", "false"):
        return int(text == "true")
    return text


def csv_tables(root: Path, states: list[PrefectureState]) -> list[ExportTable]:
    """The five CSV tables of every prefecture, one export table each."""
    out = []
    for filename, resource in TABLES.items():
        schema = load_table_schema(root, resource)
        fields = [f for f in schema["fields"] if isinstance(f, dict)]
        name = table_name(resource)
        table = ExportTable(
            name=name,
            title=str(schema.get("title") or resource),
            description=str(schema.get("description") or ""),
            columns=[PREFECTURE_CODE]
            + [
                Column(
                    str(f["name"]),
                    SQLITE_TYPES.get(str(f.get("type")), "TEXT"),
                    str(f.get("title") or ""),
                    str(f.get("description") or ""),
                )
                for f in fields
            ],
            primary_key=["prefecture_code", *schema.get("primaryKey", [])],
            source=f"registry/prefectures/*/{filename}",
            foreign_keys=[prefecture_key(), *REFERENCES.get(name, [])],
            indexes=[k.column for k in REFERENCES.get(name, [])],
        )
        # A text column's cell is its text, or NULL when empty (`csv_value` without a call
        # per cell); the typed columns go through `csv_value`.
        kinds = [
            (str(f["name"]), kind if kind in TYPED else None)
            for f in fields
            for kind in [str(f.get("type"))]
        ]
        for state in states:
            code = state.code
            for row in state.tables.get(resource, {}).values():
                get = row.get
                converted: dict[str, Any] = {"prefecture_code": code}
                for n, k in kinds:
                    converted[n] = (get(n) or None) if k is None else csv_value(get(n, ""), k)
                table.rows.append(converted)
        out.append(table)
    return out
