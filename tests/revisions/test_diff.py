"""renkei diff and renkei log on real temporary Git repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from helpers.documents import vision_text
from helpers.gitrepo import commit, committed_registry, git
from helpers.html import HtmlOutline
from helpers.registry import Registry
from renkei.revisions.dates import parse_fiscal_year

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def diff_json(registry: Registry, *args: str) -> dict[str, Any]:
    result = registry.run("diff", "--root", str(registry.root), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def tokyo(report: dict[str, Any]) -> dict[str, Any]:
    return next(p for p in report["prefectures"] if p["folder"] == "13-tokyo")


def test_field_changes_set_changes_and_rows(repo: Registry) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: to_be_retired")
    repo.replace(
        PLATFORMS,
        '      - lg_code: "131016"\n        name: 千代田区\n',
        '      - lg_code: "131024"\n        name: 中央区\n',
    )
    repo.replace(PLATFORMS, "[disaster_prevention, mobility]", "[disaster_prevention, education]")
    repo.replace(
        MUNICIPALITIES, CHIYODA, "131016,千代田区,answered,2026-05-01,none,,情報政策課,,\n"
    )
    commit(repo, "change")
    report = diff_json(repo, "HEAD~1", "HEAD")
    pref = tokyo(report)
    platform = pref["changes"]["platforms"][0]
    assert platform["kind"] == "changed" and platform["key"] == "test-platform"
    fields = {f["path"]: f for f in platform["fields"]}
    assert fields["status"] == {
        "path": "status",
        "kind": "changed",
        "old": "operating",
        "new": "to_be_retired",
    }
    assert fields["fields"]["added"] == ["education"] and fields["fields"]["removed"] == [
        "mobility"
    ]
    assert fields["participants"]["added"] == ["131024"]
    assert fields["participants"]["removed"] == ["131016"]
    row = pref["changes"]["municipalities"][0]
    assert row["key"] == "131016" and row["label"] == "千代田区"
    assert {f["path"] for f in row["fields"]} == {
        "answer_status",
        "answered_on",
        "intention",
        "department",
    }
    assert pref["summary"]["en"] == "13 東京都: platforms +0 −0 ~1, municipalities ~1"
    assert pref["summary"]["ja"] == "13 東京都: 基盤 +0 −0 ~1、市区町村 ~1"


def test_added_removed_and_renamed_platforms(repo: Registry) -> None:
    repo.replace(PLATFORMS, "id: test-platform", "id: test-platform-renamed")
    second = repo.read(PLATFORMS).split("platforms:\n", 1)[1]
    second = second.replace("id: test-platform-renamed", "id: another").replace(
        "name: テスト基盤", "name: 別の基盤"
    )
    repo.write(PLATFORMS, repo.read(PLATFORMS) + second)
    commit(repo, "rename and add")
    pref = tokyo(diff_json(repo, "HEAD~1", "HEAD"))
    kinds = {(c["kind"], c["key"]) for c in pref["changes"]["platforms"]}
    assert kinds == {("renamed", "test-platform-renamed"), ("added", "another")}
    renamed = next(c for c in pref["changes"]["platforms"] if c["kind"] == "renamed")
    assert renamed["old_key"] == "test-platform" and renamed["fields"] == []
    assert "→1" in pref["summary"]["en"] and "+1" in pref["summary"]["en"]
    repo.write(PLATFORMS, "schema_version: 1\nplatforms: []\n")
    commit(repo, "remove all")
    pref = tokyo(diff_json(repo, "HEAD~1", "HEAD"))
    assert {c["kind"] for c in pref["changes"]["platforms"]} == {"removed"}


def test_long_text_gets_a_word_diff_and_vision_counts_sections(repo: Registry) -> None:
    repo.write(
        VISION,
        vision_text([(2024, 1)], "県と市町村が共同で基盤を利用し、住民サービスを向上させる。"),
    )
    commit(repo, "vision")
    repo.write(
        VISION,
        vision_text(
            [(2024, 1), (2025, 2)], "県と市町村が共同で基盤を利用し、防災サービスを向上させる。"
        ),
    )
    commit(repo, "vision 2")
    pref = tokyo(diff_json(repo, "HEAD~1", "HEAD"))
    sections = {c["key"]: c for c in pref["changes"]["vision"]}
    assert set(sections) == {"revisions", "sections"}
    words = sections["sections"]["fields"][0]["words"]
    assert ["delete", "住民"] in words and ["insert", "防災"] in words
    assert "vision ~2 sections" in pref["summary"]["en"]
    revisions = sections["revisions"]["fields"][0]
    assert revisions["added"] == ["2025/2"]


def test_fiscal_years_resolve_to_commits_and_log_lists_revisions(repo: Registry) -> None:
    repo.write(VISION, vision_text([(2024, 1)]))
    first = commit(repo, "FY2024 vision", "2025-03-31T10:00:00+09:00")
    repo.replace(PLATFORMS, "status: operating", "status: building")
    last_2024 = commit(repo, "more in FY2024", "2025-03-31T12:00:00+09:00")
    repo.write(VISION, vision_text([(2024, 1), (2025, 1)]))
    fy2025 = commit(repo, "FY2025 vision", "2026-03-30T10:00:00+09:00")
    for spec in ("FY2024", "R6", "令和6年度", "2024年度"):
        report = diff_json(repo, "13", "--from", spec, "--to", "FY2025")
        assert report["from"]["commit"] == last_2024 != first
        assert report["to"]["commit"] == fy2025
    result = repo.run("log", "13", "--root", str(repo.root), "--format", "json")
    entries = json.loads(result.output)
    assert [(e["fiscal_year"], e["revision"], e["commit"]) for e in entries] == [
        (2024, 1, first),
        (2025, 1, fy2025),
    ]
    assert entries[0]["fiscal_year_ja"] == "令和6年度"
    text = repo.run("log", "--root", str(repo.root), "--lang", "ja").output
    assert "13-tokyo\t令和7年度 (FY2025)\t1\t2026-03-31" in text


def test_unknown_fiscal_year_and_ref_name_the_nearest(repo: Registry) -> None:
    repo.write(VISION, vision_text([(2024, 1)]))
    commit(repo, "FY2024")
    result = repo.run("diff", "13", "--root", str(repo.root), "--from", "FY2020", "--lang", "en")
    assert result.exit_code == 2
    assert "No vision revision of FY2020" in result.output and "FY2024" in result.output
    result = repo.run("diff", "--root", str(repo.root), "mian", "--lang", "en")
    assert result.exit_code == 2
    assert "Unknown revision 'mian'" in result.output and "main" in result.output
    result = repo.run("diff", "--root", str(repo.root), "--from", "R6", "--lang", "en")
    assert result.exit_code == 2 and "needs a prefecture" in result.output
    assert "Traceback" not in result.output


def test_pull_request_range_uses_the_merge_base(repo: Registry) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    repo.replace(PLATFORMS, "status: operating", "status: building")
    commit(repo, "feature change")
    git(repo, "checkout", "-q", "main")
    repo.replace(
        MUNICIPALITIES, CHIYODA, "131016,千代田区,answered,2026-05-01,none,,情報政策課,,\n"
    )
    commit(repo, "main moves on")
    report = diff_json(repo, "main...feature")
    pref = tokyo(report)
    assert set(pref["changes"]) == {"platforms"}  # main's own change is not the PR's
    two_dot = tokyo(diff_json(repo, "main..feature"))
    assert set(two_dot["changes"]) == {"platforms", "municipalities"}


def test_working_tree_and_unreadable_files(repo: Registry) -> None:
    report = diff_json(repo)
    assert report["prefectures"] == [] and report["to"]["commit"] is None
    repo.replace(PLATFORMS, "status: operating", "status: building")
    repo.write(VISION, "schema_version: 1\nstatus: [unclosed\n")
    report = diff_json(repo, "HEAD")
    pref = tokyo(report)
    assert pref["changes"]["platforms"][0]["fields"][0]["new"] == "building"
    assert pref["unreadable"][0]["file"] == "vision.yaml" and pref["unreadable"][0]["side"] == "new"
    assert "vision" not in pref["changes"]


def test_schema_changes_are_noted(repo: Registry) -> None:
    repo.replace(
        "schemas/platforms.schema.json", "データ連携基盤 / Data", "データ連携基盤（改） / Data"
    )
    commit(repo, "schema")
    report = diff_json(repo, "HEAD~1", "HEAD")
    assert report["schema_changes"] == ["schemas/platforms.schema.json"]


def test_shallow_clone_gets_a_fetch_depth_hint(repo: Registry, tmp_path: Path) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: building")
    commit(repo, "second")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True
    )
    result = Registry(clone).run("diff", "--root", str(clone), "HEAD~1", "HEAD", "--lang", "en")
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.output


def test_markdown_and_html_formats(repo: Registry) -> None:
    repo.replace(PLATFORMS, "name: テスト基盤", "name: <script>alert(1)</script>")
    commit(repo, "hostile name")
    markdown = repo.run(
        "diff", "--root", str(repo.root), "HEAD~1", "HEAD", "--format", "markdown", "--lang", "ja"
    ).output
    assert (
        "<details>" in markdown and "<summary><b>13 東京都: 基盤 +0 −0 ~1</b></summary>" in markdown
    )
    assert "<script>" not in markdown
    html = repo.run("diff", "--root", str(repo.root), "HEAD~1", "HEAD", "--format", "html").output
    parser = HtmlOutline(html)
    assert "script" not in parser.tags
    assert "<script>alert(1)</script>" in parser.text
    assert "details" in parser.tags and "table" in parser.tags


def test_output_file_is_written_and_text_has_no_colour_when_piped(
    repo: Registry, tmp_path: Path
) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: building")
    target = tmp_path / "diff.html"
    result = repo.run("diff", "--root", str(repo.root), "--format", "html", "-o", str(target))
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>"
    )
    text = repo.run("diff", "--root", str(repo.root)).output
    assert "\x1b[" not in text and "Status: Operating → Building" in text


def test_fiscal_year_spellings() -> None:
    assert parse_fiscal_year("FY2025") == 2025
    assert parse_fiscal_year("fy2025") == 2025
    assert parse_fiscal_year("R7") == 2025
    assert parse_fiscal_year("令和7年度") == 2025
    assert parse_fiscal_year("令和元年度") == 2019
    assert parse_fiscal_year("Ｒ７") == 2025
    assert parse_fiscal_year("H30") == 2018
    assert parse_fiscal_year("HEAD") is None
    assert parse_fiscal_year("main") is None
