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

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from renkei.checks.json_schema import SchemaError
from renkei.checks.patterns import (
    PatternError,
    describe_stray_characters,
    has_stray_characters,
    python_matcher,
    visible,
    whole_value_pattern,
    without_stray_characters,
)
from renkei.checks.suggest import allowed_list, date_advice, lg_code_advice, nearest, show
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.csv_loader import CsvRow, CsvTable
from renkei.registry.machine_readability import INTEGER, NUMBER
from renkei.registry.reference import Reference, to_halfwidth
from renkei.registry.safe_files import read_text_limited

TABLE_SCHEMA_DIR = Path("schemas") / "tables"
#: The number syntax the bundle's writers accept too (rule L2-01).
_INTEGER, _NUMBER = INTEGER, NUMBER
_LG_PATTERN = "^[0-9]{6}$"
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
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")
#: Past this many findings in one file the rest of its rows are not checked (P018): a broken
#: export must not bury the first, real problems under thousands of repeats.
MAX_FINDINGS_PER_FILE = 1000


@dataclass
class TypedRow:
    """A CSV row read through its Table Schema: values by field name, None for empty."""

    row: CsvRow
    values: dict[str, Any]
    columns: dict[str, int] = field(default_factory=dict)


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


def _primary_key(schema: dict[str, Any]) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def table_findings(
    table: CsvTable, schema: dict[str, Any], reference: Reference
) -> tuple[list[Finding], list[TypedRow]]:
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    findings: list[Finding] = []
    file = table.path
    if table.header != expected:
        findings.append(_header_finding(table, expected))
    columns = {name: i for i, name in enumerate(table.header) if name in expected}
    typed: list[TypedRow] = []
    seen_unique: dict[str, dict[Any, int]] = {f["name"]: {} for f in fields if _unique(f)}
    primary_key = _primary_key(schema)
    seen_keys: dict[tuple[Any, ...], int] = {}
    missing = frozenset(schema.get("missingValues", [""]))
    # Missing values other than "" must not take the fast path (which accepts any clean value).
    other_missing = missing - {""}
    # Per field: name, spec, column index (None if absent), a fast acceptance test, and whether
    # a pattern constrains the whole value.
    plan = [
        (
            spec["name"],
            spec,
            columns.get(spec["name"]),
            _fast_reader(spec),
            _exact(spec),
        )
        for spec in fields
    ]
    for row in table.rows:
        if len(findings) >= MAX_FINDINGS_PER_FILE:
            findings.append(
                codes.P018.make(
                    file,
                    table.cell_position(row.line, 0, row.cells),
                    f"row {row.number}",
                    limit=MAX_FINDINGS_PER_FILE,
                )
            )
            break
        if len(row.cells) != len(table.header):
            findings.append(
                codes.T002.make(
                    file,
                    table.cell_position(row.line, 0, row.cells),
                    f"row {row.number}",
                    found=len(row.cells),
                    expected=len(table.header),
                )
            )
            continue
        values: dict[str, Any] = {}
        cells = row.cells
        for name, spec, index, fast, exact in plan:
            if index is None:
                values[name] = None
                continue
            cell = cells[index]
            if (
                cell
                and not (cell[0].isspace() or cell[-1].isspace())
                and not (other_missing and cell in other_missing)
            ):
                accepted = fast(cell)
                if accepted is not _REJECT:
                    values[name] = accepted
                    continue
            where = f"row {row.number}, column {name}"
            if exact and cell not in missing and has_stray_characters(cell):
                findings.append(_stray_finding(table, row, index, name, cell, where))
                values[name] = None
                continue
            stripped = cell.strip()
            kind = spec.get("type", "string")
            if not stripped and kind != "string" and cell not in missing:
                # Only spaces: not a missing value (those are exact), and not a number either.
                position = table.cell_position(row.line, index, cells)
                findings.append(_type_problem(cell, name, kind, file, position, where))
                values[name] = None
                continue
            if stripped != cell:
                findings.append(
                    codes.T009.make(
                        file,
                        table.cell_position(row.line, index, cells),
                        where,
                        field=name,
                        value=show(cell),
                    )
                )
            value, problems = _read_cell(
                stripped, spec, missing, reference, file, table, row, index, where
            )
            if problems:
                findings.extend(problems)
            values[name] = value
            if value is not None and name in seen_unique:
                first = seen_unique[name].setdefault(value, row.line)
                if first != row.line and primary_key != [name]:
                    findings.append(
                        codes.T007.make(
                            file,
                            table.cell_position(row.line, index, row.cells),
                            where,
                            field=name,
                            value=show(value),
                            first_line=first,
                        )
                    )
        if primary_key and all(values.get(k) is not None for k in primary_key):
            key = tuple(values[k] for k in primary_key)
            first = seen_keys.setdefault(key, row.line)
            if first != row.line:
                index = columns.get(primary_key[0], 0)
                findings.append(
                    codes.T007.make(
                        file,
                        table.cell_position(row.line, index, row.cells),
                        f"row {row.number}",
                        field="+".join(primary_key),
                        value=show("/".join(str(k) for k in key)),
                        first_line=first,
                    )
                )
        typed.append(TypedRow(row, values, columns))
    return findings, typed


