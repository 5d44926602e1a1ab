"""`renkei import-csv`: a CSV table (UTF-8 with or without BOM, or Shift_JIS/CP932, as Excel
saves it) read into the same rows as a workbook sheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from renkei.findings import codes
from renkei.findings.model import Position, Severity
from renkei.registry.loaders.text import DEFAULT_LIMITS, decode_utf8_or_cp932, unify_line_endings
from renkei.registry.safe_files import read_limited
from renkei.workbook.layout import SheetSpec
from renkei.workbook.read import ReadResult, SheetRows, _Reader
from renkei.workbook.rules import rule_finding

MAX_CSV_BYTES = 20 * 1024 * 1024


def read_csv(
    root: Path, path: Path, spec: SheetSpec, display: str, max_rows: int = DEFAULT_LIMITS.max_rows
) -> ReadResult:
    """The rows of a CSV file. The file is read safely (no link, no special file, at most
    MAX_CSV_BYTES) and reading stops at `max_rows` + 1 rows with a P014 finding."""
    result = ReadResult()
    reader = _Reader(root, display, result)
    sheet = SheetRows(spec, display, workbook=False)
    result.sheets[spec.name] = sheet
    data = read_limited(path, MAX_CSV_BYTES, display=display)
    decoded = decode_utf8_or_cp932(data)
    if decoded is None:
        result.findings.append(codes.W010.make(display, Position(1, 1), "", name=path.name))
        return result
    text, _ = decoded
    rows = csv.reader(io.StringIO(unify_line_endings(text), newline=""))
    try:
        header = next(rows, [])
    except csv.Error:
        header = []
    reader.header(sheet, list(header))
    line = rows.line_num + 1
    try:
        for count, cells in enumerate(rows, start=1):
            if count > max_rows:
                result.findings.append(
                    codes.P014.make(display, Position(line, 1), "", limit=max_rows)
                )
                sheet.rows.clear()
                break
            number = line
            line = rows.line_num + 1
            if rows.line_num - number > 0:
                result.findings.append(
                    rule_finding(root, "L1-14", display, f"line {number}", Position(number, 1),
                                 Severity.WARNING)
                )  # fmt: skip
            values = reader.row_values(sheet, number, [c if c != "" else None for c in cells])
            if values is not None:
                sheet.rows.append((number, values))
    except csv.Error as error:
        result.findings.append(
            codes.W001.make(display, Position(line, 1), "", name=path.name, detail=str(error))
        )
    return result
