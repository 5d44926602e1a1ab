"""One survey workbook: `renkei export-xlsx` and the bundle's survey.xlsx are the same layout
(sheets, headers, code table, drop-downs, print setup), and `renkei import-xlsx` reads both back
without a change. Through the real CLI on real files and a real Git repository; the registry's
data is the tests' own synthetic data."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from helpers.documents import vision_file
from helpers.gitrepo import committed_registry
from helpers.registry import Registry
from helpers.workbook_cases import TOKYO, edit, export, run_import, tree_hash
from renkei.workbook.book import READ_ONLY_SHEETS

VISION = f"{TOKYO}/vision.yaml"


def _synthetic_vision(registry: Registry) -> None:
    registry.write(VISION, vision_file().replace("platform_id: p1", "platform_id: test-platform"))


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(
        tmp_path / "repo", "one-workbook", _synthetic_vision, "2025-05-01T10:00:00+09:00"
    )


def bundle_workbook(repo: Registry) -> Path:
    out = repo.root.parent / "dist"
    result = repo.run("bundle", "13", "--root", str(repo.root), "-o", str(out))
    assert result.exit_code == 0, result.output
    [path] = sorted(out.glob("*.zip"))
    with zipfile.ZipFile(path) as archive:
        data = archive.read("survey.xlsx")
    target = repo.root.parent / "survey.xlsx"
    target.write_bytes(data)
    return target


def headers(workbook: openpyxl.Workbook) -> dict[str, list[object]]:
    return {ws.title: [c.value for c in ws[1]] for ws in workbook.worksheets}


def test_export_and_bundle_are_one_workbook(repo: Registry) -> None:
    exported = openpyxl.load_workbook(export(repo))
    bundled = openpyxl.load_workbook(bundle_workbook(repo))
    bundle_only = [n for n in bundled.sheetnames if n not in exported.sheetnames]
    assert bundle_only and set(bundle_only) <= set(READ_ONLY_SHEETS), bundle_only
    assert bundled.sheetnames == exported.sheetnames + bundle_only
    assert exported.sheetnames[-1] == "vision"  # the vision sheet is in both
    exported_headers, bundled_headers = headers(exported), headers(bundled)
    for name in exported.sheetnames:
        assert bundled_headers[name] == exported_headers[name], name
    assert exported_headers["municipalities"][:3] == [
        "団体コード（lg_code）", "団体名（name）", "回答状況（answer_status）",
    ]  # fmt: skip
    codes = [r[:3] for r in bundled["コード表"].iter_rows(min_row=2, values_only=True)]
    assert codes == [r[:3] for r in exported["コード表"].iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("source", ["export", "bundle"])
def test_either_workbook_imports_back_without_a_change(repo: Registry, source: str) -> None:
    path = export(repo) if source == "export" else bundle_workbook(repo)
    before = tree_hash(repo.root)
    result = run_import(repo, path, "--write")
    assert result.exit_code == 0, result.output
    assert "W005" not in result.output and "W007" not in result.output, result.output
    assert "W006" not in result.output and "W009" not in result.output, result.output
    assert tree_hash(repo.root) == before


def test_drop_downs_show_labels_and_the_import_stores_ids(repo: Registry) -> None:
    path = export(repo)
    workbook = openpyxl.load_workbook(path)
    codes = list(workbook["コード表"].iter_rows(min_row=2, values_only=True))
    enum_lists = {r[0] for r in codes} - {"lg_code", "platform_id"}
    assert enum_lists >= {"answer_status", "intention", "kind", "status", "field", "boolean"}
    assert all(r[2] for r in codes if r[0] in enum_lists), "every id of a list has its label"
    sheet = workbook["municipalities"]
    column = next(c.column_letter for c in sheet[1] if c.value == "回答状況（answer_status）")
    [validation] = [v for v in sheet.data_validations.dataValidation
                    if str(v.sqref).startswith(f"{column}2:")]  # fmt: skip
    first = next(i for i, r in enumerate(codes, start=2) if r[0] == "answer_status")
    assert validation.formula1.startswith(f"'コード表'!$C${first}:")  # the labels column
    assert codes[first - 2][1:3] == ("not_answered", "未回答")

    intention_id, intention_label = next(r[1:3] for r in codes if r[0] == "intention")
    intention = next(c.column_letter for c in sheet[1] if "（intention）" in str(c.value))

    def answer(wb: openpyxl.Workbook) -> None:
        wb["municipalities"][f"{column}2"] = "回答済"
        wb["municipalities"][f"{intention}2"] = intention_label
        platforms = wb["platforms"]
        personal = next(c.column_letter for c in platforms[1] if "personal_data" in str(c.value))
        platforms[f"{personal}2"] = "いいえ"

    result = run_import(repo, edit(path, answer), "--write")
    assert result.exit_code == 0, result.output
    assert "W013" in result.output
    written = repo.read(f"{TOKYO}/municipalities.csv")
    assert f"131016,千代田区,answered,,{intention_id}," in written
    assert "personal_data: false" in repo.read(f"{TOKYO}/platforms.yaml")


def test_sorting_filtering_and_print_setup(repo: Registry) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(bundle_workbook(repo).read_bytes()))
    assert workbook.security is not None and workbook.security.lockStructure
    for ws in workbook.worksheets:
        last = f"{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        assert ws.auto_filter.ref == f"A1:{last}", ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        letters = "".join(ch for ch in last if ch.isalpha())
        assert ws.print_area == f"'{ws.title}'!$A$1:${letters}${last[len(letters) :]}", ws.title
        if ws.protection.sheet:  # information and read-only sheets: still sorted and filtered
            assert ws.protection.sort is False and ws.protection.autoFilter is False
    assert not workbook["municipalities"].protection.sheet


@pytest.mark.parametrize("source", ["export", "bundle"])
def test_the_vision_sheet_shows_the_vision_in_labels(repo: Registry, source: str) -> None:
    path = export(repo) if source == "export" else bundle_workbook(repo)
    sheet = openpyxl.load_workbook(path)["vision"]
    assert [c.value for c in sheet[1]] == [
        "項目（item）", "内容（content）", "項目（英語）（item_en）", "内容（英語）（content_en）",
    ]  # fmt: skip
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["登録状況"] == ("策定済", "Status", "Adopted")
    assert rows["現在の共同利用の型"][0] == "型2.1 自治体主導サービス"
    assert rows["改定履歴（1） › 公開 URL"][0] == "https://example.org/vision"
    assert rows["分野間連携基盤の指定 › 基盤 ID"][0] == "テスト基盤（test-platform）"
    japanese = [r[0] for r in rows.values()]
    assert not {"adopted", "unknown", "2.1", "test-platform"} & set(japanese), japanese
    assert sheet.protection.sheet, "the vision is edited in vision.yaml, not here"


def test_an_edit_on_the_vision_sheet_changes_no_file(repo: Registry) -> None:
    path = edit(export(repo), lambda wb: wb["vision"].cell(row=2, column=2, value="廃止"))
    before = tree_hash(repo.root)
    result = run_import(repo, path, "--write")
    assert result.exit_code == 0, result.output
    assert tree_hash(repo.root) == before


@pytest.mark.parametrize("vision", ["missing", "unparsable", "a list"])
def test_a_vision_that_cannot_be_read_leaves_the_sheet_out(repo: Registry, vision: str) -> None:
    path = repo.path(VISION)
    if vision == "missing":
        path.unlink()
    else:
        path.write_text("status: [\n" if vision == "unparsable" else "- 1\n", encoding="utf-8")
    sheets = openpyxl.load_workbook(export(repo)).sheetnames
    assert "vision" not in sheets and "municipalities" in sheets
