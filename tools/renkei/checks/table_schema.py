"""Table Schema validation of CSV files.

Implements this part of the frictionless Table Schema specification, and refuses (a usage error,
`TableSchemaError`) a schema that uses any other keyword, so no constraint is silently ignored:

- descriptor: `fields`, `primaryKey` (a field name or a list of them), `missingValues` (default
  `[""]`), and the annotations `$schema`, `name`, `title`, `description`;
- field: `name`, `type`, `format` (only `default`), `constraints`, `trueValues` and `falseValues`
  (boolean), and the annotations `title`, `description`, `example`;
- types: `string`, `integer` (decimal digits only: `2024.0`, `2.024e3` are refused),
  `number` (decimal notation; `NaN` and `INF` are refused), `date` (YYYY-MM-DD), `boolean`;
- constraints: `required`, `unique`, `enum`, `pattern`, `minimum`, `maximum`, `minLength`,
  `maxLength`.

A pattern matches the whole value, read the same way as in the JSON Schemas
(`renkei.checks.patterns`): a cell with a line break, surrounding spaces or an invisible
character in a pattern, enum, date or boolean column is an error (T010); elsewhere surrounding
spaces are a warning (T009) and the trimmed value is checked (as Table Schema readers read
numbers).

Checks the header against the schema's field names, then every cell against its field's type and
constraints, and the primary key. Values are read per field name, so a reordered header is
reported once and the rows are still checked.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from renkei.checks.json_schema import SchemaError
from renkei.checks.patterns import PatternError, whole_value_pattern
from renkei.registry.safe_files import read_text_limited

TABLE_SCHEMA_DIR = Path("schemas") / "tables"
#: The keywords this checker implements (see the module docstring).
DESCRIPTOR_KEYWORDS = frozenset(
    {"$schema", "name", "title", "description", "fields", "primaryKey", "missingValues"}
)
FIELD_KEYWORDS = frozenset(
    {"name", "title", "description", "example", "type", "format", "constraints"}
    | {"trueValues", "falseValues"}
)
TYPES = frozenset({"string", "integer", "number", "date", "boolean"})
CONSTRAINTS = frozenset(
    {"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}
)


class TableSchemaError(SchemaError):
    """A Table Schema in schemas/tables/ that cannot be used (or uses what is not implemented)."""


@cache
def _load_schema(root: str, name: str) -> dict[str, Any]:
    relative = TABLE_SCHEMA_DIR / f"{name}.json"
    display = relative.as_posix()
    try:
        schema: dict[str, Any] = json.loads(
            read_text_limited(Path(root) / relative, root=Path(root))
        )
    except (OSError, ValueError) as error:
        raise TableSchemaError(display, str(error)) from error
    check_table_schema(schema, display)
    return schema


def load_table_schema(root: Path, name: str) -> dict[str, Any]:
    """The Table Schema `name`, read once (never through a link, never past the support-file
    limit) and checked by `check_table_schema` (TableSchemaError if not usable)."""
    return _load_schema(str(root), name)


def check_table_schema(schema: Any, display: str) -> None:
    """Refuse a Table Schema that uses a keyword, type or value this checker does not implement."""

    def refuse(detail: str) -> None:
        raise TableSchemaError(display, detail)

    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        refuse("a Table Schema is an object with a list of fields")
    for key in sorted(set(schema) - DESCRIPTOR_KEYWORDS):
        refuse(f"the keyword {key!r} is not supported by renkei's Table Schema checker")
    names: list[str] = []
    for spec in schema["fields"]:
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            refuse("every field is an object with a name")
        name = spec["name"]
        names.append(name)
        for key in sorted(set(spec) - FIELD_KEYWORDS):
            refuse(f"field {name!r}: the keyword {key!r} is not supported")
        kind = spec.get("type", "string")
        if kind not in TYPES:
            refuse(f"field {name!r}: the type {kind!r} is not supported")
        if spec.get("format", "default") != "default":
            refuse(f"field {name!r}: only the default format is supported")
        if kind != "boolean" and ({"trueValues", "falseValues"} & set(spec)):
            refuse(f"field {name!r}: trueValues and falseValues apply to booleans only")
        constraints = spec.get("constraints", {})
        if not isinstance(constraints, dict):
            refuse(f"field {name!r}: constraints is an object")
        for key in sorted(set(constraints) - CONSTRAINTS):
            refuse(f"field {name!r}: the constraint {key!r} is not supported")
        if "pattern" in constraints:
            try:
                whole_value_pattern(constraints["pattern"])
            except PatternError as error:
                refuse(f"field {name!r}: {error}")
    key = schema.get("primaryKey", [])
    for part in [key] if isinstance(key, str) else key:
        if part not in names:
            refuse(f"primaryKey names {part!r}, which is not a field")
    missing = schema.get("missingValues", [""])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        refuse("missingValues is a list of strings")
