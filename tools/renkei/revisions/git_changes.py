"""What changed in Git: the commits that changed a file (for the vision history and the
exported history table), and the paths and lines a change touches since a base (for the scope
of a pull request and its annotations)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
        for path, blob in raw_blobs(lines[1:]):
            changes.append(FileChange(sha, int(timestamp), path, blob))
    return changes


def raw_blobs(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(path, blob after the change) of each `--raw` line among LINES of a `git log` record
    (the other lines are passed over; a path that could leave the tree is refused)."""
    for line in lines:
        if not line.startswith(":"):
            continue
        meta, _, path = line.partition("\t")
        refuse_path(path)
        yield path, meta.split()[3]


@dataclass(frozen=True, slots=True)
class CommitFileChange:
    """One file one commit changed: the commit, its time and subject, the path, how it changed
    (`added`, `modified` or `deleted`) and the lines added and removed (None for a binary)."""

    sha: str
    timestamp: int
    subject: str
    path: str
    change: str
    lines_added: int | None
    lines_removed: int | None


_CHANGE_KINDS = {"A": "added", "D": "deleted"}


def commit_changes(repo: git.Repo, pathspec: str) -> list[CommitFileChange]:
    """Every file matching `pathspec` that each commit changed (newest first), with the
    commit's subject and the lines changed, from one `git log --raw --numstat` (merges, whose
    changes their parents already hold, are left out)."""
    try:
        output = repo.git.log(
            "--raw", "--numstat", "--no-abbrev", "--no-renames", "--no-merges",
            "--format=%x00%H %ct %s", "--", pathspec,
        )  # fmt: skip
    except GitCommandError as error:
        if "does not have any commits" in str(error):
            return []
        raise GitError(f"git log failed: {error}", f"git log が失敗しました: {error}") from error
    changes: list[CommitFileChange] = []
    for record in output.split("\x00")[1:]:
        lines = record.strip("\n").splitlines()
        if not lines:
            continue
        sha, timestamp, *subject = lines[0].split(" ", 2)
        kinds: dict[str, str] = {}
        counts: dict[str, tuple[int | None, int | None]] = {}
        for line in lines[1:]:
            if line.startswith(":"):
                meta, _, path = line.partition("\t")
                refuse_path(path)
                kinds[path] = _CHANGE_KINDS.get(meta.split()[4][:1], "modified")
            elif line.count("\t") >= 2:
                added, removed, path = line.split("\t", 2)
                counts[path] = (
                    int(added) if added.isdigit() else None,
                    int(removed) if removed.isdigit() else None,
                )
        for path, kind in kinds.items():
            added_lines, removed_lines = counts.get(path, (None, None))
            title = subject[0] if subject else ""
            changes.append(
                CommitFileChange(sha, int(timestamp), title, path, kind, added_lines, removed_lines)
            )
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
