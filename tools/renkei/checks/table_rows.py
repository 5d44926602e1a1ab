"""Checking a CSV table against its Table Schema: the header, every row's cells (read by
`renkei.checks.table_cells`), unique values and the primary key; the rows come back typed for
the cross-file checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from renkei.checks.patterns import has_stray_characters
from renkei.checks.suggest import nearest, show
from renkei.checks.table_cells import (
    REJECT,
    exact_field,
    fast_reader,
    read_cell,
    stray_finding,
    type_problem,
    unique_field,
)
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.csv_loader import CsvRow, CsvTable
from renkei.registry.reference import Reference

#: Past this many findings in one file the rest of its rows are not checked (P018): a broken
#: export must not bury the first, real problems under thousands of repeats.
MAX_FINDINGS_PER_FILE = 1000


@dataclass
class TypedRow:
    """A CSV row read through its Table Schema: values by field name, None for empty."""

    row: CsvRow
    values: dict[str, Any]
    columns: dict[str, int] = field(default_factory=dict)


def _primary_key(schema: dict[str, Any]) -> list[str]:
    key = schema.get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def table_findings(
    table: CsvTable, schema: dict[str, Any], reference: Reference
) -> tuple[list[Finding], list[TypedRow]]:
    """The findings of a CSV table against its Table Schema, and its rows typed by field name (the
    rows past MAX_FINDINGS_PER_FILE findings are not checked)."""
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    findings: list[Finding] = []
    file = table.path
    if table.header != expected:
        findings.append(_header_finding(table, expected))
    columns = {name: i for i, name in enumerate(table.header) if name in expected}
    typed: list[TypedRow] = []
    seen_unique: dict[str, dict[Any, int]] = {f["name"]: {} for f in fields if unique_field(f)}
    primary_key = _primary_key(schema)
    optional = {f["name"] for f in fields if not (f.get("constraints") or {}).get("required")}
    required_key = [k for k in primary_key if k not in optional]
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
            fast_reader(spec),
            exact_field(spec),
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
                if accepted is not REJECT:
                    values[name] = accepted
                    continue
            where = f"row {row.number}, column {name}"
            if exact and cell not in missing and has_stray_characters(cell):
                findings.append(stray_finding(table, row, index, name, cell, where))
                values[name] = None
                continue
            stripped = cell.strip()
            kind = spec.get("type", "string")
            if not stripped and kind != "string" and cell not in missing:
                # Only spaces: not a missing value (those are exact), and not a number either.
                position = table.cell_position(row.line, index, cells)
                findings.append(type_problem(cell, name, kind, file, position, where))
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
            value, problems = read_cell(
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
        if primary_key and _key_readable(values, row.cells, columns, required_key, primary_key):
            # An optional part of the key left empty counts as the empty value.
            key = tuple(values.get(k) for k in primary_key)
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


def _key_readable(
    values: dict[str, Any],
    cells: list[str],
    columns: dict[str, int],
    required_key: list[str],
    primary_key: list[str],
) -> bool:
    """Whether a row's primary key can be compared: every required part read, and every optional
    part read or left empty (a bad value has its own finding and no key)."""
    if any(values.get(k) is None for k in required_key):
        return False
    for k in primary_key:
        index = columns.get(k)
        if values.get(k) is None and index is not None and index < len(cells) and cells[index]:
            return False
    return True


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
