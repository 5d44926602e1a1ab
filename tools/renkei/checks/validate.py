"""`renkei validate` as a library call: layers, registry-wide checks and the result cache."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from renkei.checks.outside_ids import (
    UnknownDefinitions,
    defined_ids_only,
    selection_ids,
    unknown_definitions,
)
from renkei.checks.patterns import printable, without_stray_characters
from renkei.findings import codes
from renkei.findings.model import Finding, Position, Report, Severity
from renkei.registry.cache import CacheNotice, ResultCache, fingerprint
from renkei.registry.cache_keys import context_text
from renkei.registry.collection import collection_deferred
from renkei.registry.folder_files import read_folder_files
from renkei.registry.layout import (
    PREFECTURES_DIR,
    PrefectureFolder,
    folder_of,
    linked_folders,
    prefecture_folders,
    within,
)
from renkei.registry.loaders.text import DEFAULT_LIMITS, Limits
from renkei.registry.results import IdUse, PrefectureResult
from renkei.registry.safe_files import check_parents
from renkei.revisions.dates import fiscal_year_of

if TYPE_CHECKING:
    from renkei.checks.prefecture import PrefectureChecker

#: A folder to check: its files by name, the findings about the files themselves, its cache key.
Pending = tuple[PrefectureFolder, dict[str, bytes], list[Finding], str]


def default_jobs() -> int:
    """Worker processes for a cold run: the CPU cores, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass
class ValidateOptions:
    """What `validate` checks and how: the PATHs (none: everything), the cache, the limits,
    the worker processes, the date whose fiscal year the checks see, and --strict."""

    paths: list[Path] = field(default_factory=list)
    use_cache: bool = True
    limits: Limits = DEFAULT_LIMITS
    jobs: int = field(default_factory=default_jobs)
    as_of: dt.date = field(default_factory=dt.date.today)
    strict: bool = False
    #: Told when a cache file is discarded (default: a notice in both languages on stderr).
    notify: Callable[[CacheNotice], None] | None = None


#: Tables that describe a platform itself: they live in the folder of the platform's prefecture.
PLATFORM_DATA_TABLES = frozenset({"services.csv", "data-assets.csv", "kpis.csv"})
#: Findings of this family are warnings, and errors under --strict.
PRINCIPLE_FAMILY = "A"
#: Below this many folders to check, worker processes cost more than they save.
PARALLEL_THRESHOLD = 8
_worker_checker: PrefectureChecker | None = None


class WorkerFailed(RuntimeError):
    """A worker process could not check a folder (the message names the failure)."""


def _check_in_worker(job: tuple[PrefectureFolder, dict[str, bytes]]) -> PrefectureResult | str:
    # Return failures as text: an exception that cannot be pickled would hang the pool.
    try:
        assert _worker_checker is not None  # set before the pool forks
        return _worker_checker.check(*job)
    except Exception as error:
        return f"{job[0].name}: {type(error).__name__}: {error}"


