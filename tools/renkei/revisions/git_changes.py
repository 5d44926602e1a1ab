"""What changed in Git: the commits that changed a file (for the vision history), and the
paths and lines a change touches since a base (for the scope of a pull request and its
annotations)."""

from __future__ import annotations

from dataclasses import dataclass

import git
from git.exc import GitCommandError

from renkei.registry.tree_paths import refuse_path
from renkei.revisions.git import GitError, Revision


@dataclass(frozen=True, slots=True)
class FileChange:
    """One commit's change to a file: the commit, its time, the path and the new blob."""

    sha: str
    timestamp: int
    path: str
    blob: str  # the file's blob sha after the commit ("0" * 40 when deleted)


def file_history(repo: git.Repo, pathspec: str) -> list[FileChange]:
    """Every commit (newest first) that changed a file matching `pathspec`, with its new blob,
    from one `git log --raw` (no per-commit round trips)."""
    try:
        output = repo.git.log(
            "--raw", "--no-abbrev", "--no-renames", "--format=%x00%H %ct", "--", pathspec
        )
    except GitCommandError as error:
        if "does not have any commits" in str(error):
            return []
        raise GitError(f"git log failed: {error}", f"git log が失敗しました: {error}") from error
    changes: list[FileChange] = []
    for record in output.split("\x00")[1:]:
        lines = record.strip().splitlines()
        if not lines:
            continue
        sha, timestamp = lines[0].split()
        for line in lines[1:]:
            if not line.startswith(":"):
                continue
            meta, _, path = line.partition("\t")
            refuse_path(path)
            blob = meta.split()[3]
            changes.append(FileChange(sha, int(timestamp), path, blob))
    return changes


def _z_paths(output: str) -> list[str]:
    return [path for path in output.split("\0") if path]


def changed_paths(repo: git.Repo, base: Revision) -> list[str]:
    """Every path a change touches: committed from `base` to HEAD, staged, unstaged and
    untracked (not ignored). Renames count as both paths. Sorted, relative to the top level."""
    try:
        committed = repo.git.diff("--name-only", "--no-renames", "-z", base.sha, "HEAD", "--")
        uncommitted = repo.git.diff("--name-only", "--no-renames", "-z", "HEAD", "--")
        untracked = repo.git.ls_files("--others", "--exclude-standard", "-z")
    except GitCommandError as error:
        raise GitError(f"git diff failed: {error}", f"git diff が失敗しました: {error}") from error
    return sorted({*_z_paths(committed), *_z_paths(uncommitted), *_z_paths(untracked)})


def changed_lines(repo: git.Repo, base: Revision) -> dict[str, set[int]]:
    """Line numbers added or changed in the working tree since `base`, per path (`git diff -U0`):
    the lines a pull request touched. Deleted-only hunks mark the line they were removed at."""
    try:
        # Explicit prefixes: a user's diff.noprefix or diff.mnemonicPrefix would change them.
        output = repo.git.diff(
            "-U0", "--no-renames", "--no-color", "--no-ext-diff", "--src-prefix=a/",
            "--dst-prefix=b/", base.sha, "--",
        )  # fmt: skip
    except GitCommandError as error:
        raise GitError(f"git diff failed: {error}", f"git diff が失敗しました: {error}") from error
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in output.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            current = None
            if target.startswith("b/"):
                current = lines.setdefault(target[2:], set())
        elif line.startswith("@@") and current is not None:
            new = line.split()[2]  # +start[,count]
            start, _, count = new[1:].partition(",")
            first, length = int(start), int(count) if count else 1
            current.update(range(first, first + length) if length else {max(first, 1)})
    return lines
