"""`renkei bundle`: what a prefecture sends the Agency, built from one revision, reproducibly.

The zip holds the data package (datapackage.json and its CSV tables), vision.json and
platforms.json, survey.xlsx, vision.html and vision.md, CHANGES.md (the semantic diff against
the previous submission), validation.json, the JSON Schemas, and manifest.json with every file's
SHA-256. The same revision always gives the same bytes: timestamps are the commit's, entries
are sorted, JSON and CSV are written the same way every time.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NotRequired, TypedDict

import git

from renkei import __version__
from renkei.bundle.reprozip import build_zip
from renkei.bundle.tables import Table, platform_tables, registry_tables
from renkei.escape import spreadsheet
from renkei.findings import codes
from renkei.findings.errors import BilingualError
from renkei.findings.model import Finding, Position, Report
from renkei.registry.layout import PREFECTURES_DIR, TABLES
from renkei.registry.machine_readability import RuleResult, check_csv, check_workbook, writable
from renkei.registry.safe_files import UnsafeFile, write_atomic
from renkei.registry.snapshot import parse_snapshot
from renkei.revisions.dates import fiscal_year_of
from renkei.revisions.git import (
    WORKING_TREE,
    GitError,
    Revision,
    create_tag,
    head_time,
    open_repo,
    read_snapshot,
    resolve,
    tags,
)

BUNDLE_PREFIXES = ("registry/prefectures", "registry/reference", "schemas")
#: 2: the source is named by its commit only, and the date of the checks (as_of) is recorded.
MANIFEST_FORMAT = 2
CSV_ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8", "cp932": "cp932"}
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


class DataResource(TypedDict):
    """One CSV table of datapackage.json (a Tabular Data Resource)."""

    name: str
    path: str
    title: str
    profile: str
    format: str
    mediatype: str
    encoding: str
    schema: dict[str, Any]


class DataPackage(TypedDict):
    """datapackage.json of a bundle (a Tabular Data Package)."""

    name: str
    title: str
    version: str
    profile: str
    created: str
    licenses: list[dict[str, str]]
    sources: list[dict[str, object]]  # a title is as the registry wrote it
    resources: list[DataResource]
    renkei_draft: NotRequired[bool]


#: Fiscal years are Japan's: the date a commit time stands for is taken in JST.
JST = dt.timezone(dt.timedelta(hours=9), "JST")


class BundleError(BilingualError):
    """A bundle that cannot be built. With `problems` (the findings behind it: data errors) the
    command exits 1; without, the request itself was wrong (exit 2)."""

    def __init__(
        self, message_en: str, message_ja: str, problems: list[Finding] | None = None
    ) -> None:
        super().__init__(message_en, message_ja)
        self.problems = list(problems or [])

    @property
    def findings(self) -> int:
        return len(self.problems)


@dataclass
class BundleOptions:
    revision: str | None = None
    fiscal_year: str | None = None
    out_dir: Path = Path("dist")
    draft: bool = False
    tag: bool = False
    csv_encoding: str = "utf-8-sig"
    #: The date that sets the fiscal year of the checks (A005); default: the source's commit
    #: date (JST), so a bundle does not depend on the day it is built.
    as_of: dt.date | None = None
    #: With `previous_given`, the revision CHANGES.md compares with (None: none); verify-bundle
    #: passes the one a manifest names. Otherwise the last submission before the source.
    previous: Revision | None = None
    previous_given: bool = False


@dataclass
class BundleResult:
    path: Path
    sha256: str
    source: Revision
    previous: Revision | None
    draft: bool
    errors: int
    warnings: int
    files: list[str] = field(default_factory=list)


def stable_json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def csv_bytes(table: Table, encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.header)
    writer.writerows(spreadsheet.csv_row([writable(value) for value in row]) for row in table.rows)
    text = out.getvalue()
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        character = text[error.start : error.end]
        problem = codes.B009.make(
            f"{table.name}.csv",
            Position(text.count("\n", 0, error.start) + 1, 1),
            character=character,
            codepoint=f"U+{ord(character[0]):04X}",
            encoding=encoding,
        )
        raise BundleError(
            f"Table {table.name} holds '{character}', which {encoding} cannot encode.",
            f"表 {table.name} の「{character}」は {encoding} で書けません。",
            [problem],
        ) from error


def _validate_snapshot(files: dict[str, bytes], folder: str | None, as_of: dt.date) -> Report:
    """Validate the revision's files as `renkei validate` would, in a temporary copy: the
    folder (or every folder when `folder` is None), and the other folders' platforms.yaml for
    registry-wide id uniqueness."""
    from renkei.checks.validate import ValidateOptions, validate

    with tempfile.TemporaryDirectory(prefix="renkei-bundle-") as temp:
        root = Path(temp)
        own = f"{PREFECTURES_DIR.as_posix()}/{folder}/" if folder else None
        for path, data in files.items():
            if (
                own
                and path.startswith("registry/prefectures/")
                and not (path.startswith(own) or path.endswith("/platforms.yaml"))
            ):
                continue
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (root / PREFECTURES_DIR).mkdir(parents=True, exist_ok=True)
        if folder and not (root / PREFECTURES_DIR / folder).is_dir():
            raise BundleError(
                f"No folder {folder} at this revision.", f"このリビジョンに {folder} はありません。"
            )
        paths = [root / PREFECTURES_DIR / folder] if folder else []
        options = ValidateOptions(
            paths=paths, use_cache=False, jobs=1 if folder else 2, as_of=as_of
        )
        report = validate(root, options)
        if folder is None:
            return report
        # Folders outside the selection hold only platforms.yaml here: their P012 are noise.
        report.findings = [f for f in report.findings if f.file.startswith(own or "")]
        return report


@dataclass
class Prepared:
    """A revision read and validated once, for one bundle or for all of them."""

    repo: git.Repo
    source: Revision
    files: dict[str, bytes]
    findings_by_folder: dict[str, list[Finding]]
    as_of: dt.date
    as_of_from: str  # "commit" or "option"


def source_time(repo: git.Repo, source: Revision) -> dt.datetime:
    """The time a bundle is built at: the source commit's (HEAD's for the working tree)."""
    stamp = source.timestamp or head_time(repo) or 315532800
    return dt.datetime.fromtimestamp(stamp, dt.UTC)


def prepare(root: Path, options: BundleOptions, folder: str | None) -> Prepared:
    repo = open_repo(root)
    source = _resolve_source(repo, folder or "", options)
    if options.tag and (source.sha is None or options.draft):
        raise BundleError(
            "--tag records a submission: it needs a committed revision and no --draft.",
            "--tag は提出を記録します。コミット済みのリビジョンを指定し、--draft は使えません。",
        )
    files = read_snapshot(repo, source, BUNDLE_PREFIXES)
    as_of = options.as_of or source_time(repo, source).astimezone(JST).date()
    report = _validate_snapshot(files, folder, as_of)
    by_folder: dict[str, list[Any]] = {}
    for finding in report.findings:
        parts = finding.file.split("/")
        if len(parts) > 2:
            by_folder.setdefault(parts[2], []).append(finding)
    return Prepared(repo, source, files, by_folder, as_of, "option" if options.as_of else "commit")


def _resolve_source(repo: git.Repo, folder: str, options: BundleOptions) -> Revision:
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


def _previous(repo: git.Repo, folder: str, source: Revision, fiscal_year: int) -> Revision | None:
    """The latest submission before this one (a submitted/ tag), else the previous fiscal
    year's revision, else none."""
    head = source.sha or "HEAD"
    for tag in tags(repo, f"submitted/{folder}/"):
        # Only earlier submissions: a later tag must not change a rebuilt bundle.
        # GitPython types is_ancestor's arguments as Commit; it passes any revision to git.
        if tag.sha != source.sha and tag.sha and repo.is_ancestor(tag.sha, head):  # type: ignore[arg-type]
            return tag
    from renkei.revisions.history import resolve_fiscal_year

    try:
        previous = resolve_fiscal_year(repo, folder, f"FY{fiscal_year - 1}")
    except GitError:
        return None
    return previous if previous.sha != source.sha else None


