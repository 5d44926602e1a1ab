"""Workbooks and CSV files written the way people write them (synthetic test data), and one
triggering case per W finding code. Shared by test_workbook.py and test_finding_codes.py."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from helpers.registry import Registry

TOKYO = "registry/prefectures/13-tokyo"


def tree_hash(root: Path) -> str:
    """One hash over every file's path and bytes under registry/."""
    digest = hashlib.sha256()
    for path in sorted((root / "registry").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def export(registry: Registry, name: str = "tokyo.xlsx", *extra: str) -> Path:
    out = registry.root / name
    result = registry.run("export-xlsx", "13", "-o", str(out), "--root", str(registry.root), *extra)
    assert result.exit_code == 0, result.output
    return out


def edit(path: Path, change: Callable[[openpyxl.Workbook], Any], out: str | None = None) -> Path:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    target = path.with_name(out) if out else path
    workbook.save(target)
    return target


def run_import(registry: Registry, path: Path, *extra: str, lang: str = "en") -> Any:
    return registry.run(
        "import-xlsx", "13", str(path), "--root", str(registry.root), "--lang", lang, *extra
    )


@dataclass
class WorkbookCase:
    code: str
    make: Callable[[Registry], Path]
    where: str  # expected location text in the output
    command: str = "import-xlsx"
    severity: str = "error"
    exit_code: int | None = None  # default: 1 for an error, 0 for a warning


def _xlsm(r: Registry) -> Path:
    path = export(r)
    target = path.with_suffix(".xlsm")
    path.rename(target)
    return target


def _external_link(r: Registry) -> Path:
    import zipfile

    path = export(r)
    target = r.root / "linked.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr(
            "xl/externalLinks/externalLink1.xml",
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
        )
    return target


def _encrypted(r: Registry) -> Path:
    path = r.root / "locked.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    return path


def _not_zip(r: Registry) -> Path:
    path = r.root / "notes.xlsx"
    path.write_text("this is not a workbook\n", encoding="utf-8")
    return path


def _zip_bomb(r: Registry) -> Path:
    path = r.root / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    return path


def _extra_sheet(r: Registry) -> Path:
    return edit(export(r), lambda wb: wb.create_sheet("メモ"))


def _drop_column(r: Registry) -> Path:
    return edit(export(r), lambda wb: wb["municipalities"].delete_cols(3))


def _unknown_column(r: Registry) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        wb["municipalities"]["I1"] = "メモ欄"

    return edit(export(r), change)


def _merged(r: Registry) -> Path:
    return edit(export(r), lambda wb: wb["municipalities"].merge_cells("G2:H2"))


def _missing_sheet(r: Registry) -> Path:
    return edit(export(r), lambda wb: wb.remove(wb["kpis"]))


def _cp932_garbage(r: Registry) -> Path:
    path = r.root / "answers.csv"
    path.write_bytes(b"lg_code,name\n131016,\x82\n")
    return path


def _unmatched_id(r: Registry) -> Path:
    def change(wb: openpyxl.Workbook) -> None:
        wb["platforms"]["P2"] = "no-such-platform"

    return edit(export(r), change)


WORKBOOK_CASES = [
    WorkbookCase("W001", _not_zip, "notes.xlsx"),
    WorkbookCase("W002", _xlsm, "tokyo.xlsm"),
    WorkbookCase("W003", _encrypted, "locked.xlsx"),
    WorkbookCase("W004", _zip_bomb, "bomb.xlsx"),
    WorkbookCase("W005", _extra_sheet, "メモ!A1", severity="warning"),
    WorkbookCase("W006", _drop_column, "municipalities!A1"),
    WorkbookCase("W007", _unknown_column, "municipalities!I1", severity="warning"),
    WorkbookCase("W008", _merged, "municipalities!G2:H2"),
    WorkbookCase("W009", _missing_sheet, "kpis!A1", severity="warning"),
    WorkbookCase("W010", _cp932_garbage, "answers.csv", command="import-csv"),
    # A new platform has no sources yet, so the import also fails validation (S006).
    WorkbookCase("W011", _unmatched_id, "platforms!P2", severity="warning", exit_code=1),
    WorkbookCase("W012", _external_link, "linked.xlsx"),
]
