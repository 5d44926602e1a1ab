"""The safe fixes of one CSV table of a prefecture: each cell read through its Table Schema
field — a label to its id in an enumerated column, full-width digits and spaces in a code, an
id or a number, an era or slash date to ISO in a date column — and trailing spaces of text
cells. The fixed text is kept only when it reads back as the table with those cells and nothing
else changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from renkei.checks.patterns import python_matcher
from renkei.checks.table_schema import load_table_schema
from renkei.fix.csv_spans import Cell, csv_cells
from renkei.fix.model import Edit, FileFix
from renkei.fix.text import apply_edits
from renkei.fix.values import Fixed, date_fix, label_fix, number_fix, pattern_fix
from renkei.registry.labels import LabelResolver, enum_resolver
from renkei.registry.layout import TABLES
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.machine_readability import INTEGER, NUMBER
from renkei.registry.reference import Reference

_TRAILING = " \t\u3000"


def fix_csv(root: Path, relative: str, data: bytes, reference: Reference) -> FileFix:
    """The fixes of a CSV table (`relative` to the registry root, its bytes `data`); a file that
    does not load gets its findings and no fix."""
    table, findings = load_csv_bytes(data, relative)
    if table is None:
        text = data.decode("utf-8", errors="replace")
        return FileFix(relative, text, text, problems=findings)
    text = data.decode("utf-8")  # the loader accepted it, so it is UTF-8
    bom = 1 if text.startswith("\ufeff") else 0
    name = TABLES.get(relative.rsplit("/", 1)[-1])
    if name is None:
        return FileFix(relative, text, text)
    specs = {spec["name"]: spec for spec in load_table_schema(root, name)["fields"]}
    missing = frozenset(load_table_schema(root, name).get("missingValues", [""]))
    records = csv_cells(text[bom:])
    if not records:
        return FileFix(relative, text, text)
    header = [cell.value for cell in records[0]]
    resolvers: dict[tuple[str, ...], LabelResolver] = {}
    planned: list[tuple[int, int, Edit]] = []
    for number, record in enumerate(records[1:], start=1):
        for index, cell in enumerate(record):
            spec = specs.get(header[index]) if index < len(header) else None
            if spec is None or cell.value in missing:
                continue
            fixed = cell_fix(cell.value, spec, reference, resolvers)
            if fixed is not None:
                planned.append((number, index, _edit(cell, fixed, bom)))
    after, applied = apply_edits(text, [edit for _, _, edit in planned])
    cells = [[c.value.replace("\r\n", "\n") for c in r] for r in records]
    for number, index, edit in planned:
        if edit in applied:
            cells[number][index] = edit.value
    expected = [cells[0], *(r for r in cells[1:] if any(r))]
    reloaded, _ = load_csv_bytes(after.encode("utf-8"), relative)
    if reloaded is None or [reloaded.header, *(r.cells for r in reloaded.rows)] != expected:
        return FileFix(relative, text, text)
    return FileFix(relative, text, after, applied)


def cell_fix(
    value: str,
    spec: dict[str, Any],
    reference: Reference,
    resolvers: dict[tuple[str, ...], LabelResolver],
) -> Fixed | None:
    """The fix of one cell through its field, or None."""
    constraints = spec.get("constraints", {})
    kind = spec.get("type", "string")
    enum = constraints.get("enum")
    if enum is not None and kind == "string":
        if value in enum:
            return None
        allowed = tuple(str(v) for v in enum)
        resolver = resolvers.get(allowed)
        if resolver is None:
            resolver = resolvers[allowed] = enum_resolver(allowed, reference)
        return label_fix(value, resolver)
    if kind == "date":
        return date_fix(value)
    if kind in ("integer", "number"):
        syntax = INTEGER if kind == "integer" else NUMBER
        return None if syntax.fullmatch(value) else number_fix(value, syntax)
    pattern = constraints.get("pattern")
    if pattern is not None:
        return None if python_matcher(pattern)(value) else pattern_fix(value, pattern)
    if kind == "string":
        stripped = value.rstrip(_TRAILING)
        if stripped and stripped != value:
            return Fixed(stripped, "trailing")
    return None


def _edit(cell: Cell, fixed: Fixed, bom: int) -> Edit:
    new = fixed.value
    if cell.quoted or any(c in new for c in ',"\r\n'):
        new = '"' + new.replace('"', '""') + '"'
    return Edit(
        cell.start + bom,
        cell.end + bom,
        new,
        cell.line,
        cell.column,
        fixed.kind,
        cell.value,
        fixed.value,
        fixed.label,
    )
