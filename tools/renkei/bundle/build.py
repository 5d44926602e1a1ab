"""`renkei bundle`: what a prefecture sends the Agency, built from one revision, reproducibly.

The zip holds the data package (datapackage.json and its CSV tables), vision.json, surveys.json
(when the folder has surveys.yaml) and
platforms.json, survey.xlsx, vision.html and vision.md, CHANGES.md (the semantic diff against
the previous submission), validation.json, the JSON Schemas, and manifest.json with every file's
SHA-256. The same revision always gives the same bytes: timestamps are the commit's, entries
are sorted, JSON and CSV are written the same way every time.

The steps live beside this module: `prepare` (the revision read and validated once), `package`
(the CSV tables and datapackage.json) and `manifest`. Every bundle of a revision with the national
summary: `renkei.bundle.all_prefectures.build_all`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import git

from renkei import __version__
from renkei.bundle.manifest import MANIFEST_FORMAT, bundle_stem, manifest
from renkei.bundle.model import CSV_ENCODINGS, BundleError, BundleOptions, BundleResult
from renkei.bundle.package import (
    LICENSE,
    DataPackage,
    DataResource,
    csv_bytes,
    data_package,
    package_sources,
    stable_json,
    table_files,
)
from renkei.bundle.prepare import (
    BUNDLE_PREFIXES,
    JST,
    Prepared,
    prepare,
    source_time,
    validate_snapshot,
)
from renkei.bundle.reprozip import build_zip
from renkei.bundle.survey_tables import survey_tables
from renkei.bundle.tables import Table, platform_tables, registry_tables
from renkei.findings import codes
from renkei.findings.model import Position, Report
from renkei.registry.layout import TABLES
from renkei.registry.machine_readability import RuleResult, check_workbook
from renkei.registry.reference import Reference
from renkei.registry.safe_files import write_atomic
from renkei.registry.snapshot import PrefectureState, parse_snapshot
from renkei.revisions.dates import fiscal_year_of
from renkei.revisions.git import GitError, Revision, create_tag, tags

if TYPE_CHECKING:
    from renkei.revisions.history import VisionState

__all__ = [
    "BUNDLE_PREFIXES",
    "CSV_ENCODINGS",
    "JST",
    "LICENSE",
    "MANIFEST_FORMAT",
    "BundleError",
    "BundleOptions",
    "BundleResult",
    "DataPackage",
    "DataResource",
    "Prepared",
    "build_bundle",
    "csv_bytes",
    "prepare",
    "source_time",
    "stable_json",
    "validate_snapshot",
]


def build_bundle(
    root: Path, folder: str, options: BundleOptions, prepared: Prepared | None = None
) -> BundleResult:
    """Build FOLDER's bundle from the revision OPTIONS name (read and validated here, or taken
    from PREPARED) and write it to OPTIONS.out_dir; with --tag, record it as a submission. A
    BundleError when the request is wrong or the data has errors (and no --draft)."""
    encoding = CSV_ENCODINGS.get(options.csv_encoding)
    if encoding is None:
        raise BundleError(f"Unknown CSV encoding {options.csv_encoding}.", "不明な文字コードです。")
    prepared = prepared or prepare(root, options, folder)
    report = _folder_report(prepared, folder, options.draft)
    build_time = source_time(prepared.repo, prepared.source)
    state = parse_snapshot(prepared.files, {folder}).prefectures[folder]
    version = _vision_revision(state.vision or {}, build_time)
    tables = _tables(state, prepared.files)
    contents, package, rules = _data_files(
        folder, state, tables, encoding, version, build_time, options.draft
    )
    contents.update(_pages(root, state, prepared.source, options.draft))
    workbook = _survey_workbook(root, state, prepared.files, tables, build_time, options.draft)
    contents["survey.xlsx"] = workbook
    rules += check_workbook("survey.xlsx", workbook)
    _require_readable(rules, folder, options.draft)
    previous = _previous_of(prepared, folder, options, version[0])
    contents["CHANGES.md"] = _changes(prepared, previous, folder)
    contents["validation.json"] = _validation_json(report)
    contents.update(_schemas(prepared.files))
    if options.draft:
        contents = _as_draft(contents, package)
    described = manifest(
        folder, version, prepared, previous, build_time, options.draft, encoding, rules, contents
    )
    contents["manifest.json"] = stable_json(described)
    name = f"{bundle_stem(folder, version)}{'_DRAFT' if options.draft else ''}.zip"
    target, digest = _write(build_zip(contents, build_time), options.out_dir / name)
    if options.tag:
        create_tag(
            prepared.repo,
            f"submitted/{folder}/FY{version[0]}-r{version[1]}",
            prepared.source,
            f"renkei bundle {name}\nsha256 {digest}\n",
        )
    return BundleResult(
        target,
        digest,
        prepared.source,
        previous,
        options.draft,
        len(report.errors),
        len(report.warnings),
        sorted(contents),
    )


def _folder_report(prepared: Prepared, folder: str, draft: bool) -> Report:
    """FOLDER's findings at the revision; a BundleError when it has none there, or has errors
    and this is no draft."""
    if not any(p.startswith(f"registry/prefectures/{folder}/") for p in prepared.files):
        raise BundleError(
            f"No folder {folder} at this revision.", f"このリビジョンに {folder} はありません。"
        )
    report = Report(
        findings=prepared.findings_by_folder.get(folder, []), prefectures_checked=[folder]
    )
    if report.errors and not draft:
        raise BundleError(
            f"{len(report.errors)} error(s) in {folder}: fix them (renkei validate) or build "
            "a draft with --draft.",
            f"{folder} にエラーが {len(report.errors)} 件あります。修正する（renkei validate）か、"
            "--draft で下書きとして作成してください。",
            report.errors,
        )
    return report


def _vision_revision(vision: dict[str, Any], build_time: dt.datetime) -> tuple[int, int]:
    """The vision's latest (fiscal year, revision number); none recorded: the build's fiscal
    year, revision 0."""
    revisions: list[tuple[int, int]] = []
    for r in vision.get("revisions") or []:
        if isinstance(r, dict) and isinstance(year := r.get("fiscal_year"), int):
            number = r.get("number")
            revisions.append((year, number if isinstance(number, int) else 0))
    if revisions:
        return max(revisions)
    return fiscal_year_of(build_time.date()), 0


def _tables(state: PrefectureState, files: dict[str, bytes]) -> list[Table]:
    """The bundle's tables: the registry's own (typed by their Table Schemas), then the
    platforms'."""
    schemas = {name: json.loads(files[f"schemas/tables/{name}.json"]) for name in TABLES.values()}
    return registry_tables(state, schemas) + survey_tables(state) + platform_tables(state)


