"""Reading one CSV cell through its Table Schema field: the fast acceptance test of a clean
cell, and the full reading that returns the findings of a cell that fails it (type, enum,
pattern, bounds, lengths, stray characters). The rules are listed in `renkei.checks.table_schema`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from renkei.checks.patterns import (
    describe_stray_characters,
    python_matcher,
    visible,
    without_stray_characters,
)
from renkei.checks.suggest import (
    allowed_list,
    date_advice,
    enum_suggestion,
    lg_code_advice,
    show,
    with_suggestion,
)
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.csv_loader import CsvRow, CsvTable
from renkei.registry.machine_readability import INTEGER, NUMBER
from renkei.registry.reference import Reference, to_halfwidth

#: The number syntax the bundle's writers accept too (rule L2-01).
_INTEGER, _NUMBER = INTEGER, NUMBER
_LG_PATTERN = "^[0-9]{6}$"
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")

#: What a fast reader returns for a cell it does not accept.
REJECT = object()


def fast_reader(spec: dict[str, Any]) -> Any:
    """A function that returns a non-empty, unpadded cell's value when it passes every check of
    its field, else `REJECT`; rejected cells go through `read_cell` for the findings. Only the
    common case is fast; every rule lives in `read_cell`."""
    constraints = spec.get("constraints", {})
    kind = spec.get("type", "string")
    enum = frozenset(constraints["enum"]) if "enum" in constraints else None
    pattern = python_matcher(constraints["pattern"]) if "pattern" in constraints else None
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    min_length, max_length = constraints.get("minLength"), constraints.get("maxLength")
    if kind not in ("string", "integer", "number", "date") or (kind != "string" and enum):
        return lambda cell: REJECT

    def read(cell: str) -> Any:
        value: Any = cell
        if kind == "integer":
            if not _INTEGER.fullmatch(cell):
                return REJECT
            value = int(cell)
        elif kind == "number":
            if not _NUMBER.fullmatch(cell):
                return REJECT
            value = float(cell)
        elif kind == "date":
            if len(cell) != 10:
                return REJECT
            try:
                dt.date.fromisoformat(cell)
            except ValueError:
                return REJECT
        if enum is not None and value not in enum:
            return REJECT
        if pattern is not None and not pattern(cell):
            return REJECT
        if minimum is not None and value < minimum:
            return REJECT
        if maximum is not None and value > maximum:
            return REJECT
        if max_length is not None and len(cell) > max_length:
            return REJECT
        if min_length is not None and len(cell) < min_length:
            return REJECT
        return value

    return read


def exact_field(spec: dict[str, Any]) -> bool:
    """True for a field whose value must be written exactly, without surrounding spaces: one
    with a pattern or an enum, a date or a boolean (Table Schema readers refuse them padded)."""
    constraints = spec.get("constraints", {})
    return (
        "pattern" in constraints or "enum" in constraints or spec.get("type") in ("date", "boolean")
    )


def unique_field(spec: dict[str, Any]) -> bool:
    """True for a field whose values must be unique."""
    return bool(spec.get("constraints", {}).get("unique"))


def stray_finding(
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


def read_cell(
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
    """A cell's value read through its field, and its findings (missing, type, enum, pattern,
    bounds, lengths); the value is None when there are findings."""
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
            return None, [type_problem(cell, name, "integer", file, at(), where)]
        value = int(cell)
    elif kind == "number":
        if not _NUMBER.fullmatch(cell):
            return None, [type_problem(cell, name, "number", file, at(), where)]
        value = float(cell)
    elif kind == "date":
        try:
            if len(cell) != 10:
                raise ValueError(cell)
            value = dt.date.fromisoformat(cell).isoformat()
        except ValueError:
            return None, [type_problem(cell, name, "date", file, at(), where)]
    elif kind == "boolean":
        true_values = spec.get("trueValues", DEFAULT_TRUE)
        false_values = spec.get("falseValues", DEFAULT_FALSE)
        if cell not in true_values and cell not in false_values:
            return None, [type_problem(cell, name, "boolean", file, at(), where)]
        value = cell in true_values
    problems: list[Finding] = []
    enum = constraints.get("enum")
    if enum is not None and value not in enum:
        finding = codes.T005.make(
            file, at(), where, field=name, value=show(cell), allowed=allowed_list(enum)
        )
        problems.append(with_suggestion(finding, enum_suggestion(cell, enum, reference)))
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


def type_problem(
    cell: str, name: str, kind: str, file: str, position: Position, where: str
) -> Finding:
    """T004: a cell that is not of its field's type, with a hint that fixes the common mistakes
    (full-width digits, separators, 2024.0, Japanese dates)."""
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
