"""renkei bundle and verify-bundle on real Git repositories, read back with the real tools."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from helpers.documents import vision_file
from helpers.gitrepo import commit, committed_registry, git
from helpers.html import HtmlOutline
from helpers.registry import Registry
from renkei.registry.machine_readability import check_csv, check_workbook

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(
        tmp_path / "repo", "bundle", _synthetic_vision, "2025-05-01T10:00:00+09:00"
    )


def _synthetic_vision(registry: Registry) -> None:
    registry.write(VISION, vision_file().replace("platform_id: p1", "platform_id: test-platform"))


def bundle(registry: Registry, *args: str) -> Any:
    return registry.run(
        "bundle", "13", "--root", str(registry.root), "--out", str(registry.root / "dist"), *args
    )


def built(registry: Registry) -> Path:
    found = sorted((registry.root / "dist").glob("*.zip"))
    assert found, "no bundle written"
    return found[-1]


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_bundle_is_reproducible_and_complete(repo: Registry) -> None:
    result = bundle(repo, "--revision", "HEAD")
    assert result.exit_code == 0, result.output
    path = built(repo)
    assert path.name == "13-tokyo_FY2025_r1.zip"
    first = hashlib.sha256(path.read_bytes()).hexdigest()
    path.unlink()
    assert bundle(repo, "--revision", "HEAD").exit_code == 0
    assert hashlib.sha256(built(repo).read_bytes()).hexdigest() == first
    files = entries(built(repo))
    for name in ("datapackage.json", "vision.json", "survey.xlsx", "vision.html", "vision.md",
                 "CHANGES.md", "validation.json", "manifest.json", "platforms.csv",
                 "modules.csv", "participants.csv", "services.csv", "municipalities.csv"):  # fmt: skip
        assert name in files, name
    manifest = json.loads(files["manifest.json"])
    head = git(repo, "rev-parse", "HEAD")
    assert manifest["source"]["commit"] == head
    assert manifest["build_time"] == "2025-05-01T01:00:00Z"
    assert {f["path"] for f in manifest["files"]} == set(files) - {"manifest.json"}
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]
    assert all(r["passed"] for r in manifest["machine_readability"])
    rules = {r["rule"] for r in manifest["machine_readability"]}
    assert {"L1-03", "L1-08", "L1-12", "L1-13", "L1-14", "L2-06", "L3-01"} <= rules
    with zipfile.ZipFile(built(repo)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(2025, 5, 1, 1, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_frictionless_validates_the_unpacked_package(repo: Registry, tmp_path: Path) -> None:
    assert bundle(repo, "--revision", "HEAD").exit_code == 0
    out = tmp_path / "unpacked"
    with zipfile.ZipFile(built(repo)) as archive:
        archive.extractall(out)
    frictionless = Path(sys.executable).with_name("frictionless")
    completed = subprocess.run(
        [str(frictionless), "validate", "--json", "datapackage.json"],
        cwd=out, capture_output=True, encoding="utf-8", check=False,
    )  # fmt: skip
    report = json.loads(completed.stdout)
    assert report["valid"] is True, completed.stdout[:2000]
    municipalities = (out / "municipalities.csv").read_bytes()
    assert municipalities.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for Excel
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["encoding"] for r in package["resources"]} == {"utf-8-sig"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_cp932_option(repo: Registry) -> None:
    assert bundle(repo, "--revision", "HEAD", "--csv-encoding", "cp932").exit_code == 0
    files = entries(built(repo))
    assert "千代田区" in files["municipalities.csv"].decode("cp932")
    package = json.loads(files["datapackage.json"])
    assert {r["encoding"] for r in package["resources"]} == {"cp932"}


def test_survey_workbook(repo: Registry) -> None:
    repo.replace(PLATFORMS, "operator: テスト部", 'operator: "=HYPERLINK(\\"http://x\\")"')
    commit(repo, "formula-like text")
    assert bundle(repo, "--revision", "HEAD").exit_code == 0
    workbook = load_workbook(io.BytesIO(entries(built(repo))["survey.xlsx"]))
    # the survey workbook of renkei export-xlsx: information sheets, then the data sheets
    assert workbook.sheetnames[:5] == [
        "説明",
        "項目定義",
        "コード表",
        "platforms",
        "municipalities",
    ]
    assert "platform-details" in workbook.sheetnames
    sheet = workbook["municipalities"]
    assert sheet.freeze_panes == "A2"
    assert (
        sheet["A1"].value == "団体コード（lg_code）"
        and "field: lg_code" in sheet["A1"].comment.text
    )
    assert sheet["B2"].value == "千代田区"
    validations = sheet.data_validations.dataValidation
    assert any("コード表" in (v.formula1 or "") for v in validations)
    codes = list(workbook["コード表"].iter_rows(values_only=True))
    assert ("answer_status", "not_answered", "未回答") in [r[:3] for r in codes]
    assert sheet.column_dimensions["B"].width >= 8
    platforms = workbook["platforms"]
    operator = platforms.cell(row=2, column=4)
    assert operator.value == '=HYPERLINK("http://x")' and operator.data_type == "s"
    assert not sheet.merged_cells.ranges


def test_vision_page_content_and_escaping(repo: Registry) -> None:
    repo.replace(
        VISION, "sections: unknown", "sections:\n  vision: <script>alert('x')</script> 合成の本文"
    )
    commit(repo, "hostile text")
    assert bundle(repo, "--revision", "HEAD").exit_code == 0
    files = entries(built(repo))
    html = files["vision.html"].decode()
    parser = HtmlOutline(html)
    text = parser.text
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "<script>alert('x')</script> 合成の本文" in text
    assert "テストビジョン（合成）" in text and "令和7年度" in text
    assert "未確認" in text  # unknown is shown, not left out
    markdown = files["vision.md"].decode()
    assert "\\<script\\>" in markdown and "# テストビジョン（合成）" in markdown


def test_changes_compare_with_the_last_submission(repo: Registry) -> None:
    first = bundle(repo, "--revision", "HEAD", "--tag")
    assert first.exit_code == 0, first.output
    tagged = git(repo, "rev-parse", "submitted/13-tokyo/FY2025-r1^{commit}")
    assert "前回の提出も前年度の改定もありません" in entries(built(repo))["CHANGES.md"].decode()
    assert git(repo, "cat-file", "-t", "submitted/13-tokyo/FY2025-r1") == "tag"  # annotated
    repo.replace(PLATFORMS, "status: operating", "status: to_be_retired")
    repo.write(VISION, repo.read(VISION).replace("number: 1", "number: 2"))
    commit(repo, "second revision", "2025-09-01T10:00:00+09:00")
    second = bundle(repo, "--revision", "HEAD")
    assert second.exit_code == 0, second.output
    files = entries(built(repo))
    changes = files["CHANGES.md"].decode()
    assert "状態: <del>運用中</del> → <ins>廃止予定</ins>" in changes
    manifest = json.loads(files["manifest.json"])
    assert manifest["previous"]["commit"] == tagged
    assert manifest["previous"]["label"] == "submitted/13-tokyo/FY2025-r1"
    again = bundle(repo, "--revision", "HEAD~1", "--tag")
    assert again.exit_code == 2 and "already exists" in again.output


def test_changes_fall_back_to_the_previous_fiscal_year(repo: Registry) -> None:
    fy2025 = git(repo, "rev-parse", "HEAD")
    repo.write(VISION, repo.read(VISION).replace(
        "revisions: \n", "revisions: \n  - fiscal_year: 2026\n    number: 1\n"
        '    adopted_on: "2026-05-01"\n    summary: unknown\n    publication_url: https://example.org/v2\n'
    ))  # fmt: skip
    commit(repo, "FY2026", "2026-05-01T10:00:00+09:00")
    assert bundle(repo, "--fiscal-year", "R8").exit_code == 0
    manifest = json.loads(entries(built(repo))["manifest.json"])
    assert manifest["fiscal_year"] == 2026
    assert manifest["previous"]["commit"] == fy2025


def test_errors_refuse_the_bundle_unless_draft(repo: Registry) -> None:
    repo.replace(MUNICIPALITIES, "131016,", "13101,")
    result = bundle(repo, "--lang", "en")
    assert result.exit_code == 1 and "--draft" in result.output
    assert not (repo.root / "dist").exists() or not list((repo.root / "dist").glob("*.zip"))
    result = bundle(repo, "--draft")
    assert result.exit_code == 0, result.output
    path = built(repo)
    assert path.name.endswith("_DRAFT.zip")
    files = entries(path)
    assert all(name.startswith("DRAFT-") for name in files if name != "manifest.json")
    assert json.loads(files["manifest.json"])["draft"] is True
    assert "下書き（DRAFT）" in files["DRAFT-vision.html"].decode()
    assert json.loads(files["DRAFT-validation.json"])["summary"]["errors"] == 1
    verify = repo.run("verify-bundle", str(path), "--root", str(repo.root))
    assert verify.exit_code == 0, verify.output


def _rezip(source: Path, target: Path, change: Any) -> Path:
    files = entries(source)
    change(files)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


def _verify(registry: Registry, path: Path) -> tuple[int, list[dict[str, Any]]]:
    result = registry.run(
        "verify-bundle", str(path), "--format", "json", "--root", str(registry.root)
    )
    return result.exit_code, json.loads(result.output)["findings"]


def test_verify_untouched_and_tampered_bundles(repo: Registry, tmp_path: Path) -> None:
    assert bundle(repo, "--revision", "HEAD").exit_code == 0
    good = built(repo)
    text = repo.run("verify-bundle", str(good), "--lang", "en", "--root", str(repo.root))
    assert text.exit_code == 0 and text.output.startswith("OK: ")

    def flip_byte(files: dict[str, bytes]) -> None:
        data = bytearray(files["municipalities.csv"])
        data[-3] ^= 0x01
        files["municipalities.csv"] = bytes(data)

    code, findings = _verify(repo, _rezip(good, tmp_path / "byte.zip", flip_byte))
    assert code == 1 and [f["code"] for f in findings] == ["B004"]
    assert "municipalities.csv" in findings[0]["message"]["en"]

    code, findings = _verify(repo, _rezip(good, tmp_path / "gone.zip", lambda f: f.pop("kpis.csv")))
    assert code == 1 and [f["code"] for f in findings] == ["B005"]

    code, findings = _verify(
        repo, _rezip(good, tmp_path / "extra.zip", lambda f: f.update({"x.txt": b"x"}))
    )
    assert code == 1 and [f["code"] for f in findings] == ["B006"]

    def invalid_but_rehashed(files: dict[str, bytes]) -> None:
        text = (
            files["municipalities.csv"].decode("utf-8-sig").replace(",not_answered,", ",maybe,", 1)
        )
        files["municipalities.csv"] = text.encode("utf-8-sig")
        manifest = json.loads(files["manifest.json"])
        for entry in manifest["files"]:
            if entry["path"] == "municipalities.csv":
                entry["sha256"] = hashlib.sha256(files["municipalities.csv"]).hexdigest()
                entry["size"] = len(files["municipalities.csv"])
        files["manifest.json"] = json.dumps(manifest).encode()

    code, findings = _verify(repo, _rezip(good, tmp_path / "data.zip", invalid_but_rehashed))
    assert code == 1 and findings[0]["code"] == "B007" and "T005" in findings[0]["message"]["en"]


def test_verify_refuses_zip_slip_bombs_and_non_zips(repo: Registry, tmp_path: Path) -> None:
    slip = tmp_path / "slip.zip"
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("../../evil.txt", b"x")
        archive.writestr("/etc/passwd", b"x")
    code, findings = _verify(repo, slip)
    assert code == 1 and [f["code"] for f in findings] == ["B002", "B002"]
    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as archive:
        info = zipfile.ZipInfo("manifest.json")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    assert _verify(repo, link)[1][0]["code"] == "B002"
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"\0" * (20 * 1024 * 1024))
    code, findings = _verify(repo, bomb)
    assert code == 1 and findings[0]["code"] == "B003"
    assert bomb.stat().st_size < 100_000
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    code, findings = _verify(repo, junk)
    assert code == 1 and findings[0]["code"] == "B001"


def test_machine_readability_checks_catch_breaking_files() -> None:
    fields = [{"name": "a", "type": "string"}, {"name": "n", "type": "integer"}]
    bad = 'a,n\r\n①,1\r\n"x\ny",2\r\n,\r\nz,1,000\r\n'.encode()
    failed = {r.rule for r in check_csv("t.csv", bad, "utf-8", fields) if not r.passed}
    assert {"L1-03", "L1-08", "L1-14", "L1-02"} <= failed
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["a", "b"])
    sheet.append([1, "=SUM(A2:A2)"])
    sheet.merge_cells("A3:B3")
    sheet.row_dimensions[2].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    failed = {r.rule for r in check_workbook("w.xlsx", buffer.getvalue()) if not r.passed}
    assert {"L1-12", "L1-13", "L2-06"} <= failed


def test_bundle_all_writes_every_prefecture_and_the_national_summary(repo: Registry) -> None:
    result = repo.run(
        "bundle",
        "--all",
        "--root",
        str(repo.root),
        "--out",
        str(repo.root / "dist"),
        "--revision",
        "HEAD",
    )
    assert result.exit_code == 0, result.output[-2000:]
    zips = sorted((repo.root / "dist").glob("*.zip"))
    assert len(zips) == 47
    assert (repo.root / "dist" / "national-summary.svg").is_file()
    assert json.loads((repo.root / "dist" / "national-summary.json").read_text(encoding="utf-8"))[
        "prefectures"
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="Debian's LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(repo: Registry, tmp_path: Path) -> None:
    assert bundle(repo, "--revision", "HEAD").exit_code == 0
    workbook = tmp_path / "survey.xlsx"
    workbook.write_bytes(entries(built(repo))["survey.xlsx"])
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(workbook)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    first_sheet = (tmp_path / "survey.csv").read_text(encoding="utf-8", errors="replace")
    assert first_sheet.splitlines()[0].startswith("番号（no）,説明,Description")
    assert "renkei import-xlsx 13" in first_sheet


def test_a_draft_bundle_shows_a_listed_cost_scheme(repo: Registry) -> None:
    """SYNTHETIC: a vision whose cost-sharing scheme is a list (invalid, so only --draft builds
    it) is shown as written; a list could not be looked up among the scheme labels."""
    text = repo.path(VISION).read_text(encoding="utf-8")
    scheme = "cost_sharing:\n  scheme: [synthetic-a, synthetic-b]"
    repo.write(VISION, text.replace("cost_sharing: unknown", scheme))
    result = bundle(repo, "--draft", "--lang", "en")
    assert result.exit_code == 0, result.output
    page = entries(built(repo))["DRAFT-vision.html"].decode()
    assert "<th>方式</th><td>synthetic-a、synthetic-b</td>" in page
