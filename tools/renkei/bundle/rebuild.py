"""A bundle checked against history: rebuilt from the commit its manifest names, with the
options the manifest records, and compared byte for byte. Hashes only show that the files match
the manifest; the rebuild shows that both are what the registry holds at that commit."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from renkei import __version__
from renkei.findings import codes
from renkei.findings.model import Finding, Position

if TYPE_CHECKING:
    import git

START = Position(1, 1)
MAX_NAMED = 5


def _not_rebuilt(shown: str, why_en: str, why_ja: str) -> list[Finding]:
    return [codes.B016.make(shown, START, why=why_en, why_ja=why_ja)]


def _registry(root: Path | None) -> Path | None:
    from renkei.registry.layout import RootNotFound, find_root

    if root is not None:
        return root
    try:
        return find_root(Path.cwd())
    except RootNotFound:
        return None


def _differences(built: bytes, rebuilt: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(built)) as a, zipfile.ZipFile(io.BytesIO(rebuilt)) as b:
        old = {i.filename: a.read(i) for i in a.infolist()}
        new = {i.filename: b.read(i) for i in b.infolist()}
    names = sorted(
        n for n in set(old) | set(new) if old.get(n) != new.get(n) or (n in old) != (n in new)
    )
    if not names:
        return "the same files, zipped differently"
    shown = ", ".join(names[:MAX_NAMED]) + (" …" if len(names) > MAX_NAMED else "")
    return f"{len(names)} file(s) differ: {shown}"


def compare_with_rebuild(
    shown: str, data: bytes, manifest: dict[str, Any], root: Path | None
) -> list[Finding]:
    """B015 when the rebuild differs; B016 (a notice) when no rebuild could be made."""
    from renkei.bundle.build import BundleError, BundleOptions, build_bundle
    from renkei.revisions.git import GitError, Revision, open_repo

    registry = _registry(root)
    commit = manifest["source"]["commit"]
    if registry is None:
        return _not_rebuilt(
            shown,
            "no registry here (pass --root)",
            "レジストリが見つかりません（--root で指定してください）",
        )
    if commit is None:
        return _not_rebuilt(
            shown,
            "it was built from a working tree, not a commit",
            "コミットではなく作業ツリーから作られています",
        )
    try:
        repo = open_repo(registry)
        missing = [
            c
            for c in (commit, (manifest["previous"] or {}).get("commit"))
            if c and not _has_commit(repo, c)
        ]
    except GitError:
        return _not_rebuilt(
            shown,
            f"{registry} is not a Git repository",
            f"{registry} は Git リポジトリではありません",
        )
    if missing:
        return _not_rebuilt(
            shown,
            f"commit {missing[0][:10]} is not in this repository (fetch the full history)",
            f"コミット {missing[0][:10]} がこのリポジトリにありません（履歴をすべて取得してください）",
        )
    previous = manifest["previous"]
    as_of = manifest["as_of"]
    with tempfile.TemporaryDirectory(prefix="renkei-rebuild-") as temp:
        options = BundleOptions(
            revision=commit,
            out_dir=Path(temp),
            draft=manifest["draft"],
            csv_encoding=manifest["csv_encoding"],
            as_of=dt.date.fromisoformat(as_of["date"]) if as_of["from"] == "option" else None,
            previous=None
            if previous is None
            else Revision(previous.get("label", ""), previous["commit"], previous["commit_time"]),
            previous_given=True,
        )
        try:
            result = build_bundle(registry, manifest["prefecture"], options)
        except (BundleError, GitError) as error:
            return [
                codes.B015.make(
                    shown, START, commit=commit[:10], detail=f"the rebuild fails: {error}"
                )
            ]
        rebuilt = result.path.read_bytes()
    if rebuilt == data:
        return []
    detail = _differences(data, rebuilt)
    built_by = manifest["tool"]["version"]
    if built_by != __version__:
        detail += f" (built by renkei {built_by}, rebuilt with {__version__})"
    else:
        detail += f" (built and rebuilt by renkei {built_by})"
    return [codes.B015.make(shown, START, commit=commit[:10], detail=detail)]


def _has_commit(repo: git.Repo, sha: str) -> bool:
    try:
        return repo.commit(sha).hexsha == sha
    except Exception:  # gitdb raises several kinds for an unknown object
        return False
