"""The `renkei-fix` pre-commit hook, with the real pre-commit in a real repository: a commit
with a label is stopped, the file is fixed in the working tree, and the commit goes through
once the fixed file is added again. Offline: the hooks run this environment's renkei."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.gitrepo import git, git_env, workflow_repo
from helpers.registry import TOKYO_PLATFORMS, Registry, from_template


def _installed(path: Path) -> None:
    registry = workflow_repo(path)
    done = _run(registry, sys.executable, "-m", "pre_commit", "install")
    assert done.returncode == 0, done.stdout + done.stderr


def _run(registry: Registry, *args: str) -> subprocess.CompletedProcess[str]:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(registry.root.parent / "pre-commit-home")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    env.pop("RENKEI_VENV", None)
    return subprocess.run(
        args, cwd=registry.root, env=env, capture_output=True, encoding="utf-8", timeout=120
    )


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return from_template("pre-commit", _installed, tmp_path / "repo")


def test_the_hook_fixes_the_file_and_stops_the_commit_once(repo: Registry) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    repo.replace(TOKYO_PLATFORMS, "status: operating", "status: 構築中")
    git(repo.root, "add", TOKYO_PLATFORMS)
    result = _run(repo, "git", "commit", "-m", "status")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "renkei fix" in output and "Failed" in output
    assert "+    status: building" in output
    assert git(repo.root, "rev-parse", "HEAD") == head
    assert "status: building" in repo.read(TOKYO_PLATFORMS)
    git(repo.root, "add", TOKYO_PLATFORMS)
    again = _run(repo, "git", "commit", "-m", "status")
    assert again.returncode == 0, again.stdout + again.stderr
    assert git(repo.root, "rev-parse", "HEAD") != head
