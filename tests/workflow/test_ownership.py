"""renkei codeowners: CODEOWNERS from prefecture.yaml maintainers and the core maintainers."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.gitrepo import workflow_repo
from helpers.registry import REPO, Registry
from renkei.workflow.ownership import CODEOWNERS_FILE, expected_codeowners

TOKYO = "registry/prefectures/13-tokyo/prefecture.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return workflow_repo(tmp_path / "repo")


def codeowners(registry: Registry, *args: str, lang: str = "en"):
    return registry.run("codeowners", "--root", str(registry.root), "--lang", lang, *args)


def test_shipped_codeowners_is_up_to_date() -> None:
    assert (REPO / CODEOWNERS_FILE).read_text(encoding="utf-8") == expected_codeowners(REPO)


def test_prefectures_without_maintainers_fall_back_to_core(repo: Registry) -> None:
    text = repo.read(".github/CODEOWNERS")
    assert "* @renkei-registry/core\n" in text
    assert "/registry/prefectures/13-tokyo/ @renkei-registry/core\n" in text
    assert "/schemas/ @renkei-registry/core\n" in text
    assert "/.github/ @renkei-registry/core\n" in text
    assert text.count("/registry/prefectures/") == 47


def test_check_fails_on_drift_and_writing_fixes_it(repo: Registry) -> None:
    assert codeowners(repo, "--check").exit_code == 0
    repo.replace(TOKYO, "maintainers: []", 'maintainers: ["@tokyo-example", "@example-org/data"]')
    before = repo.read(".github/CODEOWNERS")

    result = codeowners(repo, "--check")
    assert result.exit_code == 1
    assert "out of date" in result.output
    assert "+/registry/prefectures/13-tokyo/ @tokyo-example @example-org/data" in result.output
    assert repo.read(".github/CODEOWNERS") == before  # --check never writes

    result = codeowners(repo)
    assert result.exit_code == 0, result.output
    assert "wrote .github/CODEOWNERS" in result.output
    text = repo.read(".github/CODEOWNERS")
    assert "/registry/prefectures/13-tokyo/ @tokyo-example @example-org/data\n" in text
    # The prefecture folder line comes after the core paths: GitHub applies the last match.
    assert text.index("/registry/prefectures/13-tokyo/") > text.index("/.github/")
    assert codeowners(repo, "--check").exit_code == 0


def test_core_maintainers_change_is_drift(repo: Registry) -> None:
    repo.write(".github/core-maintainers.txt", "# core\n@example-org/registry-core\n")
    result = codeowners(repo, "--check", lang="ja")
    assert result.exit_code == 1
    assert "最新ではありません" in result.output
    assert codeowners(repo).exit_code == 0
    assert "* @example-org/registry-core\n" in repo.read(".github/CODEOWNERS")


def test_missing_file_is_drift(repo: Registry) -> None:
    repo.path(".github/CODEOWNERS").unlink()
    assert codeowners(repo, "--check").exit_code == 1
    assert not repo.path(".github/CODEOWNERS").exists()
    assert codeowners(repo).exit_code == 0
    assert codeowners(repo, "--check").exit_code == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("# nobody\n", "lists no maintainer"),
        ("@ok\nnot-a-handle\n", ".github/core-maintainers.txt:2"),
    ],
)
def test_bad_core_maintainers(repo: Registry, content: str, expected: str) -> None:
    repo.write(".github/core-maintainers.txt", content)
    result = codeowners(repo, "--check")
    assert result.exit_code == 1
    assert expected in result.output
    assert "Traceback" not in result.output


def test_missing_core_maintainers_file(repo: Registry) -> None:
    repo.path(".github/core-maintainers.txt").unlink()
    result = codeowners(repo, lang="ja")
    assert result.exit_code == 1
    assert "core-maintainers.txt がありません" in result.output


def test_unreadable_maintainers_names_the_file(repo: Registry) -> None:
    repo.replace(TOKYO, "maintainers: []", "maintainers: [tokyo-without-at]")
    before = repo.read(".github/CODEOWNERS")
    result = codeowners(repo)
    assert result.exit_code == 1
    assert "registry/prefectures/13-tokyo/prefecture.yaml" in result.output
    assert repo.read(".github/CODEOWNERS") == before