def _vision_revision(vision: dict[str, Any], build_time: dt.datetime) -> tuple[int, int]:
    revisions: list[tuple[int, int]] = []
    for r in vision.get("revisions") or []:
        if isinstance(r, dict) and isinstance(year := r.get("fiscal_year"), int):
            number = r.get("number")
            revisions.append((year, number if isinstance(number, int) else 0))
    if revisions:
        return max(revisions)
    return fiscal_year_of(build_time.date()), 0


def build_bundle(
    root: Path, folder: str, options: BundleOptions, prepared: Prepared | None = None
) -> BundleResult:
    from renkei.bundle.survey_xlsx import workbook_bytes
    from renkei.bundle.vision_page import vision_html, vision_markdown
    from renkei.report.reporters import REPORTERS
    from renkei.revisions.compare import diff_revisions
    from renkei.revisions.diff_render import RENDERERS as DIFF_RENDERERS

    encoding = CSV_ENCODINGS.get(options.csv_encoding)
    if encoding is None:
        raise BundleError(f"Unknown CSV encoding {options.csv_encoding}.", "不明な文字コードです。")
    prepared = prepared or prepare(root, options, folder)
    repo, source, files = prepared.repo, prepared.source, prepared.files
    if not any(p.startswith(f"registry/prefectures/{folder}/") for p in files):
        raise BundleError(
            f"No folder {folder} at this revision.", f"このリビジョンに {folder} はありません。"
        )
    report = Report(
        findings=prepared.findings_by_folder.get(folder, []), prefectures_checked=[folder]
    )
    draft = options.draft
    if report.errors and not draft:
        raise BundleError(
            f"{len(report.errors)} error(s) in {folder}: fix them (renkei validate) or build "
            "a draft with --draft.",
            f"{folder} にエラーが {len(report.errors)} 件あります。修正する（renkei validate）か、"
            "--draft で下書きとして作成してください。",
            report.errors,
        )
    build_time = source_time(repo, source)
    state = parse_snapshot(files, {folder}).prefectures[folder]
    vision = state.vision or {}
    fiscal_year, number = _vision_revision(vision, build_time)
    table_schemas = {
        name: json.loads(files[f"schemas/tables/{name}.json"]) for name in TABLES.values()
    }
    tables = registry_tables(state, table_schemas) + platform_tables(state)
    contents: dict[str, bytes] = {}
    rules: list[RuleResult] = []
    resources: list[DataResource] = []
    for table in tables:
        path = f"{table.name}.csv"
        data = csv_bytes(table, encoding)
        contents[path] = data
        rules += check_csv(path, data, encoding, table.fields)
        resources.append(
            {
                "name": table.name,
                "path": path,
                "title": table.title,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": encoding,
                "schema": table.schema(),
            }
        )
    platforms = list(state.platforms.values())
    sources = {
        (s.get("title"), s.get("url") or s.get("section"))
        for p in platforms
        for s in p.get("sources") or []
        if isinstance(s, dict)
    }
    package_sources: list[dict[str, object]] = [
        {"title": title, "path": where}
        if isinstance(where, str) and where.startswith("http")
        else {"title": f"{title} {where or ''}".strip()}
        for title, where in sorted(sources, key=lambda s: (str(s[0]), str(s[1])))
    ]
    package_sources.append(
        {
            "title": "総務省「全国地方公共団体コード」",
            "path": "https://www.soumu.go.jp/denshijiti/code.html",
        }
    )
    package: DataPackage = {
        "name": f"renkei-{folder}",
        "title": f"{state.name} データ連携基盤と共同利用ビジョン（FY{fiscal_year} 第{number}版）",
        "version": f"FY{fiscal_year}-r{number}",
        "profile": "tabular-data-package",
        "created": build_time.isoformat().replace("+00:00", "Z"),
        "licenses": [LICENSE],
        "sources": package_sources,
        "resources": resources,
    }
    if draft:
        package["renkei_draft"] = True
    contents["datapackage.json"] = stable_json(package)
    contents["vision.json"] = stable_json(vision)
    contents["platforms.json"] = stable_json({"platforms": platforms})
    commit_label = source.short
    contents["vision.html"] = vision_html(
        vision, state.name, platforms, __version__, commit_label, draft
    ).encode()
    contents["vision.md"] = vision_markdown(
        vision, state.name, platforms, __version__, commit_label, draft
    ).encode()
    workbook = workbook_bytes(tables, build_time, draft)
    contents["survey.xlsx"] = workbook
    rules += check_workbook("survey.xlsx", workbook)
    failed = [r for r in rules if not r.passed]
    if failed and not draft:
        # validate shares the writers' character sets, so valid data never gets here.
        raise BundleError(
            f"{len(failed)} machine-readability rule(s) fail in the bundle of {folder}.",
            f"{folder} のバンドルは機械判読ルールを {len(failed)} 件満たしません。",
            [codes.B008.make(r.file, Position(1, 1), rule=r.rule, detail=r.detail) for r in failed],
        )
    if options.previous_given:
        previous = options.previous
    else:
        previous = _previous(repo, folder, source, fiscal_year)
    # The bundle names the source by its commit, not by the ref it was asked for (HEAD, a
    # branch, a fiscal year): the same commit gives the same bytes however it was named.
    named = Revision(source.short, source.sha, source.timestamp)
    if previous is not None:
        changes = diff_revisions(repo, previous, named, folder)
        contents["CHANGES.md"] = DIFF_RENDERERS["markdown"].render(changes, "ja").encode()
    else:
        contents["CHANGES.md"] = (
            "# 変更\n\n前回の提出も前年度の改定もありません（初回）。\n".encode()
        )
    contents["validation.json"] = REPORTERS["json"].render(report, "ja").encode()
    for path, data in files.items():
        if path.startswith("schemas/") and path.endswith(".schema.json"):
            contents[path] = data
    if draft:
        contents = {f"DRAFT-{name}": data for name, data in contents.items()}
        package_name = "DRAFT-datapackage.json"
        package["resources"] = [{**r, "path": f"DRAFT-{r['path']}"} for r in resources]
        contents[package_name] = stable_json(package)
    manifest = {
        "format_version": MANIFEST_FORMAT,
        "bundle": f"{folder}_FY{fiscal_year}_r{number}",
        "prefecture": folder,
        "fiscal_year": fiscal_year,
        "revision": number,
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
            for path, data in sorted(files.items())
            if path.startswith("schemas/")
        },
        "csv_encoding": encoding,
        "machine_readability": [r.to_dict() for r in rules],
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(contents.items())
        ],
    }
    contents["manifest.json"] = stable_json(manifest)
    name = f"{folder}_FY{fiscal_year}_r{number}{'_DRAFT' if draft else ''}.zip"
    archive = build_zip(contents, build_time)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    target = options.out_dir / name
    write_atomic(target, archive)
    digest = hashlib.sha256(archive).hexdigest()
    if options.tag:
        create_tag(
            repo,
            f"submitted/{folder}/FY{fiscal_year}-r{number}",
            source,
            f"renkei bundle {name}\nsha256 {digest}\n",
        )
    return BundleResult(
        target,
        digest,
        source,
        previous,
        draft,
        len(report.errors),
        len(report.warnings),
        sorted(contents),
    )


