"""Strict CSV loading: UTF-8 (a BOM is fine), every row and cell with its file position."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from itertools import accumulate

from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.text import DEFAULT_LIMITS, Limits, decode_text, unify_line_endings


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One record of a CSV file: the line it starts on, its row number and its cells."""

    line: int
    number: int  # the record's row number as a spreadsheet shows it (header = 1)
    cells: list[str]


@dataclass
class CsvTable:
    """A loaded CSV file: its text, header and rows, with positions computed on demand."""

    path: str
    text: str
    header: list[str]
    header_line: int = 1
    rows: list[CsvRow] = field(default_factory=list)
    _line_starts: list[int] | None = None

    def cell_position(self, line: int, index: int, cells: list[str] | None = None) -> Position:
        """Position of cell `index` (0-based) of the record that starts on `line`.

        Pass the record's `cells` to take the fast path on lines without quotes."""
        if cells is not None and index == 0:
            return Position(line, 1)
        if self._line_starts is None:
            # Built on first use, from the lines' lengths (a pass in C, not one per character).
            lengths = [len(text) + 1 for text in self.text.split("\n")]
            self._line_starts = list(accumulate(lengths[:-1], initial=0))
        if line - 1 >= len(self._line_starts):
            return Position(line, 1)
        offset = self._line_starts[line - 1]
        if cells is not None:
            end = self.text.find("\n", offset)
            if self.text.find('"', offset, end if end != -1 else len(self.text)) == -1:
                # No quotes on the line: the column follows from the cell lengths.
                return Position(line, sum(len(c) for c in cells[:index]) + index + 1)
        current_line, column, cell, quoted = line, 1, 0, False
        text = self.text
        while cell < index and offset < len(text):
            ch = text[offset]
            if ch == '"':
                quoted = not quoted
            elif ch == "," and not quoted:
                cell += 1
            elif ch == "\n":
                if not quoted:
                    break
                current_line, column = current_line + 1, 0
            offset += 1
            column += 1
        return Position(current_line, column)


def load_csv_bytes(
    data: bytes, display_path: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[CsvTable | None, list[Finding]]:
    """Decode and parse a CSV file strictly; None with findings when it cannot be
    read (encoding, quoting, too many rows), blank records reported and skipped."""
    text, findings = decode_text(data, display_path, limits)
    if text is None:
        return None, findings
    text = unify_line_endings(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table: CsvTable | None = None
    previous_end = 0
    number = 0
    try:
        for cells in reader:
            number += 1
            start_line = previous_end + 1
            previous_end = reader.line_num
            if table is None:
                table = CsvTable(path=display_path, text=text, header=cells, header_line=start_line)
                continue
            if not cells or all(cell == "" for cell in cells):
                findings.append(codes.T008.make(display_path, Position(start_line, 1)))
                continue
            if len(table.rows) >= limits.max_rows:
                findings.append(
                    codes.P014.make(display_path, Position(start_line, 1), limit=limits.max_rows)
                )
                return None, findings  # refused: its rows are not checked one by one
            table.rows.append(CsvRow(start_line, number, cells))
    except csv.Error as error:
        findings.append(
            codes.P011.make(display_path, Position(previous_end + 1, 1), problem=str(error))
        )
        return None, findings
    if table is None:
        table = CsvTable(path=display_path, text=text, header=[])
    return table, findings
