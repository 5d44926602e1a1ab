"""Read an imported workbook (or CSV) into rows per sheet, with cell references for findings.

Columns are found by their header in row 1 (Japanese name, English name or ASCII field name, in
any order); empty rows are skipped; sheets other than the data sheets are ignored. Structural
problems and broken machine-readability rules become findings that name the cell.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from renkei.findings import codes
from renkei.findings.finding_type import FindingType
from renkei.findings.model import Finding, Position, Severity
from renkei.registry.machine_readability import PLATFORM_DEPENDENT
from renkei.workbook.book import READ_ONLY_SHEETS, header_text
from renkei.workbook.cells import from_cell
from renkei.workbook.labels import Ambiguous, CellLabels
from renkei.workbook.layout import DATAMAP_HEADERS, INFO_SHEETS, Column, SheetSpec
from renkei.workbook.rules import rule_finding, sheets_with_objects

E, W = Severity.ERROR, Severity.WARNING


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def aliases(column: Column) -> set[str]:
    """Every header a column is recognised by (Japanese, English, field name, their combinations,
    the data map's header), normalised as `_norm` compares them."""
    names = {column.key, column.ja, column.en, f"{column.ja} / {column.en}",
             f"{column.ja}({column.key})", DATAMAP_HEADERS.get(column.key, column.key),
             header_text(column)}  # fmt: skip
    return {_norm(n) for n in names if n}


@dataclass
class SheetRows:
    """The rows of one data sheet: (row number, values by field) and where each field is."""

    spec: SheetSpec
    label: str  # what findings call the sheet: "platforms" or "municipalities.csv"
    present: bool = True
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    workbook: bool = True

    def ref(self, row: int, key: str | None = None) -> tuple[str, Position]:
        """Where a finding on `row` (and field `key`) points: `sheet!B5` in a workbook, `line 5,
        column key` in a CSV, with its position."""
        column = self.columns.get(key, 1) if key else 1
        if self.workbook:
            return f"{self.label}!{get_column_letter(column)}{row}", Position(row, column)
        name = key or self.spec.columns[0].key
        return f"line {row}, column {name}", Position(row, column)


@dataclass
class ReadResult:
    """The data sheets read from a workbook or CSV, by sheet name, and the findings of reading."""

    sheets: dict[str, SheetRows] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


class _Reader:
    def __init__(self, root: Path, display: str, result: ReadResult) -> None:
        self.root, self.display, self.result = root, display, result
        self.labels = CellLabels(root)

    def add(self, kind: FindingType, where: str, position: Position, **params: object) -> None:
        self.result.findings.append(kind.make_from(self.display, position, params, where))

    def rule(
        self, rule: str, where: str, position: Position, severity: Severity, detail: str = ""
    ) -> None:
        self.result.findings.append(
            rule_finding(self.root, rule, self.display, where, position, severity, detail)
        )

    def header(self, sheet: SheetRows, headers: list[Any]) -> None:
        """Map fields to columns; report missing, unknown and duplicate headers."""
        by_alias = {a: c for c in sheet.spec.columns for a in aliases(c)}
        for index, raw in enumerate(headers, start=1):
            if raw is None or str(raw).strip() == "":
                continue
            column = by_alias.get(_norm(str(raw)))
            where, position = f"{sheet.label}!{get_column_letter(index)}1", Position(1, index)
            if sheet.workbook is False:
                where = f"row 0, column {raw}"
            if column is None:
                self.add(codes.W007, where, position, sheet=sheet.label, value=str(raw).strip())
            elif column.key in sheet.columns:
                self.rule("L2-03", where, position, E, str(raw))
            else:
                sheet.columns[column.key] = index
        for column in sheet.spec.columns:
            if column.key not in sheet.columns and (column.required or not column.hidden):
                if column.hidden:
                    continue
                where, position = sheet.ref(1)
                severity = E if column.required else W
                self.result.findings.append(
                    codes.W006.make(
                        self.display, position, where, severity=severity,
                        sheet=sheet.label, field=column.key, name=column.ja,
                    )
                )  # fmt: skip

    def row_values(self, sheet: SheetRows, number: int, cells: list[Any]) -> dict[str, str] | None:
        values: dict[str, str] = {}
        for column in sheet.spec.columns:
            index = sheet.columns.get(column.key)
            raw = cells[index - 1] if index is not None and index <= len(cells) else None
            text, note = from_cell(raw, column.kind)
            text, events = self.labels.convert(text, column)
            for event in events:
                where, position = sheet.ref(number, column.key)
                if isinstance(event, Ambiguous):
                    self.add(codes.W014, where, position, value=event.value,
                             candidates=event.candidates)  # fmt: skip
                else:
                    self.add(codes.W013, where, position, value=event.value, id=event.id,
                             label=event.label)  # fmt: skip
            if note is not None:
                where, position = sheet.ref(number, column.key)
                self.rule(note.rule, where, position, W, f"{note.value} → {note.fixed}")
            dependent = PLATFORM_DEPENDENT.search(text)
            if dependent:
                where, position = sheet.ref(number, column.key)
                self.rule("L1-08", where, position, W, dependent[0])
            values[column.key] = text
        visible = [k for k in sheet.spec.columns if not k.hidden]
        if not any(values[c.key] for c in visible):
            return None
        return values


def _check_sheet_rules(reader: _Reader, ws: Worksheet, sheet: SheetRows, width: int) -> None:
    for merged in ws.merged_cells.ranges:
        ref = f"{sheet.label}!{merged.coord}"
        reader.rule("L1-12", ref, Position(merged.min_row, merged.min_col), E)
    hidden_ok = {
        sheet.columns[c.key] for c in sheet.spec.columns if c.hidden and c.key in sheet.columns
    }
    for letter, dimension in ws.column_dimensions.items():
        if not dimension.hidden:
            continue
        low, high = dimension.min or 1, dimension.max or dimension.min or 1
        for index in range(low, min(high, max(width, low)) + 1):
            if index not in hidden_ok and index <= max(width, ws.max_column):
                ref = f"{sheet.label}!{get_column_letter(index)}1"
                reader.rule("L1-13", ref, Position(1, index), E, letter)
                break
    for number, row_dimension in ws.row_dimensions.items():
        if row_dimension.hidden and number <= ws.max_row:
            reader.rule("L1-13", f"{sheet.label}!A{number}", Position(number, 1), E)


def open_workbook(path: Path) -> Workbook:
    """Parse the workbook (after `safety.check_workbook_file`): values and formulas as stored."""
    return load_workbook(path, data_only=False, keep_vba=False, keep_links=False)


def read_workbook(
    root: Path,
    path: Path,
    specs: list[SheetSpec],
    display: str,
    workbook: Workbook | None = None,
) -> ReadResult:
    """Read the data sheets of `specs` from a workbook (`workbook` when already parsed, else
    `path`): rows by field, with W005–W009 and machine-readability findings that name the cell
    (`display` is the file name the findings carry). The workbook is closed afterwards."""
    result = ReadResult()
    reader = _Reader(root, display, result)
    workbook = workbook or open_workbook(path)
    try:
        objects = sheets_with_objects(path)
        known = {s.name for s in specs}
        for name in workbook.sheetnames:
            if name not in known and name not in INFO_SHEETS and name not in READ_ONLY_SHEETS:
                reader.add(codes.W005, f"{name}!A1", Position(1, 1), sheet=name)
            if name in objects:
                reader.rule("L1-10", f"{name}!A1", Position(1, 1), W, objects[name])
        for spec in specs:
            sheet = SheetRows(spec, spec.name)
            result.sheets[spec.name] = sheet
            if spec.name not in workbook.sheetnames:
                sheet.present = False
                reader.add(codes.W009, f"{spec.name}!A1", Position(1, 1), sheet=spec.name,
                           target=spec.filename)  # fmt: skip
                continue
            _read_sheet(reader, workbook[spec.name], sheet)
    finally:
        workbook.close()
    return result


def _read_sheet(reader: _Reader, ws: Worksheet, sheet: SheetRows) -> None:
    grid = [list(row) for row in ws.iter_rows()]
    headers = [c.value for c in grid[0]] if grid else []
    if not any(h not in (None, "") for h in headers):
        later = next((i for i, r in enumerate(grid[1:11], start=2)
                      if any(c.value not in (None, "") for c in r)), None)  # fmt: skip
        if later is not None:
            reader.rule("L3-01", f"{sheet.label}!A{later}", Position(later, 1), E)
            return
    reader.header(sheet, headers)
    width = max((i for i, h in enumerate(headers, start=1) if h not in (None, "")), default=0)
    _check_sheet_rules(reader, ws, sheet, width)
    used = set(sheet.columns.values())
    header_aliases = {a for c in sheet.spec.columns for a in aliases(c)}
    gap_at: int | None = None
    flagged_fill = False
    for number, row in enumerate(grid[1:], start=2):
        values = [c.value for c in row]
        for column, cell in enumerate(row, start=1):  # iter_rows starts at column A
            if cell.data_type == "f" or type(cell.value).__name__ in (
                "ArrayFormula",
                "DataTableFormula",
            ):
                ref = f"{sheet.label}!{cell.coordinate}"
                reader.rule("L2-06", ref, Position(number, column), E, str(cell.value)[:40])
            if (
                not flagged_fill
                and cell.value not in (None, "")
                and cell.fill is not None
                and cell.fill.fill_type not in (None, "none")
            ):
                flagged_fill = True
                reader.rule(
                    "L1-11", f"{sheet.label}!{cell.coordinate}", Position(number, column), W
                )
        if all(v in (None, "") or (isinstance(v, str) and not v.strip()) for v in values):
            gap_at = gap_at or number
            continue
        strays = [i for i, v in enumerate(values, start=1)
                  if i not in used and i > 0 and v not in (None, "")
                  and (i > len(headers) or headers[i - 1] in (None, ""))]  # fmt: skip
        if strays:
            index = strays[0]
            separated = index > width + 1 or any(
                headers[j - 1] in (None, "") for j in range(1, min(index, len(headers) + 1))
            )
            rule = "L1-02" if separated else "L1-05"
            reader.rule(rule, f"{sheet.label}!{get_column_letter(index)}{number}",
                        Position(number, index), E)  # fmt: skip
        if gap_at is not None:
            texts = {_norm(str(v)) for v in values if v not in (None, "")}
            if texts and texts <= header_aliases:
                reader.rule("L1-02", f"{sheet.label}!A{number}", Position(number, 1), E)
                return
            reader.rule("L1-03", f"{sheet.label}!A{gap_at}", Position(gap_at, 1), W)
            gap_at = None
        parsed = reader.row_values(sheet, number, values)
        if parsed is not None:
            sheet.rows.append((number, parsed))
