"""Every use of Git goes through this module and `renkei.revisions.git_changes` (what changed):
thin, typed wrappers over GitPython that raise `GitError`s a user can act on. Files are read straight from the object database (no checkout,
no temporary work tree)."""

from __future__ import annotations

import difflib
import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import git
from git.exc import BadName, GitCommandError, InvalidGitRepositoryError, NoSuchPathError

from renkei.findings.errors import BilingualError
from renkei.registry.loaders.text import DEFAULT_LIMITS, Limits
from renkei.registry.safe_files import (
    SUPPORT_FILE_LIMIT,
    FileTooLarge,
    check_parents,
    read_limited,
    regular_files,
)
from renkei.registry.tree_paths import check_tree_entry

#: What a snapshot holds: the registry data and the schemas (for "schema changed" notes).
SNAPSHOT_PREFIXES = ("registry/prefectures", "schemas")
WORKING_TREE = "working tree"
CACHE_DIR = ".renkei-cache"


class GitError(BilingualError):
    """A Git problem explained for the user, in Japanese and English."""


@dataclass(frozen=True, slots=True)
class Revision:
    """A commit, or the working tree (`sha` is None)."""

    label: str
    sha: str | None
    timestamp: int | None = None

    @property
    def short(self) -> str:
        """The commit id shortened to 10 characters (the label for the working tree)."""
        return self.sha[:10] if self.sha else WORKING_TREE


def open_repo(root: Path) -> git.Repo:
    """The Git repository holding `root`; GitError when there is none."""
    try:
        return git.Repo(root, search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError) as error:
        raise GitError(
            f"{root} is not inside a Git repository; renkei diff and log read history from Git.",
            f"{root} は Git リポジトリではありません。diff と log は Git の履歴を読みます。",
        ) from error


def is_shallow(repo: git.Repo) -> bool:
    """True for a shallow clone (its history is cut off)."""
    return (Path(repo.git_dir) / "shallow").exists()


def known_refs(repo: git.Repo) -> list[str]:
    """Every ref name, and HEAD (for did-you-mean hints)."""
    names = [ref.name for ref in repo.refs]
    return [*names, "HEAD"]


def resolve(repo: git.Repo, ref: str) -> Revision:
    """A commit for a ref (branch, tag, sha, HEAD~2, …) or a clear error naming similar refs."""
    try:
        commit = repo.commit(ref)
        return Revision(ref, commit.hexsha, commit.committed_date)
    except (BadName, ValueError, GitCommandError) as error:
        if is_shallow(repo):
            raise GitError(
                f"Unknown revision '{ref}', and this is a shallow clone: fetch the full history "
                "(git fetch --unshallow, or actions/checkout with fetch-depth: 0).",
                f"リビジョン「{ref}」がありません。浅いクローン（shallow clone）です。履歴をすべて取得して"
                "ください（git fetch --unshallow、または actions/checkout の fetch-depth: 0）。",
            ) from error
        near = difflib.get_close_matches(ref, known_refs(repo), n=3, cutoff=0.4)
        hint_en = f" Did you mean: {', '.join(near)}?" if near else ""
        hint_ja = f" 候補: {', '.join(near)}" if near else ""
        raise GitError(
            f"Unknown revision '{ref}'.{hint_en}",
            f"リビジョン「{ref}」がありません。{hint_ja}",
        ) from error


def merge_base(repo: git.Repo, left: Revision, right: Revision) -> Revision:
    """The common ancestor of two commits, as `A...B` means in `git diff`."""
    try:
        bases = repo.merge_base(left.sha, right.sha)
    except GitCommandError as error:
        raise _history_error(repo, f"{left.label}...{right.label}") from error
    if not bases:
        raise _history_error(repo, f"{left.label}...{right.label}")
    base = bases[0]
    return Revision(f"merge-base({left.label}, {right.label})", base.hexsha, base.committed_date)


def _history_error(repo: git.Repo, what: str) -> GitError:
    if is_shallow(repo):
        return GitError(
            f"No common history for {what}: this is a shallow clone. Fetch the full history "
            "(git fetch --unshallow, or actions/checkout with fetch-depth: 0).",
            f"{what} の共通の履歴がありません。浅いクローンです。履歴をすべて取得してください"
            "（git fetch --unshallow、または actions/checkout の fetch-depth: 0）。",
        )
    return GitError(f"No common history for {what}.", f"{what} に共通の履歴がありません。")


