"""Which sheet holds which file, and the columns of each sheet — the mapping lives here only.

Each CSV table is one sheet whose columns are the Table Schema's fields. platforms.yaml is nested;
its `platforms` sheet holds one row per platform with the scalar fields only (`SCALAR_FIELDS`).
Nested fields (timeline, components, modules, participants, costs, sources, …) are never in the
workbook: the import keeps them from the current platforms.yaml, matched by the hidden `_id`
column (the id the row had when it was exported), so renaming an id keeps them too.

The Data Map layout (`DATAMAP_SHEETS`) is the Agency's template's two sides: サービス側 and
データセット側, with the template's Japanese column names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renkei.checks.table_schema import load_table_schema
from renkei.registry.layout import PLATFORMS_FILE, TABLES
from renkei.registry.safe_files import read_text_limited

#: Platform fields on the `platforms` sheet, in order. Everything else stays in the YAML.
SCALAR_FIELDS = (
    "id",
    "name",
    "lead_body",
    "operator",
    "kind",
    "fields",
    "status",
    "service_provision",
    "platform_provision",
    "user_scope",
    "cross_prefecture",
    "personal_data",
    "broker_data_management",
    "vendor",
    "operating_model",
    "notes",
)
#: The hidden column that carries each platform row's id as exported.
HIDDEN_ID = "_id"

INSTRUCTIONS_SHEET = "説明"
DEFINITIONS_SHEET = "項目定義"
CODES_SHEET = "コード表"
INFO_SHEETS = (INSTRUCTIONS_SHEET, DEFINITIONS_SHEET, CODES_SHEET)

#: Data Map layout: sheet name → table, and the template's column names per field.
DATAMAP_SHEETS = {"サービス側": "services", "データセット側": "data-assets"}
DATAMAP_HEADERS = {
    "platform_id": "基盤ID",
    "service_name": "サービス名",
    "ingested_data": "取込データ",
    "provided_data": "取得データ：外部提供可能データ",
    "internal_only_data": "取得データ：内部利用のみ",
    "dataset_name": "データセット名",
    "owner_department": "データ所管元",
    "location_system": "データの所在",
    "provided_to": "提供先サービス",
    "frequency": "提供頻度",
    "method": "提供方式",
    "source": "出典",
    "confirmed_on": "確認日",
}


@dataclass(frozen=True)
class Column:
    """One column: `key` is the CSV column or platform field (ASCII), `kind` how cells are read.

    Kinds: text, code (local government code), platform (platform id), id, enum, integer,
    fiscal_year, number, date, partial_date, boolean, fields.
    """

    key: str
    ja: str
    en: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    description: str = ""
    hidden: bool = False

    @property
    def list_name(self) -> str | None:
        """The code list that constrains the column's cells (a sheet of choices), or None."""
        if self.kind in ("enum", "boolean"):
            return self.key if self.kind == "enum" else "boolean"
        if self.kind in ("code", "fields", "platform"):
            return {"code": "lg_code", "fields": "field", "platform": "platform_id"}[self.kind]
        return None


@dataclass(frozen=True)
class SheetSpec:
    """One data sheet: its name, the registry file it is read into, that file's Table Schema
    (None for platforms.yaml) and its columns."""

    name: str
    filename: str
    table: str | None  # Table Schema name; None for platforms
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def column(self, key: str) -> Column | None:
        """The column of field `key`, or None."""
        return next((c for c in self.columns if c.key == key), None)


def _split_title(title: str) -> tuple[str, str]:
    ja, _, en = title.partition(" / ")
    return ja.strip(), (en or ja).strip()


def _csv_kind(spec: dict[str, Any]) -> str:
    name: str = spec["name"]
    kind: str = spec.get("type", "string")
    constraints = spec.get("constraints", {})
    if name == "lg_code":
        return "code"
    if name == "platform_id":
        return "platform"
    if "enum" in constraints:
        return "enum"
    if kind == "integer":
        return "fiscal_year" if "year" in name else "integer"
    if kind in ("number", "date", "boolean"):
        return kind
    return "text"


