"""Where each cell of a CSV text is: its value and the characters it takes (quotes included),
record by record, with the line each record starts on. The text must parse as strict CSV (the
caller loaded it first); line endings are LF or CRLF, as the file has them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its value, `text[start:end]` as written, whether it is quoted, and its 1-based
    line and column."""

    value: str
    start: int
    end: int
    quoted: bool
    line: int
    column: int


def csv_cells(text: str) -> list[list[Cell]]:
    """Every record's cells, in order."""
    records: list[list[Cell]] = []
    record: list[Cell] = []
    index, line, line_start, size = 0, 1, 0, len(text)
    while index < size:
        start, column = index, index - line_start + 1
        start_line = line
        if text[index] == '"':
            parts, index = [], index + 1
            while index < size:
                char = text[index]
                if char == '"':
                    if index + 1 < size and text[index + 1] == '"':
                        parts.append('"')
                        index += 2
                        continue
                    index += 1
                    break
                if char == "\n":
                    line, line_start = line + 1, index + 1
                parts.append(char)
                index += 1
            value, quoted = "".join(parts), True
        else:
            end = index
            while end < size and text[end] not in ",\r\n":
                end += 1
            value, quoted, index = text[index:end], False, end
        record.append(Cell(value, start, index, quoted, start_line, column))
        if index < size and text[index] == ",":
            index += 1
            if index == size:
                record.append(Cell("", index, index, False, line, index - line_start + 1))
            continue
        if text.startswith("\r\n", index):
            index += 2
        elif index < size and text[index] in "\r\n":
            index += 1
        records.append(record)
        record = []
        line, line_start = line + 1, index
    if record:
        records.append(record)
    return records