@dataclass
class FileSet:
    """Files read from a revision: their bytes, and the paths refused for their size (never
    read) with that size."""

    files: dict[str, bytes] = field(default_factory=dict)
    too_large: dict[str, int] = field(default_factory=dict)


def limit_for(path: str, limits: Limits = DEFAULT_LIMITS) -> int:
    """The size limit of a file: schemas have their own fixed limit, registry data the user's."""
    return SUPPORT_FILE_LIMIT if path.startswith("schemas/") else limits.max_file_size


def read_snapshot(
    repo: git.Repo,
    revision: Revision,
    prefixes: tuple[str, ...] = SNAPSHOT_PREFIXES,
    limits: Limits = DEFAULT_LIMITS,
) -> dict[str, bytes]:
    """Every file under `prefixes` at a revision, read from the object database. A file above
    its size limit raises `FileTooLarge` (a snapshot is only useful whole)."""
    root = Path(repo.working_tree_dir or ".")
    if revision.sha is None:
        found = working_snapshot(root, prefixes, limits)
    else:
        index = tree_index(repo, revision, prefixes)
        found = read_files(repo, revision, index, set(index), limits)
    if found.too_large:
        path = min(found.too_large)
        raise FileTooLarge(path, size=found.too_large[path], limit=limit_for(path, limits))
    return found.files


def working_snapshot(
    root: Path, prefixes: tuple[str, ...] = SNAPSHOT_PREFIXES, limits: Limits = DEFAULT_LIMITS
) -> FileSet:
    """Every file under `prefixes` in the working tree. Links and special files raise an
    `UnsafeFile`; a file above its limit is recorded, not read."""
    found = FileSet()
    for prefix in prefixes:
        base = root / prefix
        check_parents(root, base / "x")
        if not base.is_dir():
            continue
        for path, info in regular_files(base, root):
            relative = path.relative_to(root).as_posix()
            if CACHE_DIR in path.parts:
                continue
            try:
                found.files[relative] = read_limited(path, limit_for(relative, limits), root=root)
            except FileTooLarge:
                found.too_large[relative] = info.st_size
    return found


@dataclass
class Blobs:
    """Blobs read by id, and the ids refused for their size (never read) with that size."""

    data: dict[str, bytes] = field(default_factory=dict)
    too_large: dict[str, int] = field(default_factory=dict)


