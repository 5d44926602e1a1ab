"""Checks on a workbook file before any parser opens it.

Refused: macro-enabled workbooks (.xlsm, vbaProject.bin), encrypted workbooks and old .xls
files (both are OLE compound files, D0 CF 11 E0), files that are not a zip, files above the size
limit, and zip bombs (total uncompressed size or compression ratio above the limits).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

from renkei.findings import codes
from renkei.findings.finding_type import FindingType
from renkei.registry.safe_files import FileTooLarge, read_limited

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml\Z", re.I)
_STREAM_CHUNK = 64 * 1024


@dataclass(frozen=True)
class WorkbookLimits:
    """The limits a workbook must stay within before and while it is parsed."""

    max_file_size: int = 20 * 1024 * 1024
    max_uncompressed: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_entries: int = 10_000
    max_rows: int = 100_000  # real rows per sheet, counted while streaming its XML
    max_cells: int = 300_000  # real cells in all sheets, likewise (declared dimensions ignored)


DEFAULT_WORKBOOK_LIMITS = WorkbookLimits()


class UnsafeWorkbook(Exception):
    """Why a workbook is refused: the finding type (W001–W004, W012) and its parameters."""

    def __init__(self, finding_type: FindingType, **params: object) -> None:
        super().__init__(finding_type.code)
        self.finding_type, self.params = finding_type, params


def check_workbook_file(path: Path, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS) -> None:
    """Raise UnsafeWorkbook unless the file is a plain .xlsx within the limits."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise UnsafeWorkbook(codes.W002, name=path.name)
    try:  # never through a link, never a FIFO or device, never more than the limit
        data = read_limited(path, limits.max_file_size, display=path.name)
    except FileTooLarge as error:
        detail = f"{error.size:,} > {limits.max_file_size:,} bytes"
        raise UnsafeWorkbook(codes.W004, detail=detail) from error
    head = data[:8]
    if head == OLE_MAGIC:
        raise UnsafeWorkbook(codes.W003, name=path.name)
    if not head.startswith(ZIP_MAGIC):
        raise UnsafeWorkbook(codes.W001, name=path.name, detail="not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            _check_entries(path, entries, limits)
            cells = 0
            for entry in entries:
                if SHEET_PART.match(entry.filename):
                    with archive.open(entry) as stream:
                        cells += count_cells(stream, entry.filename, limits, cells)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UnsafeWorkbook(codes.W001, name=path.name, detail=str(error)) from error


def _check_entries(path: Path, entries: list[zipfile.ZipInfo], limits: WorkbookLimits) -> None:
    if len(entries) > limits.max_entries:
        raise UnsafeWorkbook(codes.W004, detail=f"{len(entries):,} entries")
    total = 0
    names = set()
    for entry in entries:
        names.add(entry.filename.lower())
        total += entry.file_size
        if total > limits.max_uncompressed:
            raise UnsafeWorkbook(
                codes.W004, detail=f"uncompressed size above {limits.max_uncompressed:,} bytes"
            )
        if entry.file_size > 1024 * 1024 and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            raise UnsafeWorkbook(
                codes.W004,
                detail=f"{entry.filename} expands {entry.file_size // max(entry.compress_size, 1)}×",
            )
    if any(n.endswith("vbaproject.bin") for n in names):
        raise UnsafeWorkbook(codes.W002, name=path.name)
    if any(n.startswith("xl/externallinks/") for n in names):
        raise UnsafeWorkbook(codes.W012, name=path.name)
    if "xl/workbook.xml" not in names:
        raise UnsafeWorkbook(codes.W001, name=path.name, detail="no xl/workbook.xml")


class _TooMany(Exception):
    pass


def count_cells(stream: IO[bytes], part: str, limits: WorkbookLimits, cells_before: int = 0) -> int:
    """The real cells of a sheet, counted with its rows while its XML streams (no tree is
    built). Raise UnsafeWorkbook as soon as the rows or the cells (with `cells_before` of the
    sheets already counted) are above their limit. A document type declaration (where entity
    tricks live) is refused too."""
    counts = {"row": 0, "c": cells_before}
    maximum = {"row": limits.max_rows, "c": limits.max_cells}

    def start(name: str, _attributes: object) -> None:
        local = name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]
        if local in counts:
            counts[local] += 1
            if counts[local] > maximum[local]:
                raise _TooMany(local)

    def doctype(*_: object) -> None:
        raise UnsafeWorkbook(codes.W001, name=part, detail="a DOCTYPE in a sheet")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        while chunk := stream.read(_STREAM_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _TooMany as error:
        limit = maximum[str(error)]
        what = (
            f"{part}: more than {limit:,} rows"
            if str(error) == "row"
            else (f"more than {limit:,} cells in all sheets")
        )
        raise UnsafeWorkbook(codes.W004, detail=what) from error
    except expat.ExpatError as error:
        raise UnsafeWorkbook(codes.W001, name=part, detail=str(error)) from error
    return counts["c"] - cells_before
