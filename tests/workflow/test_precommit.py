"""The real pre-commit, installed into a real repository, refuses a bad commit and accepts a
good one. Hooks are local (`language: system`) and run the renkei of this environment, so the
test is offline; PRE_COMMIT_HOME points into the temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.gitrepo import git, git_env, workflow_repo
from helpers.registry import REPO, Registry, from_template

MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
TOKYO_PREF = "registry/prefectures/13-tokyo/prefecture.yaml"


def _installed(path: Path) -> None:
    registry = workflow_repo(path)
    installed = run(registry, sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return from_template("pre-commit", _installed, tmp_path / "repo")


def hook_env(registry: Registry) -> dict[str, str]:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(registry.root.parent / "pre-commit-home")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env.pop("RENKEI_VENV", None)
    return env


def run(registry: Registry, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=registry.root,
        env=hook_env(registry),
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )


def try_commit(registry: Registry, *paths: str) -> subprocess.CompletedProcess[str]:
    git(registry.root, "add", *paths)
    return run(registry, "git", "commit", "-m", "change")


def test_bad_commit_is_refused_with_code_and_line(repo: Registry) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    repo.replace(MUNICIPALITIES, "131016,", "13101,")
    result = try_commit(repo, MUNICIPALITIES)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"{MUNICIPALITIES}:2:1: error: R001" in output
    assert "renkei validate" in output and "Failed" in output
    assert git(repo.root, "rev-parse", "HEAD") == head


def test_good_commit_is_accepted(repo: Registry) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    repo.replace(TOKYO_PREF, "contact: unknown", "contact:\n  department: テスト課")
    result = try_commit(repo, TOKYO_PREF)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
    assert git(repo.root, "rev-parse", "HEAD") != head


def test_trailing_space_and_missing_newline_are_refused(repo: Registry) -> None:
    repo.write("notes.txt", "a line with a trailing space \nno final newline")
    result = try_commit(repo, "notes.txt")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "notes.txt:1:29: error: trailing-space" in output
    assert "notes.txt:2:17: error: final-newline" in output


def test_bom_in_yaml_is_refused(repo: Registry) -> None:
    repo.write(TOKYO_PREF, b"\xef\xbb\xbf" + repo.path(TOKYO_PREF).read_bytes())
    result = try_commit(repo, TOKYO_PREF)
    assert result.returncode != 0
    assert f"{TOKYO_PREF}:1:1: error: bom" in result.stdout + result.stderr


def test_maintainer_change_without_codeowners_is_refused(repo: Registry) -> None:
    repo.replace(TOKYO_PREF, "maintainers: []", 'maintainers: ["@tokyo-example"]')
    result = try_commit(repo, TOKYO_PREF)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "CODEOWNERS is out of date" in output
    assert run(repo, "renkei", "codeowners").returncode == 0
    assert try_commit(repo, TOKYO_PREF, ".github/CODEOWNERS").returncode == 0


def test_invalid_schema_is_refused(repo: Registry) -> None:
    schema = "schemas/prefecture.schema.json"
    repo.replace(schema, '"type": "object"', '"type": "objekt"')
    result = try_commit(repo, schema)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "metaschema" in output.lower()
    assert "objekt" in output  # named by check-jsonschema; renkei validate stops without hanging


def test_configs_are_valid_for_pre_commit() -> None:
    for command, name in (
        ("validate-config", ".pre-commit-config.yaml"),
        ("validate-manifest", ".pre-commit-hooks.yaml"),
    ):
        completed = subprocess.run(
            [sys.executable, "-m", "pre_commit", command, str(REPO / name)],
            capture_output=True,
            text=True,
        )
        assert completed.returncode == 0, completed.stdout + completed.stderr


def test_a_committed_validation_cache_is_refused(repo: Registry) -> None:
    repo.path(".renkei-cache").mkdir()
    repo.write(".renkei-cache/validate.json", '{"format": 2, "entries": {}}\n')
    git(repo.root, "add", "-f", ".renkei-cache/validate.json")
    result = run(repo, "git", "commit", "-m", "synthetic: commit the cache")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert ".renkei-cache/validate.json:1:1: error: cache-committed" in output
    assert "git rm --cached -r .renkei-cache" in output
