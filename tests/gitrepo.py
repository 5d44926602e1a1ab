"""Real Git repositories for tests, with pinned identities and dates (reproducible commits)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, Registry, copy_registry

DATE = "2026-01-01T00:00:00+09:00"


def git_env(date: str = DATE) -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }


def git(root: Path, *args: str, date: str = DATE) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=root, env=git_env(date), capture_output=True, text=True, check=True
    )
    return completed.stdout.strip()


def commit(root: Path, message: str, date: str = DATE) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


def workflow_repo(target: Path) -> Registry:
    """A copy of the registry with the workflow files (ownership, hooks), committed on `main`."""
    registry = copy_registry(target)
    (target / ".github").mkdir()
    for name in ("core-maintainers.txt", "CODEOWNERS"):
        shutil.copy(REPO / ".github" / name, target / ".github" / name)
    shutil.copy(REPO / ".pre-commit-config.yaml", target / ".pre-commit-config.yaml")
    shutil.copy(REPO / ".gitignore", target / ".gitignore")
    (target / "tools" / "hooks").mkdir(parents=True)
    shutil.copy2(REPO / "tools" / "hooks" / "run", target / "tools" / "hooks" / "run")
    git(target, "init", "-q", "-b", "main")
    commit(target, "initial")
    return registry
