"""`renkei diff` as a library call: turn what the user typed into two revisions and diff them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import git

from renkei.registry.display_labels import DisplayLabels
from renkei.registry.layout import PREFECTURE_FILE
from renkei.registry.snapshot import (
    PREFECTURES_PREFIX,
    TABLE_SCHEMAS_PREFIX,
    RegistryState,
    parse_snapshot,
)
from renkei.revisions.diff import RegistryDiff, diff_states
from renkei.revisions.git import (
    WORKING_TREE,
    FileSet,
    GitError,
    Revision,
    blob_sha,
    merge_base,
    open_repo,
    read_files,
    resolve,
    tree_index,
)
from renkei.revisions.history import looks_like_fiscal_year, resolve_fiscal_year


@dataclass
class DiffRequest:
    """What the user asked `renkei diff` for: a prefecture, refs, or fiscal years."""

    prefecture: str | None = None
    revisions: tuple[str, ...] = ()
    from_spec: str | None = None
    to_spec: str | None = None


def _resolve_one(repo: git.Repo, spec: str, folder: str | None) -> Revision:
    if spec in (WORKING_TREE, "WORKTREE", "working-tree"):
        return Revision(WORKING_TREE, None)
    if looks_like_fiscal_year(spec):
        if folder is None:
            try:
                return resolve(repo, spec)  # a ref that happens to look like a fiscal year
            except GitError:
                pass
            raise GitError(
                f"A fiscal year ({spec}) needs a prefecture: renkei diff 13 --from {spec} ...",
                f"年度（{spec}）を指定するときは都道府県も指定してください: "
                f"renkei diff 13 --from {spec} ...",
            )
        return resolve_fiscal_year(repo, folder, spec)
    return resolve(repo, spec)


def resolve_range(repo: git.Repo, request: DiffRequest) -> tuple[Revision, Revision]:
    """The old and new revisions a request names: one ref (to the working tree), `a..b`, `a...b`
    (from the merge base), two refs, --from/--to (refs or fiscal years), or by default HEAD and
    the working tree. GitError when it cannot."""
    folder = request.prefecture
    specs = list(request.revisions)
    if request.from_spec or request.to_spec:
        if specs:
            raise GitError(
                "Give revisions either as arguments or with --from/--to, not both.",
                "リビジョンは引数か --from/--to のどちらかで指定してください。",
            )
        old = _resolve_one(repo, request.from_spec or "HEAD", folder)
        new = _resolve_one(repo, request.to_spec or WORKING_TREE, folder)
        return old, new
    if not specs:
        return resolve(repo, "HEAD"), Revision(WORKING_TREE, None)
    if len(specs) == 1:
        spec = specs[0]
        if "..." in spec:
            left, right = spec.split("...", 1)
            new = resolve(repo, right or "HEAD")
            return merge_base(repo, resolve(repo, left or "HEAD"), new), new
        if ".." in spec:
            left, right = spec.split("..", 1)
            return resolve(repo, left or "HEAD"), resolve(repo, right or "HEAD")
        return _resolve_one(repo, spec, folder), Revision(WORKING_TREE, None)
    if len(specs) == 2:
        return _resolve_one(repo, specs[0], folder), _resolve_one(repo, specs[1], folder)
    raise GitError("Give at most two revisions.", "リビジョンは 2 つまで指定できます。")


def diff_request(root: Path, request: DiffRequest) -> RegistryDiff:
    """The semantic diff a request names."""
    repo = open_repo(root)
    old, new = resolve_range(repo, request)
    return diff_revisions(repo, old, new, request.prefecture)


def diff_revisions(
    repo: git.Repo, old: Revision, new: Revision, prefecture: str | None = None
) -> RegistryDiff:
    """Only files whose content differs are read and parsed (compared by blob id), plus each
    changed prefecture's prefecture.yaml for its name and the Table Schemas for row keys."""
    old_index, new_index = tree_index(repo, old), tree_index(repo, new)
    return _diff(repo, (old, old_index, None), (new, new_index, None), prefecture)


def folder_diff(
    repo: git.Repo, old: Revision, new: Revision, folder: str, new_files: Mapping[str, bytes]
) -> RegistryDiff:
    """FOLDER's semantic diff, as `diff_revisions(repo, old, new, folder)` gives it, from only
    what it reads: OLD's folder and schemas/, and NEW's from NEW_FILES (NEW's files, already
    read whole, at least the folder and schemas/; `renkei bundle` has them)."""
    scope = (f"{PREFECTURES_PREFIX}{folder}/", "schemas/")
    old_index = {
        p: sha
        for p, sha in tree_index(repo, old, (scope[0].rstrip("/"), "schemas")).items()
        if p.startswith(scope)
    }
    new_index = {p: blob_sha(data) for p, data in new_files.items() if p.startswith(scope)}
    return _diff(repo, (old, old_index, None), (new, new_index, new_files), folder)


#: A side of a diff: the revision, its index (path → blob id) and, when already read, its files.
_Side = tuple[Revision, dict[str, str], Mapping[str, bytes] | None]


def _read(repo: git.Repo, side: _Side, paths: set[str]) -> FileSet:
    revision, index, files = side
    if files is None:
        return read_files(repo, revision, index, paths)
    return FileSet({p: files[p] for p in paths if p in index and p in files})


def _diff(repo: git.Repo, old: _Side, new: _Side, prefecture: str | None) -> RegistryDiff:
    only = {prefecture} if prefecture else None
    old_index, new_index = old[1], new[1]
    changed = {
        path
        for path in set(old_index) | set(new_index)
        if old_index.get(path) != new_index.get(path)
    }
    folders = {
        path.split("/")[2]
        for path in changed
        if path.startswith(PREFECTURES_PREFIX) and path.count("/") == 3
    }
    if only is not None:
        folders &= only
    needed = {p for p in changed if p.startswith(PREFECTURES_PREFIX) and p.split("/")[2] in folders}
    needed |= {f"{PREFECTURES_PREFIX}{folder}/{PREFECTURE_FILE}" for folder in folders}
    # The platforms' names, for the ids a vision or a table names.
    needed |= {f"{PREFECTURES_PREFIX}{folder}/platforms.yaml" for folder in folders}
    needed |= {p for p in set(old_index) | set(new_index) if p.startswith(TABLE_SCHEMAS_PREFIX)}
    old_files, new_files = _read(repo, old, needed), _read(repo, new, needed)
    old_state = parse_snapshot(old_files.files, folders, old_files.too_large)
    new_state = parse_snapshot(new_files.files, folders, new_files.too_large)
    result = diff_states(old_state, new_state, old[0], new[0], folders)
    result.schema_changes = sorted(p for p in changed if p.startswith("schemas/"))
    top = repo.working_tree_dir
    return labelled(result, Path(top) if top else None, (old_state, new_state))


def labelled(
    result: RegistryDiff, root: Path | None, states: Iterable[RegistryState]
) -> RegistryDiff:
    """RESULT with the labels reviewers read: the schemas' titles and the reference tables'
    labels of the registry at ROOT, and the platforms' names in STATES (for the ids a vision
    or a table names)."""
    result.labels = DisplayLabels.from_root(root)
    result.labels.name_platforms(states)
    return result