_REJECT = object()


def _fast_reader(spec: dict[str, Any]) -> Any:
    """A function that returns a non-empty, unpadded cell's value when it passes every check of
    its field, else `_REJECT`; rejected cells go through `_read_cell` for the findings. Only the
    common case is fast; every rule lives in `_read_cell`."""
    constraints = spec.get("constraints", {})
    kind = spec.get("type", "string")
    enum = frozenset(constraints["enum"]) if "enum" in constraints else None
    pattern = python_matcher(constraints["pattern"]) if "pattern" in constraints else None
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    min_length, max_length = constraints.get("minLength"), constraints.get("maxLength")
    if kind not in ("string", "integer", "number", "date") or (kind != "string" and enum):
        return lambda cell: _REJECT

    def read(cell: str) -> Any:
        value: Any = cell
        if kind == "integer":
            if not _INTEGER.fullmatch(cell):
                return _REJECT
            value = int(cell)
        elif kind == "number":
            if not _NUMBER.fullmatch(cell):
                return _REJECT
            value = float(cell)
        elif kind == "date":
            if len(cell) != 10:
                return _REJECT
            try:
                dt.date.fromisoformat(cell)
            except ValueError:
                return _REJECT
        if enum is not None and value not in enum:
            return _REJECT
        if pattern is not None and not pattern(cell):
            return _REJECT
        if minimum is not None and value < minimum:
            return _REJECT
        if maximum is not None and value > maximum:
            return _REJECT
        if max_length is not None and len(cell) > max_length:
            return _REJECT
        if min_length is not None and len(cell) < min_length:
            return _REJECT
        return value

    return read


def _exact(spec: dict[str, Any]) -> bool:
    """True for a field whose value must be written exactly, without surrounding spaces: one
    with a pattern or an enum, a date or a boolean (Table Schema readers refuse them padded)."""
    constraints = spec.get("constraints", {})
    return (
        "pattern" in constraints or "enum" in constraints or spec.get("type") in ("date", "boolean")
    )


def _unique(spec: dict[str, Any]) -> bool:
    return bool(spec.get("constraints", {}).get("unique"))


def _header_finding(table: CsvTable, expected: list[str]) -> Finding:
    header = table.header
    missing = [n for n in expected if n not in header]
    extra = [n for n in header if n not in expected]
    parts_ja, parts_en = [], []
    if missing:
        parts_ja.append("不足: " + ", ".join(missing))
        parts_en.append("missing: " + ", ".join(missing))
    if extra:
        hints = [f"{n}（→ {nearest(n, missing)}）" if nearest(n, missing) else n for n in extra]
        hints_en = [f"{n} (→ {nearest(n, missing)})" if nearest(n, missing) else n for n in extra]
        parts_ja.append("余分: " + ", ".join(hints))
        parts_en.append("unexpected: " + ", ".join(hints_en))
    if not missing and not extra:
        parts_ja.append("列の順序が違います")
        parts_en.append("the columns are in the wrong order")
    finding = codes.T001.make(
        table.path,
        table.cell_position(table.header_line, 0),
        "header",
        detail=" / ".join(parts_en),
        expected=",".join(expected),
    )
    # The Japanese message carries the Japanese detail.
    return _with_message_ja(finding, " / ".join(parts_ja))


def _with_message_ja(finding: Finding, detail_ja: str) -> Finding:
    from dataclasses import replace

    message = codes.T001.message_ja.format(detail=detail_ja)
    return replace(finding, message_ja=message)


def _stray_finding(
    table: CsvTable, row: CsvRow, index: int, name: str, cell: str, where: str
) -> Finding:
    """T010: a line break, surrounding spaces or an invisible character in a cell that must be
    written exactly (a pattern, enum, date or boolean column)."""
    what_ja, what_en = describe_stray_characters(cell)
    return codes.T010.make(
        table.path,
        table.cell_position(row.line, index, row.cells),
        where,
        field=name,
        value=visible(cell),
        what=what_ja,
        what_en=what_en,
        clean=visible(without_stray_characters(cell)),
    )