_worker_state: tuple[Path, BundleOptions, Prepared] | None = None


def _bundle_in_worker(folder: str) -> BundleResult | tuple[str, str, list[Finding]]:
    # Errors travel back as plain tuples: an exception that cannot be pickled hangs a pool.
    assert _worker_state is not None
    root, options, prepared = _worker_state
    try:
        return build_bundle(root, folder, options, prepared)
    except BundleError as error:
        return (error.message_en, error.message_ja, error.problems)
    except UnsafeFile as error:  # e.g. a link where the bundle would be written
        return (error.message_en, error.message_ja, [error.finding()])
    except Exception as error:
        return (f"{folder}: {type(error).__name__}: {error}", f"{folder}: {error}", [])


def build_all(
    root: Path, options: BundleOptions, jobs: int = 2
) -> list[BundleResult | BundleError]:
    """Every prefecture's bundle from one read and one validation of the revision, on several
    cores, plus the national summary."""
    global _worker_state
    import multiprocessing as mp

    from renkei.registry.layout import prefecture_folders
    from renkei.summary.build import national_summary
    from renkei.summary.render import RENDERERS

    tag = options.tag
    options = BundleOptions(**{**options.__dict__, "tag": False})
    prepared = prepare(root, BundleOptions(**{**options.__dict__, "tag": tag}), None)
    folders = [f.name for f in prefecture_folders(root)]
    _worker_state = (root, options, prepared)
    try:
        if jobs > 1 and "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(jobs) as pool:
                raw = pool.map(_bundle_in_worker, folders, chunksize=2)
        else:
            raw = [_bundle_in_worker(folder) for folder in folders]
    finally:
        _worker_state = None
    results: list[BundleResult | BundleError] = [
        BundleError(r[0], r[1], r[2]) if isinstance(r, tuple) else r for r in raw
    ]
    if tag:
        for result in results:
            if isinstance(result, BundleResult):
                fy_r = result.path.stem.split("_", 1)[1].replace("_", "-")
                create_tag(
                    prepared.repo,
                    f"submitted/{result.path.stem.split('_', 1)[0]}/{fy_r}",
                    result.source,
                    f"renkei bundle {result.path.name}\nsha256 {result.sha256}\n",
                )
    with tempfile.TemporaryDirectory(prefix="renkei-summary-") as temp:
        for path, data in prepared.files.items():  # the summary of the same revision
            target = Path(temp) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        summary = national_summary(Path(temp))
    options.out_dir.mkdir(parents=True, exist_ok=True)
    for fmt, suffix in (("json", "json"), ("csv", "csv"), ("svg", "svg"), ("markdown", "md")):
        write_atomic(
            options.out_dir / f"national-summary.{suffix}",
            RENDERERS[fmt].render(summary, "ja", "national-summary.svg"),
        )
    return results
