"""`renkei bundle --all`: every prefecture's bundle from one read and one validation of the
revision, built on several cores, and the national summary of the same revision."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

from renkei.bundle.build import build_bundle
from renkei.bundle.model import BundleError, BundleOptions, BundleResult
from renkei.bundle.prepare import Prepared, prepare
from renkei.findings.model import Finding
from renkei.registry.collection import collection_deferred
from renkei.registry.safe_files import UnsafeFile, write_atomic
from renkei.revisions.dates import fiscal_year_of
from renkei.revisions.git import create_tag
from renkei.revisions.history import every_vision_state

#: The national summary's files: (format, suffix).
SUMMARY_FILES = (("json", "json"), ("csv", "csv"), ("svg", "svg"), ("markdown", "md"))
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
    """Every prefecture's bundle (a BundleError in place of each that cannot be built) and the
    national summary, written to OPTIONS.out_dir. The revision is read once and validated
    once, in one copy that the summary then reads too."""
    with tempfile.TemporaryDirectory(prefix="renkei-bundle-") as temp, collection_deferred():
        copy = Path(temp)
        prepared = prepare(root, options, None, copy)
        if not options.previous_given:  # found once here, inherited by the workers
            prepared.vision_states = every_vision_state(prepared.repo)
        # Tags are created here, after every bundle is built, never in a worker.
        results = bundles_of(root, replace(options, tag=False), prepared, jobs)
        if options.tag:
            _tag(prepared, results)
        _write_summary(copy, prepared, options.out_dir)
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
    global _worker_state
    import multiprocessing as mp

    from renkei.registry.layout import prefecture_folders

    if folders is None:
        folders = [f.name for f in prefecture_folders(root)]
    _worker_state = (root, options, prepared)
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
    return [BundleError(r[0], r[1], r[2]) if isinstance(r, tuple) else r for r in raw]


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


def _write_summary(copy: Path, prepared: Prepared, out_dir: Path) -> None:
    """The national summary of the revision (in COPY) as of today, in every format. The
    revision's findings are reused when they were checked for today's fiscal year (the checks
    see the fiscal year only); otherwise the summary validates for its own date."""
    from renkei.checks.validate import PRINCIPLE_FAMILY
    from renkei.summary.build import national_summary
    from renkei.summary.files import file_text
    from renkei.summary.render import RENDERERS

    today = dt.date.today()
    principles: dict[str, list[str]] | None = None
    if fiscal_year_of(prepared.as_of) == fiscal_year_of(today):
        principles = {
            folder: sorted(f.code for f in findings if f.code.startswith(PRINCIPLE_FAMILY))
            for folder, findings in prepared.findings_by_folder.items()
        }
    summary = national_summary(copy, today, principles)
    out_dir.mkdir(parents=True, exist_ok=True)
    for fmt, suffix in SUMMARY_FILES:
        write_atomic(
            out_dir / f"national-summary.{suffix}",
            file_text(fmt, RENDERERS[fmt].render(summary, "ja", "national-summary.svg")),
        )
