"""Every change to every prefecture folder in Git history, read in one pass: one `git log --raw`
(first parents, oldest first) and one `git cat-file --batch` for the blobs the diffs need, never
a Git call per commit. Each commit's change to a folder becomes the same semantic diff
`renkei diff PARENT COMMIT FOLDER` shows (`renkei.revisions.diff`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import git
from git.exc import GitCommandError

from renkei.registry.display_labels import DisplayLabels
from renkei.registry.layout import PLATFORMS_FILE, PREFECTURE_FILE, VISION_FILE
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.snapshot import (
    PREFECTURES_PREFIX,
    TABLE_SCHEMAS_PREFIX,
    PrefectureState,
    RegistryState,
    parse_snapshot,
)
from renkei.revisions.diff import RegistryDiff, diff_states
from renkei.revisions.git import GitError, Revision, read_blobs
from renkei.revisions.git_changes import raw_blobs

#: What the walk follows: the prefecture folders and the Table Schemas (for the rows' keys).
WALK_PATHS = (PREFECTURES_PREFIX.rstrip("/"), TABLE_SCHEMAS_PREFIX.rstrip("/"))
_DELETED = "0" * 40


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit of the walk: its id, time (Unix seconds) and subject line."""

    sha: str
    timestamp: int
    subject: str

    @property
    def short(self) -> str:
        """The commit id shortened to 10 characters."""
        return self.sha[:10]


@dataclass
class FolderChange:
    """One commit's change to one prefecture folder: the folder's files (path → blob id, with
    the Table Schemas) before and after it, and the paths it changed."""

    commit: Commit
    parent: Commit | None
    folder: str
    old: dict[str, str]
    new: dict[str, str]
    changed: frozenset[str]

    def blobs(self) -> set[str]:
        """The blobs a diff of this change reads: the changed files on both sides, the
        prefecture's name and platforms, the Table Schemas."""
        base = f"{PREFECTURES_PREFIX}{self.folder}/"
        wanted = set(self.changed) | {base + PREFECTURE_FILE, base + PLATFORMS_FILE}
        wanted |= {p for p in self.new if p.startswith(TABLE_SCHEMAS_PREFIX)}
        return {side[p] for side in (self.old, self.new) for p in wanted if p in side}


@dataclass
class History:
    """The walk: every commit that changed a folder, oldest first, and each folder change."""

    commits: list[Commit] = field(default_factory=list)
    changes: list[FolderChange] = field(default_factory=list)

    def of_folder(self, folder: str) -> list[FolderChange]:
        """The changes of one folder, oldest first."""
        return [c for c in self.changes if c.folder == folder]


def _log(repo: git.Repo, paths: Iterable[str]) -> str:
    try:
        return str(
            repo.git.log(
                "--raw", "--no-abbrev", "--no-renames", "--first-parent",
                "--diff-merges=first-parent", "--reverse", "--format=%x00%H %ct %s", "--", *paths,
            )
        )  # fmt: skip
    except GitCommandError as error:
        if "does not have any commits" in str(error):
            return ""
        raise GitError(f"git log failed: {error}", f"git log が失敗しました: {error}") from error


def walk_history(repo: git.Repo, paths: Iterable[str] = WALK_PATHS) -> History:
    """Every commit that changed a prefecture folder (or a Table Schema), with each folder's
    files before and after, from one `git log`."""
    history = History()
    # Each folder's files, and the Table Schemas every folder reads, kept apart: a commit
    # copies only the folders it touches (the whole tree per commit was most of the walk).
    folders: dict[str, dict[str, str]] = {}
    schemas: dict[str, str] = {}
    previous: Commit | None = None
    for record in _log(repo, paths).split("\x00")[1:]:
        lines = record.strip("\n").splitlines()
        if not lines:
            continue
        sha, timestamp, *subject = lines[0].split(" ", 2)
        commit = Commit(sha, int(timestamp), subject[0] if subject else "")
        # (path, its new blob or None when deleted, the folder it is in, a file of the folder
        # itself rather than of a folder below it)
        updates: list[tuple[str, str | None, str | None, bool]] = []
        for path, blob in raw_blobs(lines[1:]):
            parts = path.split("/")
            within = path.startswith(PREFECTURES_PREFIX) and len(parts) >= 4
            updates.append(
                (path, None if blob == _DELETED else blob, parts[2] if within else None,
                 len(parts) == 4)
            )  # fmt: skip
        touched = sorted({f for _p, _b, f, own in updates if f is not None and own})
        before = {folder: {**folders.get(folder, {}), **schemas} for folder in touched}
        for path, new_blob, folder, _own in updates:
            if path.startswith(TABLE_SCHEMAS_PREFIX):
                side = schemas
            elif folder is not None:
                side = folders.setdefault(folder, {})
            else:
                continue
            if new_blob is None:
                side.pop(path, None)
            else:
                side[path] = new_blob
        history.commits.append(commit)
        for folder in touched:
            changed = frozenset(p for p, _b, f, own in updates if f == folder and own)
            after = {**folders.get(folder, {}), **schemas}
            history.changes.append(
                FolderChange(commit, previous, folder, before[folder], after, changed)
            )
        previous = commit
    return history