def _read_cell(
    cell: str,
    spec: dict[str, Any],
    missing: frozenset[str],
    reference: Reference,
    file: str,
    table: CsvTable,
    row: CsvRow,
    index: int,
    where: str,
) -> tuple[Any, list[Finding]]:
    name = spec["name"]
    constraints = spec.get("constraints", {})

    def at() -> Position:
        return table.cell_position(row.line, index, row.cells)

    def bad_format(expected: str, advice: str, advice_en: str) -> Finding:
        return codes.T006.make(
            file,
            at(),
            where,
            field=name,
            value=show(cell),
            expected=expected,
            advice=advice,
            advice_en=advice_en,
        )

    if cell in missing or cell == "":
        if constraints.get("required"):
            return None, [
                codes.T003.make(
                    file,
                    at(),
                    where,
                    field=name,
                    advice="値を入れてください。",
                    advice_en="Fill it in.",
                )
            ]
        return None, []
    kind = spec.get("type", "string")
    value: Any = cell
    if kind == "integer":
        if not _INTEGER.fullmatch(cell):
            return None, [_type_problem(cell, name, "integer", file, at(), where)]
        value = int(cell)
    elif kind == "number":
        if not _NUMBER.fullmatch(cell):
            return None, [_type_problem(cell, name, "number", file, at(), where)]
        value = float(cell)
    elif kind == "date":
        try:
            if len(cell) != 10:
                raise ValueError(cell)
            value = dt.date.fromisoformat(cell).isoformat()
        except ValueError:
            return None, [_type_problem(cell, name, "date", file, at(), where)]
    elif kind == "boolean":
        true_values = spec.get("trueValues", DEFAULT_TRUE)
        false_values = spec.get("falseValues", DEFAULT_FALSE)
        if cell not in true_values and cell not in false_values:
            return None, [_type_problem(cell, name, "boolean", file, at(), where)]
        value = cell in true_values
    problems: list[Finding] = []
    enum = constraints.get("enum")
    if enum is not None and value not in enum:
        problems.append(
            codes.T005.make(
                file,
                at(),
                where,
                suggestion=nearest(cell, enum),
                field=name,
                value=show(cell),
                allowed=allowed_list(enum),
            )
        )
    pattern = constraints.get("pattern")
    if pattern is not None and not python_matcher(pattern)(cell):
        if pattern == _LG_PATTERN:
            advice, advice_en, _ = lg_code_advice(cell, reference)
            problems.append(
                codes.R001.make(file, at(), where, value=cell, advice=advice, advice_en=advice_en)
            )
        else:
            problems.append(
                bad_format(
                    f"pattern {pattern}",
                    "英小文字・数字・ハイフンで書いてください。",
                    "Use lower-case letters, digits and hyphens.",
                )
            )
    bounds: tuple[tuple[str, Callable[[float, float], bool], str], ...] = (
        ("minimum", lambda v, lim: v >= lim, "≥"),
        ("maximum", lambda v, lim: v <= lim, "≤"),
    )
    for key, test, label in bounds:
        limit = constraints.get(key)
        if limit is not None and isinstance(value, int | float) and not test(value, limit):
            problems.append(
                bad_format(f"{label} {limit}", "値を確認してください。", "Check the value.")
            )
    max_length = constraints.get("maxLength")
    if max_length is not None and len(cell) > max_length:
        problems.append(
            bad_format(
                f"maxLength {max_length}",
                f"{max_length} 文字以内にしてください。",
                f"Use at most {max_length} characters.",
            )
        )
    min_length = constraints.get("minLength")
    if min_length is not None and len(cell) < min_length:
        problems.append(
            bad_format(
                f"minLength {min_length}",
                f"{min_length} 文字以上にしてください。",
                f"Use at least {min_length} characters.",
            )
        )
    return (None if problems else value), problems


def _type_problem(
    cell: str, name: str, kind: str, file: str, position: Position, where: str
) -> Finding:
    half = to_halfwidth(cell).replace(",", "")
    if not cell.strip():
        advice = "空欄にする場合は空白も消してください。"
        advice_en = "To leave the cell empty, remove the spaces too."
    elif kind == "date":
        advice, advice_en = date_advice(cell)
    elif kind in ("integer", "number") and half != cell and _NUMBER.fullmatch(half):
        advice = f"半角数字だけで書いてください（桁区切りや単位は付けない）: {half}"
        advice_en = f"Write ASCII digits only, without separators or units: {half}"
    elif kind == "integer" and _NUMBER.fullmatch(cell) and float(cell).is_integer():
        whole = int(float(cell))
        advice = f"整数で書いてください（小数点や指数表記 e は使わない）: {whole}"
        advice_en = f"Write it as an integer, without a decimal point or exponent: write {whole}"
    elif kind == "boolean":
        advice, advice_en = "true または false と書いてください。", "Write true or false."
    else:
        advice = "数値だけを書いてください（単位は別の列、機械判読ルール L2-01）。"
        advice_en = "Write the number alone (units go in their own column; rule L2-01)."
    labels = {"integer": "整数 / integer", "number": "数値 / number", "date": "YYYY-MM-DD"}
    return codes.T004.make(
        file,
        position,
        where,
        field=name,
        value=show(cell),
        expected=labels.get(kind, kind),
        advice=advice,
        advice_en=advice_en,
    )
