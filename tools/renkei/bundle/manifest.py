"""manifest.json of a bundle: where it came from, how it was built, and every file's SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from renkei import __version__
from renkei.bundle.prepare import Prepared
from renkei.registry.machine_readability import RuleResult
from renkei.revisions.git import Revision

#: 2: the source is named by its commit only, and the date of the checks (as_of) is recorded.
MANIFEST_FORMAT = 2


def bundle_stem(folder: str, version: tuple[int, int]) -> str:
    """The bundle's name without suffix: folder, fiscal year and revision of the vision."""
    return f"{folder}_FY{version[0]}_r{version[1]}"


def manifest(
    folder: str,
    version: tuple[int, int],
    prepared: Prepared,
    previous: Revision | None,
    build_time: dt.datetime,
    draft: bool,
    encoding: str,
    rules: list[RuleResult],
    contents: dict[str, bytes],
) -> dict[str, Any]:
    """The manifest of FOLDER's bundle for vision VERSION (fiscal year, revision) holding
    CONTENTS, built from PREPARED's source and compared with PREVIOUS."""
    source = prepared.source
    return {
        "format_version": MANIFEST_FORMAT,
        "bundle": bundle_stem(folder, version),
        "prefecture": folder,
        "fiscal_year": version[0],
        "revision": version[1],
        "draft": draft,
        "source": {"commit": source.sha, "commit_time": source.timestamp},
        "previous": None
        if previous is None
        else {"label": previous.label, "commit": previous.sha, "commit_time": previous.timestamp},
        "build_time": build_time.isoformat().replace("+00:00", "Z"),
        "as_of": {"date": prepared.as_of.isoformat(), "from": prepared.as_of_from},
        "tool": {"name": "renkei", "version": __version__},
        "schemas": {
            path: hashlib.sha256(data).hexdigest()
            for path, data in sorted(prepared.files.items())
            if path.startswith("schemas/")
        },
        "csv_encoding": encoding,
        "machine_readability": [r.to_dict() for r in rules],
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(contents.items())
        ],
    }
