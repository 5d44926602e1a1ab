"""renkei change-kind on real Git repositories: a data-only branch says `data`, anything that
touches code (tools, schemas, reference data, tests, workflows) says `code`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers.gitrepo import commit, git, workflow_repo
from helpers.registry import Registry

TOKYO = "registry/prefectures/13-tokyo/municipalities.csv"
TOKYO_PREF = "registry/prefectures/13-tokyo/prefecture.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    registry = workflow_repo(tmp_path / "repo")
    git(registry.root, "switch", "-q", "-c", "change")
    return registry


def kind(registry: Registry, base: str = "main") -> tuple[int, str, str]:
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("renkei")), "change-kind", "--base", base],
        cwd=registry.root,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    return completed.returncode, completed.stdout, completed.stderr


def test_a_data_only_branch_is_data(repo: Registry) -> None:
    repo.replace(
        TOKYO,
        "131016,千代田区,not_answered,,,,,",
        "131016,千代田区,answered,2026-05-01,none,,情報政策課,",
    )
    repo.replace(TOKYO_PREF, "maintainers: []", 'maintainers: ["@tokyo-example"]')
    assert repo.run("codeowners", "--root", str(repo.root)).exit_code == 0
    commit(repo.root, "tokyo answers and maintainers")  # CODEOWNERS is generated: still data
    repo.write(
        "registry/prefectures/31-tottori/kpis.csv",
        repo.read("registry/prefectures/31-tottori/kpis.csv"),
    )
    assert kind(repo) == (0, "data\n", "")


def test_no_change_is_data(repo: Registry) -> None:
    assert kind(repo)[:2] == (0, "data\n")


@pytest.mark.parametrize(
    "path",
    [
        "tools/hooks/run",
        "schemas/platforms.schema.json",
        "registry/reference/fields.csv",
        ".github/core-maintainers.txt",
        ".pre-commit-config.yaml",
    ],
)
def test_touching_code_is_code(repo: Registry, path: str) -> None:
    repo.write(
        TOKYO,
        repo.read(TOKYO).replace("131016,千代田区,not_answered", "131016,千代田区,answered", 1),
    )
    repo.write(path, repo.read(path) + "\n")
    commit(repo.root, f"data and {path}")
    code, stdout, stderr = kind(repo)
    assert (code, stdout) == (0, "code\n")
    assert path in stderr and TOKYO not in stderr


def test_new_files_outside_the_prefecture_folders_are_code(repo: Registry) -> None:
    repo.path("tests").mkdir()
    repo.write("tests/test_new.py", "# new\n")  # untracked counts, as in scope
    assert kind(repo)[1] == "code\n"
    repo.path("tests/test_new.py").unlink()
    repo.write("registry/prefectures/README.md", "# not a prefecture folder\n")
    assert kind(repo)[1] == "code\n"


def test_a_move_out_of_tools_is_code(repo: Registry) -> None:
    git(repo.root, "mv", "tools/hooks/run", "registry/prefectures/13-tokyo/run")
    commit(repo.root, "move")
    code, stdout, stderr = kind(repo)
    assert (code, stdout) == (0, "code\n") and "tools/hooks/run" in stderr


def test_only_changes_since_the_merge_base_count(repo: Registry) -> None:
    repo.write(TOKYO, repo.read(TOKYO) + "\n")
    commit(repo.root, "tokyo on the branch")
    git(repo.root, "switch", "-q", "main")
    repo.write("tools/hooks/run", repo.read("tools/hooks/run") + "\n")
    commit(repo.root, "tools on main", date="2026-01-02T00:00:00+09:00")
    git(repo.root, "switch", "-q", "change")
    assert kind(repo)[1] == "data\n"


def test_unknown_base_is_a_usage_error(repo: Registry) -> None:
    code, stdout, stderr = kind(repo, "mian")
    assert code == 2 and stdout == ""
    assert "Unknown revision 'mian'" in stderr and "Traceback" not in stderr
    ja = repo.run("change-kind", "--root", str(repo.root), "--base", "mian", "--lang", "ja")
    assert ja.exit_code == 2 and "mian" in ja.output
