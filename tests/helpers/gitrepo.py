"""Real Git repositories for tests, with pinned identities and dates (reproducible commits).

Each kind of repository is built once per test run and copied per test (`from_template`):
committing the 423 files of a registry takes longer than copying the finished repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from helpers.registry import REPO, Registry, copy_registry, from_template
from renkei.workflow.ownership import CODEOWNERS_FILE, expected_codeowners

DATE = "2026-01-01T00:00:00+09:00"
#: The core maintainers of the test repositories (SYNTHETIC, not the shipped file).
CORE_MAINTAINERS = "# SYNTHETIC core maintainers for tests\n@renkei-registry/core\n"


def git_env(date: str = DATE) -> dict[str, str]:
    """The environment of a Git command: the pinned identity, author and commit date `date`."""
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }


def git(repo: Path | Registry, *args: str, date: str = DATE) -> str:
    """`git ARGS` in `repo` at the pinned identity and `date`; its output, stripped."""
    completed = subprocess.run(
        ["git", *args],
        cwd=repo.root if isinstance(repo, Registry) else repo,
        env=git_env(date),
        capture_output=True,
        encoding="utf-8",
        check=True,
    )
    return completed.stdout.strip()


def commit(repo: Path | Registry, message: str, date: str = DATE) -> str:
    """Everything in `repo`'s work tree committed at `date`; the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def committed_registry(
    target: Path,
    name: str = "committed",
    prepare: Callable[[Registry], object] | None = None,
    date: str = DATE,
) -> Registry:
    """A blank registry (helpers.registry.copy_registry), changed by `prepare`, committed on `main` at
    `date`. `name` names the template: one per distinct `prepare` and `date`."""

    def build(path: Path) -> None:
        copy_registry(path)
        if prepare is not None:
            prepare(Registry(path))
        git(path, "init", "-q", "-b", "main")
        commit(path, "initial", date)
        # One pack instead of some 240 loose objects: every test copies this repository.
        git(path, "gc", "-q")

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


# --- crafted trees: objects Git itself would refuse to check out ----------------------------


def write_tree(root: Path, entries: list[tuple[str, bytes, str]]) -> str:
    """A tree object written as is (names Git itself would refuse to check out)."""
    raw = b"".join(
        mode.encode() + b" " + name + b"\0" + bytes.fromhex(sha)
        for mode, name, sha in sorted(entries, key=lambda e: e[1])
    )
    done = subprocess.run(
        ["git", "hash-object", "-t", "tree", "-w", "--literally", "--stdin"],
        cwd=root,
        input=raw,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def tree_entries(root: Path, tree: str) -> list[tuple[str, bytes, str]]:
    """The (mode, name, id) entries of a tree object."""
    listing = subprocess.run(
        ["git", "ls-tree", "-z", tree], cwd=root, capture_output=True, check=True
    ).stdout
    entries = []
    for item in listing.split(b"\0"):
        if item:
            meta, _, name = item.partition(b"\t")
            mode, _, sha = meta.decode().split()
            entries.append((mode, name, sha))
    return entries


def with_entries(
    root: Path, tree: str, parts: list[str], extra: list[tuple[str, bytes, str]]
) -> str:
    """`tree` with `extra` entries added in the subtree at `parts`."""
    entries = tree_entries(root, tree)
    if not parts:
        return write_tree(root, [*entries, *extra])
    name = parts[0].encode()
    return write_tree(
        root,
        [
            (mode, n, with_entries(root, sha, parts[1:], extra) if n == name else sha)
            for mode, n, sha in entries
        ],
    )


def crafted_commit(registry: Registry, extra: list[tuple[str, bytes, str]]) -> str:
    """HEAD's tree with entries added to 13-tokyo's folder, committed on top of HEAD."""
    root = registry.root
    tree = with_entries(
        root, git(root, "rev-parse", "HEAD^{tree}"), ["registry", "prefectures", "13-tokyo"], extra
    )
    head = git(root, "commit-tree", tree, "-p", "HEAD", "-m", "synthetic crafted tree")
    git(root, "update-ref", "refs/heads/main", head)
    return head


def write_blob(root: Path, data: bytes) -> str:
    """A blob object of `data`; its id."""
    done = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=root,
        input=data,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def escaping_tree(root: Path, name: str) -> str:
    """A tree `..` → … → `..` → name: a path that climbs five levels (out of a temporary copy
    of the registry as well)."""
    sha = write_tree(root, [("100644", name.encode(), write_blob(root, b"synthetic: escaped\n"))])
    for _ in range(4):
        sha = write_tree(root, [("40000", b"..", sha)])
    return sha