def _data_files(
    folder: str,
    state: PrefectureState,
    tables: list[Table],
    encoding: str,
    version: tuple[int, int],
    build_time: dt.datetime,
    draft: bool,
) -> tuple[dict[str, bytes], DataPackage, list[RuleResult]]:
    """The CSV tables, datapackage.json, vision.json and platforms.json, with the rules tested
    on the CSV files."""
    contents, resources, rules = table_files(tables, encoding)
    platforms = list(state.platforms.values())
    sources = package_sources(platforms)
    package = data_package(folder, state.name, version, build_time, sources, resources, draft)
    contents["datapackage.json"] = stable_json(package)
    contents["vision.json"] = stable_json(state.vision or {})
    contents["platforms.json"] = stable_json({"platforms": platforms})
    if state.surveys is not None:
        contents["surveys.json"] = stable_json(state.surveys)
    return contents, package, rules


def _pages(root: Path, state: PrefectureState, source: Revision, draft: bool) -> dict[str, bytes]:
    """vision.html and vision.md: the vision as people read it, labelled from the registry's
    label vocabularies."""
    from renkei.bundle.vision_page import page_labels, vision_html, vision_markdown

    labels = page_labels(Reference(root))
    vision, platforms = state.vision or {}, list(state.platforms.values())
    return {
        "vision.html": vision_html(
            vision, state.name, platforms, __version__, source.short, labels, draft
        ).encode(),
        "vision.md": vision_markdown(
            vision, state.name, platforms, __version__, source.short, labels, draft
        ).encode(),
    }


def _survey_workbook(
    root: Path,
    state: PrefectureState,
    files: dict[str, bytes],
    tables: list[Table],
    build_time: dt.datetime,
    draft: bool,
) -> bytes:
    """survey.xlsx: the survey workbook, as `renkei export-xlsx` writes it."""
    from renkei.bundle.survey_xlsx import book_bytes, survey_book

    return book_bytes(survey_book(root, state, files, tables, build_time, draft))


