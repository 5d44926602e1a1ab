"""The YAML documents as export tables: `prefectures` (prefecture.yaml), `platforms`
(platforms.yaml, one row per platform) and `vision` (vision.yaml), one row per entity with a
column per top-level key in the schema's order, titled from the schema. A nested mapping is
kept as JSON text (SQLite's json_extract reads it); the lists of records and of ids become child
tables too (`platform_fields`, `platform_modules`, `platform_participants`, `platform_costs`,
`platform_sources`, `vision_revisions`, `vision_sources`), one row per item in its order.

YAML has no column types: a column holding only integers (or `unknown`) is INTEGER, only
booleans INTEGER (1/0), only numbers REAL, anything else TEXT; `unknown` stays `unknown`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from renkei.export.model import Column, ExportTable, ForeignKey, sqlite_value
from renkei.export.tables import PREFECTURE_CODE, prefecture_key
from renkei.registry.display_labels import DisplayLabels
from renkei.registry.snapshot import PrefectureState

UNKNOWN = "unknown"
PLATFORM_ID = Column("platform_id", "TEXT", "基盤 ID / Platform id")
POSITION = Column("position", "INTEGER", "順番（0 から） / Position (from 0)")


@dataclass(frozen=True, slots=True)
class ChildSpec:
    """A list in a document that becomes a table of its own."""

    key: str
    table: str
    title: str
    #: The column of a list of plain values (a list of records has a column per key).
    value_column: str = ""
    foreign_keys: tuple[ForeignKey, ...] = ()


PLATFORM_CHILDREN = (
    ChildSpec("fields", "platform_fields", "基盤の分野 / Platform fields", "field",
              (ForeignKey("field", "fields", "id"),)),
    ChildSpec("modules", "platform_modules", "基盤のモジュール / Platform modules"),
    ChildSpec("participants", "platform_participants", "参加団体 / Participating bodies",
              foreign_keys=(ForeignKey("lg_code", "local_governments", "lg_code"),)),
    ChildSpec("costs", "platform_costs", "基盤の費用 / Platform costs"),
    ChildSpec("sources", "platform_sources", "基盤の出典 / Platform sources"),
)  # fmt: skip
VISION_CHILDREN = (
    ChildSpec("revisions", "vision_revisions", "ビジョンの改定履歴 / Vision revisions"),
    ChildSpec("sources", "vision_sources", "ビジョンの出典 / Vision sources"),
)


def column_type(values: Iterable[Any]) -> str:
    """The SQLite type of a column from its values (see the module docstring)."""
    seen = [v for v in values if v is not None and v != UNKNOWN]
    if seen and all(isinstance(v, bool) for v in seen):
        return "INTEGER"
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return "INTEGER"
    if seen and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in seen):
        return "REAL"
    return "TEXT"


def _properties(labels: DisplayLabels, document: str) -> dict[str, Any]:
    """The top-level properties of a document's schema, in order."""
    schema: Any = labels.schemas.get(f"{document}.schema.json")
    if document == "platforms" and isinstance(schema, dict):
        schema = (schema.get("$defs") or {}).get("platform")
    found = schema.get("properties") if isinstance(schema, dict) else None
    return found if isinstance(found, dict) else {}


def _column(labels: DisplayLabels, document: str, path: str, values: list[Any]) -> Column:
    spec = _properties(labels, document).get(path) if "." not in path else None
    title = labels.node(document, path).title or path
    description = spec.get("description", "") if isinstance(spec, dict) else ""
    return Column(path.rsplit(".", 1)[-1], column_type(values), title, str(description))


def _keys(records: list[dict[str, Any]], first: Iterable[str]) -> list[str]:
    """The keys of the records: those in `first` that occur, in that order, then the others."""
    occurring: dict[str, None] = {}
    for record in records:
        occurring.update(dict.fromkeys(str(k) for k in record))
    ordered = [k for k in first if k in occurring]
    return ordered + [k for k in occurring if k not in ordered]


def entity_table(
    labels: DisplayLabels,
    document: str,
    name: str,
    entities: list[tuple[str, dict[str, Any]]],
    key: list[str],
) -> ExportTable:
    """One row per entity (prefecture code, document), a column per key."""
    keys = _keys([e for _, e in entities], _properties(labels, document))
    keys = [k for k in keys if k != "prefecture_code"]
    columns = [PREFECTURE_CODE] + [
        _column(labels, document, k, [e.get(k) for _, e in entities]) for k in keys
    ]
    rows = [
        {"prefecture_code": code} | {k: sqlite_value(e.get(k)) for k in keys}
        for code, e in entities
    ]
    schema: Any = labels.schemas.get(f"{document}.schema.json") or {}
    return ExportTable(
        name=name,
        title=str(schema.get("title") or name) if isinstance(schema, dict) else name,
        description=str(schema.get("description") or "") if isinstance(schema, dict) else "",
        columns=columns,
        primary_key=key,
        source=f"registry/prefectures/*/{document}.yaml",
        rows=rows,
    )