def run_checks(
    checker: PrefectureChecker, jobs: list[tuple[PrefectureFolder, dict[str, bytes]]], workers: int
) -> list[PrefectureResult]:
    """Check folders, on several cores when there are enough of them and fork is available.

    Workers are forked after the schemas are compiled, so each inherits the checker."""
    import multiprocessing as mp  # here: a warm run, served from the cache, never forks

    global _worker_checker
    if workers < 2 or len(jobs) < PARALLEL_THRESHOLD or "fork" not in mp.get_all_start_methods():
        return [checker.check(folder, contents) for folder, contents in jobs]
    _worker_checker = checker
    try:
        with mp.get_context("fork").Pool(min(workers, len(jobs))) as pool:
            results = pool.map(_check_in_worker, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
    finally:
        _worker_checker = None
    failures = [r for r in results if isinstance(r, str)]
    if failures:
        raise WorkerFailed(failures[0])
    return [r for r in results if not isinstance(r, str)]


class PathOutsideRegistry(ValueError):
    """A PATH argument that is not inside the registry root."""


def select_folders(root: Path, paths: Iterable[Path]) -> list[PrefectureFolder]:
    """The prefecture folders that PATHs belong to; every folder when a PATH lies outside them
    (a schema or reference file changes what every folder means)."""
    everything = prefecture_folders(root)
    chosen: dict[str, PrefectureFolder] = {}
    for path in paths:
        if within(root, path) is None:
            raise PathOutsideRegistry(str(path))
        folder = folder_of(root, path)
        if folder is None:
            return everything
        chosen[folder.name] = folder
    return [f for f in everything if f.name in chosen]


def validate(root: Path, options: ValidateOptions | None = None) -> Report:
    """Check the registry at `root` (every layer, the registry-wide checks, the cache) and
    return every finding. A link or special file on the way to the prefecture folders raises
    an `UnsafeFile` (nothing outside the registry is read); a broken schema a `SchemaError`, a
    broken reference file a `ReferenceDataError`, a PATH outside the registry a
    `PathOutsideRegistry`."""
    options = options or ValidateOptions()
    with collection_deferred():
        return _validate(root, options)


def _validate(root: Path, options: ValidateOptions) -> Report:
    check_parents(root, root / PREFECTURES_DIR / "x")
    folders = prefecture_folders(root)
    selected = select_folders(root, options.paths) if options.paths else folders
    cache = ResultCache(root, enabled=options.use_cache, notify=options.notify)
    base_key = cache.base_key(options.limits, result_context(options))
    report = Report()
    results = _folder_results(root, selected, cache, base_key, options, report)
    for result in results.values():
        report.files_checked += result.files
    # Registry-wide uniqueness needs the ids of the folders outside the selection too (of
    # those that may share an id with it: see renkei.checks.outside_ids).
    selection = selection_ids(results.values()) if len(results) < len(folders) else None
    defined: list[IdUse] = []
    # A platforms.yaml that does not load defines ids unknown, not none.
    unknown: list[UnknownDefinitions] = []
    for folder in folders:
        if folder.name in results:
            defined.extend(results[folder.name].defined)
            broken = unknown_definitions(folder, results[folder.name].findings, options.limits)
        else:
            ids, broken = defined_ids_only(folder, cache, base_key, options.limits, selection)
            defined.extend(ids)
        if broken is not None:
            unknown.append(broken)
    for result in results.values():
        report.findings.extend(result.findings)
    report.findings.extend(_duplicate_ids(defined, {f.name for f in selected}, root))
    report.findings.extend(_linked_folder_findings(root))
    if not options.paths:
        report.findings.extend(_missing_prefectures(root, folders))
    report.findings.extend(_reference_findings(results, defined, unknown))
    if options.strict:
        report.findings = [
            replace(f, severity=Severity.ERROR) if f.code.startswith(PRINCIPLE_FAMILY) else f
            for f in report.findings
        ]
    report.prefectures_checked = sorted(results)
    cache.save()
    return report


def _folder_results(
    root: Path,
    selected: list[PrefectureFolder],
    cache: ResultCache,
    base_key: str,
    options: ValidateOptions,
    report: Report,
) -> dict[str, PrefectureResult]:
    """Each selected folder's result: from the cache when its key matches, else checked (on
    several cores when there are enough) and put in the cache."""
    results: dict[str, PrefectureResult] = {}
    pending: list[Pending] = []
    for folder in selected:
        contents, file_findings = read_folder_files(folder, options.limits)
        key = fingerprint(base_key, folder.name, contents, _names(file_findings))
        cached = cache.get(folder.name, key)
        if cached is not None:
            results[folder.name] = cached
            report.cached_prefectures += 1
        else:
            pending.append((folder, contents, file_findings, key))
    if pending:
        checker = _make_checker(root, options.limits, options.as_of)
        jobs = [(folder, contents) for folder, contents, _, _ in pending]
        for (folder, _, file_findings, key), result in zip(
            pending, run_checks(checker, jobs, options.jobs), strict=True
        ):
            result.findings[:0] = file_findings
            cache.put(folder.name, key, result)
            results[folder.name] = result
    return results


def _linked_folder_findings(root: Path) -> list[Finding]:
    """P017 for each prefecture folder that is a link (never followed)."""
    return [
        codes.P017.make(f"{PREFECTURES_DIR.as_posix()}/{name}", Position(1, 1), name=name)
        for name in linked_folders(root)
    ]


def _reference_findings(
    results: dict[str, PrefectureResult],
    defined: list[IdUse],
    unknown: list[UnknownDefinitions] | None = None,
) -> list[Finding]:
    """X002 for a platform id that no folder defines; X007 for a platform's own table that
    names a platform of another prefecture. Neither where a platforms.yaml that did not load
    (UNKNOWN) may define the id: X002 for any such file, X007 for the table's own folder's."""
    owner = {use.id: use.file for use in defined}
    unknown = unknown or []
    findings: list[Finding] = []
    for name in sorted(results):
        for use in results[name].referenced:
            position = Position(use.line, use.column)
            maybe = [u.file for u in unknown if u.may_define(use.id)]
            if use.id not in owner:
                if not maybe:
                    findings.append(codes.X002.make(use.file, position, use.where, value=use.id))
            elif use.file.rsplit("/", 1)[-1] in PLATFORM_DATA_TABLES and not any(
                file.rsplit("/", 1)[0] == use.file.rsplit("/", 1)[0] for file in maybe
            ):
                findings.append(
                    codes.X007.make(
                        use.file, position, use.where, value=use.id, other=owner[use.id]
                    )
                )
    return findings


def result_context(options: ValidateOptions) -> str:
    """The options besides the limits that a cached result depends on: the checks see the
    fiscal year of --as-of (never the day), and --strict."""
    return context_text(fiscal_year_of(options.as_of), options.strict)


def _missing_prefectures(root: Path, folders: list[PrefectureFolder]) -> list[Finding]:
    """X012 for each prefecture of the code list without a folder. A folder that starts with
    the prefecture's code under another name is R006's (wrong folder name), not missing."""
    from renkei.registry.reference import Reference

    present = {f.name.split("-", 1)[0] for f in folders}
    present |= {name.split("-", 1)[0] for name in linked_folders(root)}
    return [
        codes.X012.make(
            f"{PREFECTURES_DIR.as_posix()}/{prefecture.folder}",
            Position(1, 1),
            name=prefecture.name,
            folder=prefecture.folder,
            code=code,
        )
        for code, prefecture in sorted(Reference(root).prefectures.items())
        if code not in present
    ]


def _names(findings: list[Finding]) -> str:
    return "\n".join(f"{f.code}:{f.file}:{f.message_en}" for f in findings)


def _make_checker(root: Path, limits: Limits, as_of: dt.date) -> PrefectureChecker:
    # Imported here: schema validation is needed only on a cache miss, and jsonschema is slow to
    # import, which matters for the repeat-run and pre-commit paths.
    from renkei.checks.json_schema import SchemaSet
    from renkei.checks.prefecture import PrefectureChecker
    from renkei.checks.table_schema import load_table_schema
    from renkei.registry.layout import TABLES
    from renkei.registry.reference import Reference

    reference = Reference(root).load()  # here, not in a worker: a broken file is a clear error
    for table in TABLES.values():  # read (and cached) before workers fork, for the same reason
        load_table_schema(root, table)
    return PrefectureChecker(root, reference, SchemaSet(root), limits, as_of)


def _duplicate_ids(defined: list[IdUse], selected: set[str], root: Path) -> list[Finding]:
    # Ids are compared as they read: "foo" and "foo\n" (a YAML block scalar) are one id. The
    # second also gets S008 from its schema.
    by_id: dict[str, list[IdUse]] = {}
    for use in defined:
        by_id.setdefault(without_stray_characters(use.id), []).append(use)
    findings: list[Finding] = []
    for uses in by_id.values():
        if len(uses) < 2:
            continue
        for use in uses:
            folder = use.file.split("/")[2] if use.file.count("/") >= 3 else ""
            if folder not in selected:
                continue
            others = [f"{o.file}:{o.line}" for o in uses if o is not use]
            findings.append(
                codes.X001.make(
                    use.file,
                    Position(use.line, use.column),
                    use.where,
                    value=printable(use.id),
                    other=", ".join(others),
                )
            )
    return findings