def _cat_file(repo: git.Repo, mode: str, shas: list[str]) -> bytes:
    command = [git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git", "cat-file", mode]
    completed = subprocess.run(
        command,
        input=("\n".join(shas) + "\n").encode(),
        cwd=repo.git_dir,
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip()
        raise GitError(f"git cat-file failed: {message}", f"git cat-file が失敗しました: {message}")
    return completed.stdout


def blob_sizes(repo: git.Repo, blobs: list[str]) -> dict[str, int]:
    """The size of each blob that exists (`git cat-file --batch-check`: nothing is read)."""
    if not blobs:
        return {}
    sizes: dict[str, int] = {}
    unique = list(dict.fromkeys(blobs))
    for sha, line in zip(
        unique, _cat_file(repo, "--batch-check", unique).splitlines(), strict=False
    ):
        header = line.split()
        if len(header) >= 3 and header[1] == b"blob":
            sizes[sha] = int(header[2])
    return sizes


def read_blobs(repo: git.Repo, blobs: list[str], limit: int) -> Blobs:
    """Many blobs in two round trips: their sizes first, then only those within `limit` in one
    `git cat-file --batch` (a blob above the limit is never read)."""
    found = Blobs()
    wanted: list[str] = []
    for sha, size in blob_sizes(repo, blobs).items():
        if size > limit:
            found.too_large[sha] = size
        else:
            wanted.append(sha)
    if not wanted:
        return found
    data = _cat_file(repo, "--batch", wanted)
    offset = 0
    for sha in wanted:
        end = data.index(b"\n", offset)
        header = data[offset:end].split()
        offset = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        found.data[sha] = data[offset : offset + size]
        offset += size + 1
    return found


def parent(repo: git.Repo, revision: Revision) -> Revision:
    """The first parent of a commit (the state just before it)."""
    try:
        parents = repo.commit(revision.sha).parents
        if not parents:
            return revision
        first = parents[0]
        return Revision(f"{revision.label}^", first.hexsha, first.committed_date)
    except ValueError as error:
        raise _history_error(repo, f"{revision.label}^") from error


def last_change(repo: git.Repo, pathspec: str) -> Revision | None:
    """The newest commit that changed anything under `pathspec`."""
    output = repo.git.log("-1", "--format=%H %ct", "--", pathspec)
    if not output.strip():
        return None
    sha, timestamp = output.split()
    return Revision(sha[:10], sha, int(timestamp))


def blob_sha(data: bytes) -> str:
    """The id Git gives a file's content (so working-tree files compare with commits)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def tree_index(
    repo: git.Repo,
    revision: Revision,
    prefixes: tuple[str, ...] = SNAPSHOT_PREFIXES,
    limits: Limits = DEFAULT_LIMITS,
) -> dict[str, str]:
    """Path → blob id for every file under `prefixes`. A path that climbs, is absolute or not
    normal, and a link or submodule entry raise an `UnsafeFile` (`renkei.registry.tree_paths`)."""
    if revision.sha is None:
        root = Path(repo.working_tree_dir or ".")
        found = working_snapshot(root, prefixes, limits)
        index: dict[str, str] = {p: blob_sha(d) for p, d in found.files.items()}
        index.update({p: f"too-large:{size}" for p, size in found.too_large.items()})
        return index
    try:
        output = repo.git.ls_tree("-r", "-z", "--full-tree", revision.sha, "--", *prefixes)
    except GitCommandError as error:
        raise _history_error(repo, revision.label) from error
    index = {}
    for entry in output.split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, sha = meta.split()
        check_tree_entry(path, mode, kind)
        index[path] = sha
    return index


def read_files(
    repo: git.Repo,
    revision: Revision,
    index: dict[str, str],
    paths: set[str],
    limits: Limits = DEFAULT_LIMITS,
) -> FileSet:
    """The content of some paths of a revision (one batch read for a commit); a file above its
    size limit is recorded with its size, never read."""
    wanted = [p for p in paths if p in index]
    found = FileSet()
    if revision.sha is None:
        root = Path(repo.working_tree_dir or ".")
        for path in wanted:
            try:
                found.files[path] = read_limited(root / path, limit_for(path, limits), root=root)
            except FileTooLarge as error:
                found.too_large[path] = error.size
        return found
    largest = max((limit_for(p, limits) for p in wanted), default=0)
    blobs = read_blobs(repo, [index[p] for p in wanted], largest)
    for path in wanted:
        sha = index[path]
        size = blobs.too_large.get(sha)
        data = blobs.data.get(sha)
        if data is not None and len(data) > limit_for(path, limits):
            size = len(data)
        if size is not None:
            found.too_large[path] = size
        elif data is not None:
            found.files[path] = data
    return found


def tags(repo: git.Repo, prefix: str) -> list[Revision]:
    """Tags under `prefix` (e.g. submitted/13-tokyo/), newest commit first."""
    found = []
    for tag in repo.tags:
        if tag.name.startswith(prefix):
            commit = tag.commit
            found.append(Revision(tag.name, commit.hexsha, commit.committed_date))
    return sorted(found, key=lambda r: (r.timestamp or 0, r.label), reverse=True)


def create_tag(repo: git.Repo, name: str, revision: Revision, message: str) -> None:
    """An annotated tag; an existing tag of that name is an error, never overwritten."""
    if name in [t.name for t in repo.tags]:
        raise GitError(
            f"The tag {name} already exists; a submission is recorded once.",
            f"タグ {name} はすでにあります。提出は 1 回だけ記録します。",
        )
    if revision.sha is None:
        raise GitError(
            "A tag needs a committed revision, not the working tree.",
            "タグにはコミット済みのリビジョンが必要です（作業ツリーには付けられません）。",
        )
    try:
        repo.create_tag(name, ref=revision.sha, message=message)
    except GitCommandError as error:
        raise GitError(f"git tag failed: {error}", f"git tag が失敗しました: {error}") from error


def head_time(repo: git.Repo) -> int | None:
    """The commit time of HEAD, or None in a repository without commits."""
    try:
        return repo.head.commit.committed_date
    except ValueError:
        return None


def toplevel(repo: git.Repo) -> Path:
    """The repository's working tree (paths from Git are relative to it)."""
    return Path(repo.working_tree_dir or ".").resolve()
