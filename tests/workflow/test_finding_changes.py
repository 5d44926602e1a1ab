"""`renkei diff` shows the findings a change introduces and resolves: both sides validated as
`renkei validate` validates a checkout, a finding the same on both sides when only its line
moved. On real temporary Git repositories of the tests' synthetic registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def run_diff(registry: Registry, *args: str) -> str:
    result = registry.run("diff", "--root", str(registry.root), *args)
    assert result.exit_code == 0, result.output
    return str(result.output)


def findings(registry: Registry, *args: str) -> dict[str, Any] | None:
    report = json.loads(run_diff(registry, "--format", "json", *args))
    [tokyo] = [p for p in report["prefectures"] if p["folder"] == "13-tokyo"]
    return tokyo["findings"]  # type: ignore[no-any-return]


def test_a_change_that_breaks_a_value_introduces_its_finding(repo: Registry) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: nonsense")
    commit(repo, "SYNTHETIC break")
    found = findings(repo, "HEAD~1", "HEAD")
    assert found is not None and found["resolved"] == []
    [introduced] = found["introduced"]
    assert introduced["file"] == PLATFORMS and introduced["where"] == "$.platforms[0].status"
    assert introduced["severity"] == "error"


def test_the_fix_resolves_it_and_a_moved_line_is_no_change(repo: Registry) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: nonsense")
    commit(repo, "SYNTHETIC break")
    broken = findings(repo, "HEAD~1", "HEAD")
    assert broken is not None
    code = broken["introduced"][0]["code"]
    # Lines above the finding move it down; the finding is the same one.
    repo.write(PLATFORMS, "# SYNTHETIC moved\n# down\n" + repo.read(PLATFORMS))
    repo.replace(PLATFORMS, "name: テスト基盤", "name: テスト基盤２")
    commit(repo, "SYNTHETIC move")
    assert findings(repo, "HEAD~1", "HEAD") == {"introduced": [], "resolved": []}
    repo.replace(PLATFORMS, "status: nonsense", "status: operating")
    found = findings(repo, "HEAD~1", "HEAD")  # the working tree's fix is not committed yet
    assert found == {"introduced": [], "resolved": []}
    found = findings(repo, "HEAD")  # HEAD → the working tree
    assert found is not None and [f["code"] for f in found["resolved"]] == [code]
    assert found["resolved"][0]["line"] == broken["introduced"][0]["line"] + 2


def test_no_findings_skips_the_check(repo: Registry) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: nonsense")
    assert findings(repo, "HEAD", "--no-findings") is None


def test_every_format_names_them_in_the_readers_language(repo: Registry) -> None:
    repo.replace(PLATFORMS, "status: operating", "status: nonsense")
    text = run_diff(repo, "HEAD", "--lang", "ja")
    assert "指摘の変化 +1 −0" in text and "+ 新たな指摘 エラー" in text
    assert "platforms.yaml:" in text and "nonsense" in text
    english = run_diff(repo, "HEAD", "--lang", "en")
    assert "Findings +1 −0" in english and "+ introduced error" in english
    html = MarkdownIt("gfm-like").render(
        run_diff(repo, "HEAD", "--format", "markdown", "--lang", "ja")
    )
    assert "<strong>指摘の変化</strong>" in html and "<strong>新たな指摘</strong> エラー" in html
    page = run_diff(repo, "HEAD", "--format", "html", "--lang", "ja")
    assert '<li class="introduced">+ <b>新たな指摘</b> エラー' in page


def test_a_change_with_no_finding_on_either_side_shows_none(repo: Registry) -> None:
    repo.replace(PLATFORMS, "name: テスト基盤", "name: テスト基盤２")
    assert findings(repo, "HEAD") == {"introduced": [], "resolved": []}
    text = run_diff(repo, "HEAD", "--lang", "ja")
    assert "指摘の変化" not in text


@pytest.mark.parametrize(("lang", "words"), [("en", "are not shown"), ("ja", "表示しません")])
def test_a_revision_without_its_reference_data_gives_the_diff_without_findings(
    repo: Registry, lang: str, words: str
) -> None:
    """A revision from before a reference file existed cannot be validated today: the diff is
    still shown (exit 0, never an internal error), without findings, and says why."""
    vocabularies = repo.root / "registry/reference/vocabularies.csv"
    kept = vocabularies.read_bytes()
    vocabularies.unlink()
    commit(repo, "SYNTHETIC: a revision without vocabularies.csv")
    vocabularies.write_bytes(kept)
    repo.replace(PLATFORMS, "status: operating", "status: nonsense")
    commit(repo, "SYNTHETIC: vocabularies.csv back, and a change")
    result = repo.run("diff", "--root", str(repo.root), "--format", "json", "--lang", lang,
                      "HEAD~1", "HEAD")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert words in result.stderr and "vocabularies.csv" in result.stderr
    assert "internal error" not in result.output
    report = json.loads(result.stdout)
    [tokyo] = [p for p in report["prefectures"] if p["folder"] == "13-tokyo"]
    assert tokyo["findings"] is None and tokyo["changes"]
