"""Validate a revision's files (a path → bytes mapping read from Git or a working tree) as
`renkei validate` would validate a checkout of them: written into a folder, validated there.
Used by the bundle (the revision it is built from) and by the review of a change (the findings
a change introduces and resolves)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

from renkei.findings.model import Report
from renkei.registry.layout import PREFECTURES_DIR

_PREFECTURES = f"{PREFECTURES_DIR.as_posix()}/"


def write_revision(
    files: Mapping[str, bytes], target: Path, folders: Collection[str] | None = None
) -> None:
    """Write a revision's files under TARGET: all of them, or with FOLDERS only those folders
    and the other folders' platforms.yaml (all that registry-wide id uniqueness reads)."""
    own = tuple(f"{_PREFECTURES}{folder}/" for folder in folders) if folders is not None else None
    for path, data in files.items():
        if (
            own is not None
            and path.startswith(_PREFECTURES)
            and not (path.startswith(own) or path.endswith("/platforms.yaml"))
        ):
            continue
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    (target / PREFECTURES_DIR).mkdir(parents=True, exist_ok=True)


def validate_revision(
    files: Mapping[str, bytes],
    folders: Collection[str] | None,
    as_of: dt.date,
    copy: Path | None = None,
) -> Report:
    """The report of `renkei validate` on the revision's FOLDERS (every folder when None) as of
    AS_OF, without the cache. The files are written to COPY (kept), else to a temporary folder
    (removed). With FOLDERS, only their findings: the other folders hold only platforms.yaml
    there. A folder the revision does not hold is left out."""
    if copy is not None:
        return _validate_copy(files, folders, as_of, copy)
    with tempfile.TemporaryDirectory(prefix="renkei-revision-") as temp:
        return _validate_copy(files, folders, as_of, Path(temp))


def _validate_copy(
    files: Mapping[str, bytes], folders: Collection[str] | None, as_of: dt.date, root: Path
) -> Report:
    from renkei.checks.validate import ValidateOptions, validate

    write_revision(files, root, folders)
    paths = None if folders is None else [
        root / PREFECTURES_DIR / f for f in sorted(folders) if (root / PREFECTURES_DIR / f).is_dir()
    ]  # fmt: skip
    if paths == []:
        return Report()
    jobs = 1 if paths is not None and len(paths) == 1 else 2
    options = ValidateOptions(paths=paths or [], use_cache=False, jobs=jobs, as_of=as_of)
    report = validate(root, options)
    if folders is not None:
        own = tuple(f"{_PREFECTURES}{folder}/" for folder in folders)
        report.findings = [f for f in report.findings if f.file.startswith(own)]
    return report
