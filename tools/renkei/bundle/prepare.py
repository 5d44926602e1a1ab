"""A revision read and validated once, for one prefecture's bundle or for all of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import git

from renkei.bundle.model import BundleError, BundleOptions
from renkei.findings.model import Finding, Report
from renkei.registry.layout import PREFECTURES_DIR
from renkei.revisions.git import (
    WORKING_TREE,
    Revision,
    head_time,
    open_repo,
    read_snapshot,
    resolve,
)

if TYPE_CHECKING:
    from renkei.revisions.history import VisionState

#: The parts of a revision a bundle is built from.
BUNDLE_PREFIXES = ("registry/prefectures", "registry/reference", "schemas")
#: Fiscal years are Japan's: the date a commit time stands for is taken in JST.
JST = dt.timezone(dt.timedelta(hours=9), "JST")


@dataclass
class Prepared:
    """A revision read and validated once, for one bundle or for all of them."""

    repo: git.Repo
    source: Revision
    files: dict[str, bytes]
    findings_by_folder: dict[str, list[Finding]]
    as_of: dt.date
    as_of_from: str  # "commit" or "option"
    #: Every folder's vision states (`renkei.revisions.history.every_vision_state`), when found
    #: once for many bundles; None: each bundle finds its folder's.
    vision_states: dict[str, list[VisionState]] | None = None


def source_time(repo: git.Repo, source: Revision) -> dt.datetime:
    """The time a bundle is built at: the source commit's (HEAD's for the working tree)."""
    stamp = source.timestamp or head_time(repo) or 315532800
    return dt.datetime.fromtimestamp(stamp, dt.UTC)


def validate_snapshot(
    files: dict[str, bytes], folder: str | None, as_of: dt.date, copy: Path | None = None
) -> Report:
    """Validate the revision's files as `renkei validate` would, in a copy: the folder (or
    every folder when `folder` is None), and the other folders' platforms.yaml for
    registry-wide id uniqueness (`renkei.checks.revision_files`). The copy is written to COPY
    (kept), else to a temporary folder (removed)."""
    from renkei.checks.revision_files import validate_revision

    if folder and not any(p.startswith(f"{PREFECTURES_DIR.as_posix()}/{folder}/") for p in files):
        raise BundleError(
            f"No folder {folder} at this revision.", f"このリビジョンに {folder} はありません。"
        )
    return validate_revision(files, [folder] if folder else None, as_of, copy)


def prepare(
    root: Path, options: BundleOptions, folder: str | None, copy: Path | None = None
) -> Prepared:
    """Resolve the source revision, read its files and validate them once (the FOLDER, or all
    when None; in COPY when given, see `validate_snapshot`)."""
    repo = open_repo(root)
    source = resolve_source(repo, folder or "", options)
    if options.tag and (source.sha is None or options.draft):
        raise BundleError(
            "--tag records a submission: it needs a committed revision and no --draft.",
            "--tag は提出を記録します。コミット済みのリビジョンを指定し、--draft は使えません。",
        )
    files = read_snapshot(repo, source, BUNDLE_PREFIXES)
    as_of = options.as_of or source_time(repo, source).astimezone(JST).date()
    report = validate_snapshot(files, folder, as_of, copy)
    return Prepared(
        repo,
        source,
        files,
        findings_by_folder(report.findings),
        as_of,
        "option" if options.as_of else "commit",
    )


def prepared_working_tree(
    root: Path, files: dict[str, bytes], by_folder: dict[str, list[Finding]], as_of: dt.date
) -> Prepared:
    """The working tree of ROOT as a caller already read it (FILES: every file under
    BUNDLE_PREFIXES) and validated it as of AS_OF (BY_FOLDER: `renkei validate`'s findings on
    the tree itself, which finds what it finds in a copy of those files, by folder as
    `findings_by_folder` groups them): what `prepare` would give for bundles of the working
    tree with that date, without reading or validating it again."""
    repo = open_repo(root)
    source = Revision(WORKING_TREE, None, head_time(repo))
    return Prepared(repo, source, files, by_folder, as_of, "option")


def findings_by_folder(findings: list[Finding]) -> dict[str, list[Finding]]:
    """FINDINGS grouped by the prefecture folder of their file (registry/prefectures/FOLDER/)."""
    by_folder: dict[str, list[Finding]] = {}
    for finding in findings:
        parts = finding.file.split("/")
        if len(parts) > 2:
            by_folder.setdefault(parts[2], []).append(finding)
    return by_folder


def resolve_source(repo: git.Repo, folder: str, options: BundleOptions) -> Revision:
    """The revision a bundle is built from: --revision, --fiscal-year, else the working tree."""
    if options.revision and options.fiscal_year:
        raise BundleError(
            "Give --revision or --fiscal-year, not both.",
            "--revision と --fiscal-year はどちらか一方を指定してください。",
        )
    if options.revision:
        return resolve(repo, options.revision)
    if options.fiscal_year:
        from renkei.revisions.history import resolve_fiscal_year

        return resolve_fiscal_year(repo, folder, options.fiscal_year)
    return Revision(WORKING_TREE, None, head_time(repo))