def table_sheet(
    root: Path, table: str, name: str | None = None, datamap: bool = False
) -> SheetSpec:
    """The sheet of a CSV table, its columns read from the table's Table Schema (titles
    "日本語 / English"); `datamap` uses the data map's Japanese headers where it has them."""
    return schema_sheet(load_table_schema(root, table), table, name, datamap)


def schema_sheet(
    schema: dict[str, Any], table: str, name: str | None = None, datamap: bool = False
) -> SheetSpec:
    """The sheet of a table from its Table Schema (`schema`): one column per field."""
    filename = next((f for f, t in TABLES.items() if t == table), f"{table}.csv")
    columns = []
    for spec in schema["fields"]:
        ja, en = _split_title(spec.get("title", spec["name"]))
        if datamap and spec["name"] in DATAMAP_HEADERS:
            ja = DATAMAP_HEADERS[spec["name"]]
        constraints = spec.get("constraints", {})
        columns.append(
            Column(
                spec["name"],
                ja,
                en,
                _csv_kind(spec),
                bool(constraints.get("required")),
                tuple(constraints.get("enum", ())),
                spec.get("description", ""),
            )
        )
    return SheetSpec(name or table, filename, table, tuple(columns))


def _resolve(
    schema: dict[str, Any], common: dict[str, Any], node: dict[str, Any]
) -> dict[str, Any]:
    ref = node.get("$ref")
    if not ref:
        return node
    document, _, pointer = ref.partition("#")
    base = common if document == "common.schema.json" else schema
    target: Any = base
    for part in pointer.strip("/").split("/"):
        target = target[part]
    merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return _resolve(schema, common, merged) if "$ref" in target else merged


def _platform_kind(name: str, node: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    if name == "id":
        return "id", ()
    if name == "lead_body":
        return "code", ()
    if name == "fields":
        return "fields", ()
    if "enum" in node:
        return "enum", tuple(node["enum"])
    if name in ("cross_prefecture", "personal_data"):
        return "boolean", ()
    return "text", ()


def platforms_sheet(
    root: Path, schemas: tuple[dict[str, Any], dict[str, Any]] | None = None
) -> SheetSpec:
    """The platforms sheet: one column per scalar field of platforms.schema.json, and the hidden
    column of the id as exported (to match a renamed platform on import). `schemas` gives
    platforms.schema.json and common.schema.json as parsed (else they are read from `root`)."""
    if schemas is None:
        base = root / "schemas"
        schema = json.loads(read_text_limited(base / "platforms.schema.json", root=root))
        common = json.loads(read_text_limited(base / "common.schema.json", root=root))
    else:
        schema, common = schemas
    platform = schema["$defs"]["platform"]
    required = set(platform["required"])
    columns = []
    for name in SCALAR_FIELDS:
        node = _resolve(schema, common, platform["properties"][name])
        kind, choices = _platform_kind(name, node)
        title = node.get("title") or platform["properties"][name].get("title") or name
        ja, en = _split_title(title)
        columns.append(
            Column(name, ja, en, kind, name in required, choices, node.get("description", ""))
        )
    columns.append(
        Column(
            HIDDEN_ID, "元の基盤ID（変更しない）", "Id as exported (do not edit)", "id", hidden=True
        )
    )
    return SheetSpec("platforms", PLATFORMS_FILE, None, tuple(columns))


def standard_sheets(root: Path) -> list[SheetSpec]:
    """The sheets of the standard layout: platforms, then one per CSV table."""
    return [platforms_sheet(root), *(table_sheet(root, t) for t in TABLES.values())]


def datamap_sheets(root: Path) -> list[SheetSpec]:
    """The sheets of the data-map layout (サービス側, データセット側)."""
    return [table_sheet(root, t, name, datamap=True) for name, t in DATAMAP_SHEETS.items()]
