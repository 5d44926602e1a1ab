"""The findings a change introduces and resolves: each prefecture a diff shows validated at
both of its revisions, as `renkei validate` would validate a checkout of each
(`renkei.checks.revision_files`), and the two reports compared. A finding is the same in both
when its code, file, place and message are; its line may move with the lines around it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from pathlib import Path

import git

from renkei.checks.revision_files import validate_revision
from renkei.findings.errors import BilingualError
from renkei.findings.model import Finding
from renkei.registry.layout import PLATFORMS_FILE, PREFECTURES_DIR
from renkei.registry.reference import ReferenceDataError
from renkei.revisions.diff import FindingChanges, RegistryDiff
from renkei.revisions.git import Revision, open_repo, read_files, tree_index

#: What a folder's validation reads besides the folder: the reference data and the schemas.
_SHARED = ("registry/reference/", "schemas/")
_PREFECTURES = f"{PREFECTURES_DIR.as_posix()}/"
_PREFIXES = ("registry/prefectures", "registry/reference", "schemas")


def _identity(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.code, finding.file, finding.where, finding.message_en)


def revision_findings(
    repo: git.Repo, revision: Revision, folders: Collection[str], as_of: dt.date
) -> dict[str, list[Finding]]:
    """The findings of FOLDERS at REVISION as of AS_OF, by folder. Only the files the check
    reads are read: the folders, every platforms.yaml (ids are unique across the registry), the
    reference data and the schemas."""
    index = tree_index(repo, revision, _PREFIXES)
    own = tuple(f"{_PREFECTURES}{folder}/" for folder in folders)
    needed = {
        path
        for path in index
        if path.startswith(own) or path.startswith(_SHARED) or path.endswith(f"/{PLATFORMS_FILE}")
    }
    files = read_files(repo, revision, index, needed).files
    report = validate_revision(files, folders, as_of)
    by_folder: dict[str, list[Finding]] = {folder: [] for folder in folders}
    for finding in report.findings:
        by_folder.setdefault(finding.file.split("/")[2], []).append(finding)
    return by_folder


def compare_findings(old: list[Finding], new: list[Finding]) -> FindingChanges:
    """The findings of NEW that OLD does not have (introduced) and those of OLD that NEW does not
    have (resolved), each in report order."""
    before = {_identity(f) for f in old}
    after = {_identity(f) for f in new}
    return FindingChanges(
        introduced=sorted((f for f in new if _identity(f) not in before), key=Finding.sort_key),
        resolved=sorted((f for f in old if _identity(f) not in after), key=Finding.sort_key),
    )


class FindingsUnavailable(BilingualError):
    """A revision of the diff that today's checks cannot validate (e.g. one from before the
    reference data it needs was added): the diff is shown without its findings."""


def add_finding_changes(root: Path, diff: RegistryDiff, as_of: dt.date) -> RegistryDiff:
    """DIFF (of the registry at ROOT) with, for each prefecture it shows, the findings its
    change introduces and resolves as of AS_OF (`PrefectureDiff.findings`). Raises
    FindingsUnavailable, leaving DIFF without findings, when a revision cannot be validated."""
    repo = open_repo(root)
    folders = [pref.folder for pref in diff.prefectures]
    if not folders:
        return diff
    found = []
    for revision in (diff.old, diff.new):
        try:
            found.append(revision_findings(repo, revision, folders, as_of))
        except ReferenceDataError as error:
            raise FindingsUnavailable(
                f"The findings the change introduces and resolves are not shown: at "
                f"{revision.short} {error.path} cannot be read (a revision from before it was "
                "added, or a broken file).",
                f"変更で増減した指摘は表示しません: {revision.short} の {error.path} を読めません"
                "（それが加わる前のリビジョンか、壊れたファイルです）。",
            ) from error
    old, new = found
    for pref in diff.prefectures:
        pref.findings = compare_findings(old.get(pref.folder, []), new.get(pref.folder, []))
    return diff