def child_table(
    labels: DisplayLabels,
    document: str,
    spec: ChildSpec,
    parent: list[Column],
    items: list[tuple[dict[str, Any], Any]],
) -> ExportTable:
    """The items of a list in every entity: the parent's key columns, the position, then the
    item's keys (or the one value column)."""
    records = [item for _, item in items if isinstance(item, dict)]
    first = [p.name for p in parent]
    keys = [spec.value_column] if spec.value_column else _keys(records, [])
    keys = [k for k in keys if k not in first and k != POSITION.name]
    rows = []
    for owner, item in items:
        row = dict(owner)
        if spec.value_column:
            row[spec.value_column] = sqlite_value(item)
        elif isinstance(item, dict):
            row |= {k: sqlite_value(item.get(k)) for k in keys}
        else:
            continue
        rows.append(row)
    for position, row in _positions(rows, first):
        row[POSITION.name] = position
    values = {k: [r.get(k) for r in rows] for k in keys}
    columns = [
        *parent,
        POSITION,
        *(_column(labels, document, f"{spec.key}.{k}", values[k]) for k in keys),
    ]
    if spec.value_column:
        title = labels.node(document, spec.key).title
        columns[-1] = Column(spec.value_column, columns[-1].sql_type, title)
    return ExportTable(
        name=spec.table,
        title=spec.title,
        description=f"{document}.yaml の {spec.key}（1 項目 1 行）。 / The {spec.key} list of "
        f"{document}.yaml, one row per item.",
        columns=columns,
        primary_key=[*first, POSITION.name],
        source=f"registry/prefectures/*/{document}.yaml",
        foreign_keys=list(spec.foreign_keys),
        rows=rows,
        indexes=[f.column for f in spec.foreign_keys],
    )


def _positions(rows: list[dict[str, Any]], key: list[str]) -> Iterable[tuple[int, dict[str, Any]]]:
    """Each row with its position among the rows of the same owner."""
    counts: dict[tuple[Any, ...], int] = {}
    for row in rows:
        owner = tuple(row.get(k) for k in key)
        counts[owner] = counts.get(owner, -1) + 1
        yield counts[owner], row


def document_tables(labels: DisplayLabels, states: list[PrefectureState]) -> list[ExportTable]:
    """prefectures, platforms and vision with their child tables."""
    prefectures = entity_table(
        labels,
        "prefecture",
        "prefectures",
        [(s.code, s.prefecture) for s in states if s.prefecture is not None],
        ["code"],
    )
    prefectures.columns = prefectures.columns[1:]  # the code is the prefecture's own
    for row in prefectures.rows:
        row.pop("prefecture_code")
    prefectures.foreign_keys = [ForeignKey("lg_code", "local_governments", "lg_code")]
    platforms = entity_table(
        labels,
        "platforms",
        "platforms",
        [(s.code, p) for s in states for p in s.platforms.values()],
        ["id"],
    )
    platforms.foreign_keys = [prefecture_key()]
    platforms.indexes = ["prefecture_code"]
    platforms.search = [c for c in ("name", "operator", "notes") if platforms.column(c)]
    vision = entity_table(
        labels,
        "vision",
        "vision",
        [(s.code, s.vision) for s in states if s.vision],
        ["prefecture_code"],
    )
    vision.foreign_keys = [prefecture_key()]
    out = [prefectures, platforms]
    owner = [PLATFORM_ID]
    for spec in PLATFORM_CHILDREN:
        items = [
            ({"platform_id": p.get("id")}, item)
            for s in states
            for p in s.platforms.values()
            if isinstance(p.get(spec.key), list)
            for item in p[spec.key]
        ]
        table = child_table(labels, "platforms", spec, owner, items)
        table.foreign_keys.insert(0, ForeignKey("platform_id", "platforms", "id"))
        out.append(table)
    out.append(vision)
    for spec in VISION_CHILDREN:
        items = [
            ({"prefecture_code": s.code}, item)
            for s in states
            if s.vision and isinstance(s.vision.get(spec.key), list)
            for item in s.vision[spec.key]
        ]
        table = child_table(labels, "vision", spec, [PREFECTURE_CODE], items)
        table.foreign_keys.insert(0, ForeignKey("prefecture_code", "vision", "prefecture_code"))
        out.append(table)
    return out
