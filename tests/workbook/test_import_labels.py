"""Labels typed into the workbook or a CSV are stored as ids: the importers convert a label
they recognise (saying so, W013, in both languages) and refuse one that fits two ids (W014) at
its row and column. Real CLI, real files; all data synthetic."""

from __future__ import annotations

import csv
import io

import openpyxl
import yaml

from helpers.registry import Registry
from helpers.workbook_cases import TOKYO, edit, export, run_import, tree_hash
from renkei.workbook.layout import platforms_sheet

MUNI = f"{TOKYO}/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,"


def _answers(registry: Registry, row: str) -> str:
    path = registry.root / "answers.csv"
    path.write_text(registry.read(MUNI).replace(CHIYODA, row), encoding="utf-8")
    return str(path)


def _import_csv(registry: Registry, path: str, *extra: str, lang: str = "en") -> object:
    return registry.run(
        "import-csv", "13", path, "--root", str(registry.root), "--lang", lang, *extra
    )


def _row(registry: Registry, code: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(registry.read(MUNI)))
    return next(r for r in rows if r["lg_code"] == code)


def test_import_csv_converts_answer_labels_and_says_so(registry: Registry) -> None:
    path = _answers(registry, "131016,千代田区,回答済み,2024-04-01,未定,,,")
    result = _import_csv(registry, path)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    output = result.output  # type: ignore[attr-defined]
    assert "answers.csv:line 2, column answer_status: warning: W013" in output
    assert "“回答済み” is imported as answered (回答済)." in output
    assert "“未定” is imported as undecided (未定)." in output
    japanese = _import_csv(registry, path, lang="ja").output  # type: ignore[attr-defined]
    assert "「回答済み」を answered（回答済）として取り込みます。" in japanese
    result = _import_csv(registry, path, "--write")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    row = _row(registry, "131016")
    assert (row["answer_status"], row["intention"]) == ("answered", "undecided")


def test_import_csv_refuses_an_ambiguous_label_at_its_cell(registry: Registry) -> None:
    """SYNTHETIC vocabulary edit: 未回答 shortened to 回答未 so that 回答 fits two ids."""
    registry.replace(
        "registry/reference/vocabularies.csv",
        "answer_status,not_answered,未回答,",
        "answer_status,not_answered,回答中,",
    )
    path = _answers(registry, "131016,千代田区,回答,,,,,")
    before = tree_hash(registry.root)
    result = _import_csv(registry, path, "--write")
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "answers.csv:line 2, column answer_status: error: W014" in output
    assert "answered（回答済）" in output and "not_answered（回答中）" in output
    assert tree_hash(registry.root) == before


def test_import_xlsx_converts_platform_labels(registry: Registry) -> None:
    path = export(registry)
    keys = [c.key for c in platforms_sheet(registry.root).columns]

    def column(key: str) -> int:
        return keys.index(key) + 1

    def change(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["platforms"]
        sheet.cell(2, column("kind")).value = "分野間"
        sheet.cell(2, column("status")).value = "構築中"
        sheet.cell(2, column("fields")).value = "防災;交通・モビリティ"

    edit(path, change)
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert result.output.count("W013") == 4, result.output
    assert "“構築中” is imported as building (構築中)." in result.output
    platform = yaml.safe_load(registry.read(f"{TOKYO}/platforms.yaml"))["platforms"][0]
    assert (platform["kind"], platform["status"]) == ("cross_field", "building")
    assert platform["fields"] == ["disaster_prevention", "mobility"]
