"""Checks on a workbook file before any parser opens it.

Refused: macro-enabled workbooks (.xlsm, vbaProject.bin), encrypted workbooks and old .xls
files (both are OLE compound files, D0 CF 11 E0), files that are not a zip, files above the size
limit, and zip bombs (total uncompressed size or compression ratio above the limits).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")


@dataclass(frozen=True)
class WorkbookLimits:
    max_file_size: int = 20 * 1024 * 1024
    max_uncompressed: int = 200 * 1024 * 1024
    max_ratio: int = 200
    max_entries: int = 10_000


DEFAULT_WORKBOOK_LIMITS = WorkbookLimits()


class UnsafeWorkbook(Exception):
    """Why a workbook is refused: a catalogue code and its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def check_workbook_file(path: Path, limits: WorkbookLimits = DEFAULT_WORKBOOK_LIMITS) -> None:
    """Raise UnsafeWorkbook unless the file is a plain .xlsx within the limits."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise UnsafeWorkbook("W002", name=path.name)
    size = path.stat().st_size
    if size > limits.max_file_size:
        raise UnsafeWorkbook("W004", detail=f"{size:,} > {limits.max_file_size:,} bytes")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise UnsafeWorkbook("W003", name=path.name)
    if not head.startswith(ZIP_MAGIC):
        raise UnsafeWorkbook("W001", name=path.name, detail="not a zip archive")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnsafeWorkbook("W001", name=path.name, detail=str(error)) from error
    if len(entries) > limits.max_entries:
        raise UnsafeWorkbook("W004", detail=f"{len(entries):,} entries")
    total = 0
    names = set()
    for entry in entries:
        names.add(entry.filename.lower())
        total += entry.file_size
        if total > limits.max_uncompressed:
            raise UnsafeWorkbook(
                "W004", detail=f"uncompressed size above {limits.max_uncompressed:,} bytes"
            )
        if entry.file_size > 1024 * 1024 and entry.file_size > limits.max_ratio * max(
            entry.compress_size, 1
        ):
            raise UnsafeWorkbook(
                "W004",
                detail=f"{entry.filename} expands {entry.file_size // max(entry.compress_size, 1)}×",
            )
    if any(n.endswith("vbaproject.bin") for n in names):
        raise UnsafeWorkbook("W002", name=path.name)
    if any(n.startswith("xl/externallinks/") for n in names):
        raise UnsafeWorkbook("W012", name=path.name)
    if "xl/workbook.xml" not in names:
        raise UnsafeWorkbook("W001", name=path.name, detail="no xl/workbook.xml")