def _require_readable(rules: list[RuleResult], folder: str, draft: bool) -> None:
    """A BundleError (B008 for each) when a machine-readability rule fails, unless a draft."""
    failed = [r for r in rules if not r.passed]
    if failed and not draft:
        # validate shares the writers' character sets, so valid data never gets here.
        raise BundleError(
            f"{len(failed)} machine-readability rule(s) fail in the bundle of {folder}.",
            f"{folder} のバンドルは機械判読ルールを {len(failed)} 件満たしません。",
            [codes.B008.make(r.file, Position(1, 1), rule=r.rule, detail=r.detail) for r in failed],
        )


def _previous_of(
    prepared: Prepared, folder: str, options: BundleOptions, fiscal_year: int
) -> Revision | None:
    """The revision CHANGES.md compares with: the one OPTIONS give, else `_previous`."""
    if options.previous_given:
        return options.previous
    states = prepared.vision_states
    known = None if states is None else states.get(folder, [])
    return _previous(prepared.repo, folder, prepared.source, fiscal_year, known)


def _previous(
    repo: git.Repo,
    folder: str,
    source: Revision,
    fiscal_year: int,
    states: list[VisionState] | None = None,
) -> Revision | None:
    """The latest submission before this one (a submitted/ tag), else the previous fiscal
    year's revision (STATES: the folder's vision states, when already found), else none."""
    head = source.sha or "HEAD"
    for tag in tags(repo, f"submitted/{folder}/"):
        # Only earlier submissions: a later tag must not change a rebuilt bundle.
        # GitPython types is_ancestor's arguments as Commit; it passes any revision to git.
        if tag.sha != source.sha and tag.sha and repo.is_ancestor(tag.sha, head):  # type: ignore[arg-type]
            return tag
    from renkei.revisions.history import resolve_fiscal_year

    try:
        previous = resolve_fiscal_year(repo, folder, f"FY{fiscal_year - 1}", states)
    except GitError:
        return None
    return previous if previous.sha != source.sha else None


def _changes(prepared: Prepared, previous: Revision | None, folder: str) -> bytes:
    """CHANGES.md: the semantic diff from PREVIOUS to the source, or a note that there is none."""
    if previous is None:
        return "# 変更\n\n前回の提出も前年度の改定もありません（初回）。\n".encode()
    from renkei.revisions.compare import folder_diff
    from renkei.revisions.diff_render import RENDERERS as DIFF_RENDERERS

    source = prepared.source
    # The bundle names the source by its commit, not by the ref it was asked for (HEAD, a
    # branch, a fiscal year): the same commit gives the same bytes however it was named.
    named = Revision(source.short, source.sha, source.timestamp)
    # The source's files are the ones read for the bundle: only the previous side is read.
    changes = folder_diff(prepared.repo, previous, named, folder, prepared.files)
    return DIFF_RENDERERS["markdown"].render(changes, "ja").encode()


def _validation_json(report: Report) -> bytes:
    """validation.json: the folder's findings as `renkei validate --format json` gives them."""
    from renkei.report.reporters import REPORTERS

    return REPORTERS["json"].render(report, "ja").encode()


def _schemas(files: dict[str, bytes]) -> dict[str, bytes]:
    """The revision's JSON Schemas, under their paths."""
    return {
        path: data
        for path, data in files.items()
        if path.startswith("schemas/") and path.endswith(".schema.json")
    }


def _as_draft(contents: dict[str, bytes], package: DataPackage) -> dict[str, bytes]:
    """Every file named DRAFT-…, datapackage.json rewritten to point at the renamed tables."""
    drafted = {f"DRAFT-{name}": data for name, data in contents.items()}
    resources: list[DataResource] = [
        {**r, "path": f"DRAFT-{r['path']}"} for r in package["resources"]
    ]
    drafted["DRAFT-datapackage.json"] = stable_json({**package, "resources": resources})
    return drafted


def _write(archive: bytes, target: Path) -> tuple[Path, str]:
    """Write the zip atomically; its path and SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, archive)
    return target, hashlib.sha256(archive).hexdigest()
