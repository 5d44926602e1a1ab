"""Real Git repositories for tests, with pinned identities and dates (reproducible commits).

Each kind of repository is built once per test session and copied per test (`from_template`):
committing the 423 files of a registry takes longer than copying the finished repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, Registry, build_blank_registry, from_template
from renkei.ownership import CODEOWNERS_FILE, expected_codeowners

DATE = "2026-01-01T00:00:00+09:00"
#: The core maintainers of the test repositories (SYNTHETIC, not the shipped file).
CORE_MAINTAINERS = "# SYNTHETIC core maintainers for tests\n@renkei-registry/core\n"


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
        ["git", *args],
        cwd=root,
        env=git_env(date),
        capture_output=True,
        encoding="utf-8",
        check=True,
    )
    return completed.stdout.strip()


def commit(root: Path, message: str, date: str = DATE) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--no-verify", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


def committed_registry(
    target: Path,
    name: str = "committed",
    prepare: Callable[[Registry], object] | None = None,
    date: str = DATE,
) -> Registry:
    """A blank registry (conftest.copy_registry), changed by `prepare`, committed on `main` at
    `date`. `name` names the template: one per distinct `prepare` and `date`."""

    def build(path: Path) -> None:
        build_blank_registry(path)
        if prepare is not None:
            prepare(Registry(path))
        git(path, "init", "-q", "-b", "main")
        commit(path, "initial", date)

    return from_template(name, build, target)


def _add_workflow_files(registry: Registry) -> None:
    target = registry.root
    (target / ".github").mkdir()
    registry.write(".github/core-maintainers.txt", CORE_MAINTAINERS)
    registry.write(CODEOWNERS_FILE.as_posix(), expected_codeowners(target))
    shutil.copy(REPO / ".pre-commit-config.yaml", target / ".pre-commit-config.yaml")
    shutil.copy(REPO / ".gitignore", target / ".gitignore")
    (target / "tools" / "hooks").mkdir(parents=True)
    shutil.copy2(REPO / "tools" / "hooks" / "run", target / "tools" / "hooks" / "run")


def workflow_repo(target: Path) -> Registry:
    """A registry with the workflow files (ownership, hooks), committed on `main`."""
    return committed_registry(target, "workflow", _add_workflow_files)