def read_change_blobs(repo: git.Repo, changes: Iterable[FolderChange]) -> dict[str, bytes]:
    """The blobs the diffs of CHANGES read, in one `git cat-file --batch` (a blob above the
    size limit is left out: its file reads as unreadable)."""
    wanted: set[str] = set()
    for change in changes:
        wanted |= change.blobs()
    return read_blobs(repo, sorted(wanted), DEFAULT_LIMITS.max_file_size).data


#: Parsed files by (path, blob, the Table Schemas' blobs): each version is parsed once.
ParseCache = dict[tuple[str, str, tuple[str, ...]], PrefectureState]


def _state(
    side: dict[str, str], paths: set[str], blobs: dict[str, bytes], folder: str, cache: ParseCache
) -> RegistryState:
    """The folder's state from the files of PATHS on SIDE, each version parsed once (CACHE)."""
    schemas = {p: b for p, b in side.items() if p.startswith(TABLE_SCHEMAS_PREFIX)}
    schema_files = {p: blobs[b] for p, b in schemas.items() if b in blobs}
    schema_key = tuple(sorted(schemas.values()))
    merged = PrefectureState(folder)
    for path in sorted(paths):
        blob = side.get(path)
        if blob is None or path.startswith(TABLE_SCHEMAS_PREFIX):
            continue
        key = (path, blob, schema_key)
        if key not in cache:
            data = blobs.get(blob)
            files = {**schema_files, path: data} if data is not None else schema_files
            parsed = parse_snapshot(files, {folder}, None if data is not None else {path: 0})
            cache[key] = parsed.prefectures.get(folder, PrefectureState(folder))
        _merge(merged, cache[key])
    return RegistryState({folder: merged}, schema_files)


def _merge(into: PrefectureState, part: PrefectureState) -> None:
    """PART's documents and tables added to INTO (each file fills its own fields)."""
    into.prefecture = part.prefecture if part.prefecture is not None else into.prefecture
    into.vision = part.vision if part.vision is not None else into.vision
    into.surveys = part.surveys if part.surveys is not None else into.surveys
    into.platforms = {**into.platforms, **part.platforms}
    into.tables = {**into.tables, **part.tables}
    into.unreadable = {**into.unreadable, **part.unreadable}


def change_diff(
    change: FolderChange,
    blobs: dict[str, bytes],
    labels: DisplayLabels,
    cache: ParseCache | None = None,
) -> RegistryDiff:
    """The semantic diff of one folder change (as `renkei diff` shows it), its labels with the
    platform names of both sides. CACHE keeps parsed files between calls."""
    cache = {} if cache is None else cache
    base = f"{PREFECTURES_PREFIX}{change.folder}/"
    paths = set(change.changed) | {base + PREFECTURE_FILE, base + PLATFORMS_FILE}
    old_state = _state(change.old, paths, blobs, change.folder, cache)
    new_state = _state(change.new, paths, blobs, change.folder, cache)
    parent = change.parent
    old = Revision(parent.short, parent.sha, parent.timestamp) if parent else Revision("", None)
    new = Revision(change.commit.short, change.commit.sha, change.commit.timestamp)
    result = diff_states(old_state, new_state, old, new, {change.folder})
    result.labels = DisplayLabels(
        labels.schemas, labels.reference, dict(labels.platform_names), labels.nodes, labels.enums
    )
    result.labels.name_platforms((old_state, new_state))
    return result


def vision_file(folder: str) -> str:
    """The path of a folder's vision.yaml."""
    return f"{PREFECTURES_PREFIX}{folder}/{VISION_FILE}"
