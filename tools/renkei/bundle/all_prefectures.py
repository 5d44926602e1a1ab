"""`renkei bundle --all`: every prefecture's bundle from one read and one validation of the
revision, built on several cores, and the national summary of the same revision."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from renkei.bundle.build import build_bundle
from renkei.bundle.model import BundleError, BundleOptions, BundleResult
from renkei.bundle.prepare import Prepared, prepare
from renkei.findings.model import Finding
from renkei.registry.collection import collection_deferred
from renkei.registry.layout import prefecture_folders
from renkei.registry.loaders.yaml_data import data_kept
from renkei.registry.reference import Reference
from renkei.registry.safe_files import UnsafeFile, write_atomic
from renkei.revisions.dates import fiscal_year_of
from renkei.revisions.git import create_tag
from renkei.revisions.history import every_vision_state
from renkei.summary.build import PrefectureSummary, summarise_prefecture

#: The national summary's files: (format, suffix).
SUMMARY_FILES = (("json", "json"), ("csv", "csv"), ("svg", "svg"), ("markdown", "md"))


@dataclass(frozen=True)
class SummaryRows:
    """What a worker needs to make the national summary's row of each folder it bundles: the
    folders' paths in the revision's copy, its reference data, each folder's principle codes."""

    paths: dict[str, Path]
    reference: Reference
    principles: dict[str, list[str]]

    def row(self, folder: str) -> PrefectureSummary | None:
        """FOLDER's row, as `national_summary` makes it; None when it cannot be made here (the
        summary then makes it itself, and fails as it would)."""
        try:
            path = self.paths[folder]
            return summarise_prefecture(
                path, self.reference, sorted(self.principles.get(folder, []))
            )
        except Exception:
            return None


Outcome = BundleResult | tuple[str, str, list[Finding]]
_worker_state: tuple[Path, BundleOptions, Prepared, SummaryRows | None] | None = None


def _bundle_in_worker(folder: str) -> tuple[Outcome, PrefectureSummary | None]:
    """FOLDER's bundle and, when asked, its summary row: the row reads the same files again,
    whose data the bundle's reading keeps."""
    assert _worker_state is not None
    root, options, prepared, rows = _worker_state
    if rows is None:  # nothing read twice: nothing kept
        return _bundle(root, folder, options, prepared), None
    with data_kept():
        return _bundle(root, folder, options, prepared), rows.row(folder)


def _bundle(root: Path, folder: str, options: BundleOptions, prepared: Prepared) -> Outcome:
    # Errors travel back as plain tuples: an exception that cannot be pickled hangs a pool.
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
    """Every prefecture's bundle (a BundleError in place of each that cannot be built) and the
    national summary, written to OPTIONS.out_dir. The revision is read once and validated
    once, in one copy that the summary then reads too."""
    with tempfile.TemporaryDirectory(prefix="renkei-bundle-") as temp, collection_deferred():
        copy = Path(temp)
        prepared = prepare(root, options, None, copy)
        if not options.previous_given:  # found once here, inherited by the workers
            prepared.vision_states = every_vision_state(prepared.repo)
        principles = _principles_for_today(prepared)
        rows = None
        if principles is not None:
            paths = {f.name: f.path for f in prefecture_folders(copy)}
            rows = SummaryRows(paths, Reference(copy), principles)
        # Tags are created here, after every bundle is built, never in a worker.
        results, made = _bundles_and_rows(root, replace(options, tag=False), prepared, jobs, rows)
        if options.tag:
            _tag(prepared, results)
        _write_summary(copy, options.out_dir, principles, made)
    return results


def bundles_of(
    root: Path,
    options: BundleOptions,
    prepared: Prepared,
    jobs: int,
    folders: list[str] | None = None,
) -> list[BundleResult | BundleError]:
    """The bundle of each of FOLDERS (every prefecture folder of ROOT when None), in that
    order, from the PREPARED revision: in JOBS forked workers, which inherit it."""
    return _bundles_and_rows(root, options, prepared, jobs, None, folders)[0]


def _bundles_and_rows(
    root: Path,
    options: BundleOptions,
    prepared: Prepared,
    jobs: int,
    rows: SummaryRows | None,
    folders: list[str] | None = None,
) -> tuple[list[BundleResult | BundleError], dict[str, PrefectureSummary]]:
    """`bundles_of`, and the summary rows of the folders (by folder) when ROWS says how."""
    global _worker_state
    import multiprocessing as mp

    if folders is None:
        folders = [f.name for f in prefecture_folders(root)]
    _worker_state = (root, options, prepared, rows)
    try:
        if jobs > 1 and "fork" in mp.get_all_start_methods():
            # GitPython keeps `git cat-file` running to read objects: forked workers sharing the
            # parent's would read each other's answers (a wrong commit, or a wait forever).
            # Stopped here, each worker starts its own.
            prepared.repo.git.clear_cache()
            with mp.get_context("fork").Pool(jobs) as pool:
                raw = pool.map(_bundle_in_worker, folders, chunksize=2)
        else:
            raw = [_bundle_in_worker(folder) for folder in folders]
    finally:
        _worker_state = None
    results = [BundleError(r[0], r[1], r[2]) if isinstance(r, tuple) else r for r, _ in raw]
    made = {folder: row for folder, (_, row) in zip(folders, raw, strict=True) if row is not None}
    return results, made


def _tag(prepared: Prepared, results: list[BundleResult | BundleError]) -> None:
    """A submitted/FOLDER/FYyyyy-rN tag for each bundle built."""
    for result in results:
        if isinstance(result, BundleResult):
            fy_r = result.path.stem.split("_", 1)[1].replace("_", "-")
            create_tag(
                prepared.repo,
                f"submitted/{result.path.stem.split('_', 1)[0]}/{fy_r}",
                result.source,
                f"renkei bundle {result.path.name}\nsha256 {result.sha256}\n",
            )


def _principles_for_today(prepared: Prepared) -> dict[str, list[str]] | None:
    """The codes of each folder's principle findings in the PREPARED revision, when they were
    checked for today's fiscal year (the checks see the fiscal year only); otherwise None, and
    the summary validates for its own date."""
    from renkei.checks.validate import PRINCIPLE_FAMILY

    if fiscal_year_of(prepared.as_of) != fiscal_year_of(dt.date.today()):
        return None
    return {
        folder: sorted(f.code for f in findings if f.code.startswith(PRINCIPLE_FAMILY))
        for folder, findings in prepared.findings_by_folder.items()
    }


def _write_summary(
    copy: Path,
    out_dir: Path,
    principles: dict[str, list[str]] | None,
    made: dict[str, PrefectureSummary],
) -> None:
    """The national summary of the revision (in COPY) as of today, in every format, with the
    PRINCIPLES found (None: validated again for today) and the rows the workers MADE."""
    from renkei.summary.build import national_summary
    from renkei.summary.files import file_text
    from renkei.summary.render import RENDERERS

    def summarise(path: Path, reference: Reference, codes: list[str]) -> PrefectureSummary:
        row = made.get(path.name)
        return row if row is not None else summarise_prefecture(path, reference, codes)

    summary = national_summary(copy, dt.date.today(), principles, summarise)
    out_dir.mkdir(parents=True, exist_ok=True)
    for fmt, suffix in SUMMARY_FILES:
        write_atomic(
            out_dir / f"national-summary.{suffix}",
            file_text(fmt, RENDERERS[fmt].render(summary, "ja", "national-summary.svg")),
        )
