"""The registry as the site shows it: the working tree parsed once, its labels, one validation
(the principle findings), the national summary, and the hashes of each prefecture's inputs
(what decides which pages a rebuild renders again)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renkei import __version__
from renkei.checks.validate import PRINCIPLE_FAMILY, ValidateOptions, validate
from renkei.findings.model import Finding
from renkei.registry.display_labels import DisplayLabels
from renkei.registry.layout import FOLDER_PATTERN
from renkei.registry.reference import Reference
from renkei.registry.snapshot import PrefectureState, RegistryState
from renkei.revisions.git import blob_sha, working_snapshot
from renkei.site.kept_states import KeptFiles, kept_summaries, parsed_folders
from renkei.site.links import SAFE_ID
from renkei.site.output import input_hash
from renkei.summary.build import NationalSummary, national_summary

#: What the site reads from the working tree.
SITE_PREFIXES = ("registry/prefectures", "registry/reference", "schemas")
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class RegistryData:
    """The working tree of a registry, parsed and checked once for every page."""

    root: Path
    files: dict[str, bytes]
    state: RegistryState
    labels: DisplayLabels
    summary: NationalSummary
    findings: dict[str, list[Finding]]
    #: The hash of what every page reads (schemas, reference data, renkei's code and templates).
    shared_hash: str
    #: Each folder's inputs' hash (its files and findings, with `shared_hash`).
    folder_hashes: dict[str, str] = field(default_factory=dict)
    #: Files above their size limit (path → size), which were not read.
    too_large: dict[str, int] = field(default_factory=dict)
    _platforms: dict[str, tuple[str, dict[str, Any]]] | None = field(default=None, repr=False)

    @property
    def folders(self) -> list[str]:
        """The prefecture folders the site has pages for, in code order."""
        return sorted(f for f in self.state.prefectures if FOLDER_PATTERN.match(f))

    def prefecture(self, folder: str) -> PrefectureState:
        """One folder's parsed state."""
        return self.state.prefectures.get(folder, PrefectureState(folder))

    def platforms(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Every platform whose id can be a page (folder, platform) by id."""
        if self._platforms is not None:
            return self._platforms
        found: dict[str, tuple[str, dict[str, Any]]] = {}
        for folder in self.folders:
            for key, platform in self.prefecture(folder).platforms.items():
                if SAFE_ID.match(key) and key not in found:
                    found[key] = (folder, platform)
        self._platforms = found
        return found


def _code_hash() -> str:
    """The hash of what renders the pages: renkei's code, the templates and static files (a
    changed renderer renders every page again, even within one version)."""
    package = TEMPLATES.parents[1]
    parts = [
        f"{p.relative_to(package).as_posix()}:{blob_sha(p.read_bytes())}"
        for p in sorted(package.rglob("*"))
        if p.is_file() and p.suffix in (".py", ".html", ".css", ".js")
    ]
    return input_hash(*parts)


def load_registry(
    root: Path, as_of: dt.date, settings: object, kept: KeptFiles | None = None
) -> RegistryData:
    """The registry at ROOT as of AS_OF (the fiscal year of the checks); SETTINGS (the
    options that change every page: the repository's address, the branch) enter the hashes.
    KEPT: where the previous build kept each folder as parsed (`renkei.site.kept_states`)."""
    found = working_snapshot(root, SITE_PREFIXES)
    files = found.files
    shas = {p: blob_sha(d) for p, d in files.items()}  # each file hashed once
    code = _code_hash()
    # Checked first: the files the checks load (with positions) are then parsed from there.
    report = validate(root, ValidateOptions(as_of=as_of, notify=lambda _notice: None))
    state = parsed_folders(files, shas, kept, code)
    labels = DisplayLabels.from_root(root)
    labels.name_platforms([state])
    findings: dict[str, list[Finding]] = {}
    for finding in report.findings:
        parts = finding.file.split("/")
        if len(parts) > 2 and parts[0] == "registry" and parts[1] == "prefectures":
            findings.setdefault(parts[2], []).append(finding)
    principles = {
        folder: sorted(f.code for f in items if f.code.startswith(PRINCIPLE_FAMILY))
        for folder, items in findings.items()
    }
    summary = national_summary(
        root, as_of, principles, kept_summaries(shas, found.too_large, kept, code)
    )
    shared = input_hash(
        __version__,
        code,
        settings,
        as_of.isoformat(),
        sorted((p, s) for p, s in shas.items() if not p.startswith("registry/pref")),
        sorted(found.too_large.items()),
    )
    data = RegistryData(
        root, files, state, labels, summary, findings, shared, too_large=dict(found.too_large)
    )
    for folder in data.folders:
        prefix = f"registry/prefectures/{folder}/"
        data.folder_hashes[folder] = input_hash(
            shared,
            sorted((p, s) for p, s in shas.items() if p.startswith(prefix)),
            [(f.code, f.file, f.line, f.message_en) for f in findings.get(folder, [])],
        )
    return data


def reference_of(data: RegistryData) -> Reference | None:
    """The reference tables the labels read (None when they cannot be read)."""
    return data.labels.reference
