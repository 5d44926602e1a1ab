"""`build_all` in one process gives the bundles and the national summary that worker processes
give: the same files, byte for byte (tests/bundle/test_bundle.py runs `bundle --all`)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.gitrepo import commit, committed_registry, git
from helpers.registry import Registry
from renkei.bundle.all_prefectures import SUMMARY_FILES, SummaryRows, build_all
from renkei.bundle.model import BundleError, BundleOptions, BundleResult
from renkei.registry.layout import prefecture_folders
from renkei.registry.reference import Reference
from renkei.summary.build import national_summary, summarise_prefecture
from renkei.summary.files import file_text
from renkei.summary.render import RENDERERS

#: One worker runs the module's tests (pytest --dist loadgroup), so they share one build.
pytestmark = pytest.mark.xdist_group("all-prefectures")

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@dataclass(frozen=True)
class Built:
    """A committed registry, the results of `build_all` in one process with `tag` and the
    folder it wrote (built once for the run: a build of 47 bundles takes seconds)."""

    repo: Registry
    results: list[BundleResult | BundleError]
    out: Path


# Session-scoped: a worker may run other modules' tests between this module's (loadgroup keeps
# the group on one worker, not together), and a module fixture would then be built again.
@pytest.fixture(scope="session")
def built_in_one_process(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """`build_all` with jobs=1 and tag=True (tags are made after the bundles are written)."""
    base = tmp_path_factory.mktemp("all-prefectures")
    repo = committed_registry(base / "repo")
    options = BundleOptions(revision="HEAD", out_dir=base / "one", tag=True)
    return Built(repo, build_all(repo.root, options, jobs=1), base / "one")


def test_one_process_and_two_workers_write_the_same_files(
    built_in_one_process: Built, tmp_path: Path
) -> None:
    # A fresh copy of the same commit: the shared one carries the tags of the one-process build.
    repo = committed_registry(tmp_path / "repo")
    serial = built_in_one_process.results
    parallel = build_all(repo.root, BundleOptions(revision="HEAD", out_dir=tmp_path / "two"), 2)
    assert all(isinstance(r, BundleResult) for r in serial + parallel)
    assert len(serial) == 47
    written = files(built_in_one_process.out)
    assert written == files(tmp_path / "two")
    assert len([name for name in written if name.endswith(".zip")]) == 47
    assert {"national-summary.json", "national-summary.svg"} <= set(written)


def test_a_prefecture_that_cannot_be_bundled_is_an_error_beside_the_others(
    tmp_path: Path,
) -> None:
    repo: Registry = committed_registry(tmp_path / "repo")
    repo.replace(PLATFORMS, "status: operating", "status: nonsense")
    commit(repo, "a broken Tokyo")
    results = build_all(repo.root, BundleOptions(revision="HEAD", out_dir=tmp_path / "out"), 1)
    failed = [r for r in results if isinstance(r, BundleError)]
    assert len(failed) == 1 and "13-tokyo" in failed[0].message_en + str(failed[0].problems)
    assert len([r for r in results if isinstance(r, BundleResult)]) == 46


def test_tag_creates_one_submission_tag_per_bundle_after_building(
    built_in_one_process: Built,
) -> None:
    repo, results = built_in_one_process.repo, built_in_one_process.results
    tags = git(repo, "tag", "-l", "submitted/*").splitlines()
    assert len(tags) == len(results) == 47
    head = git(repo, "rev-parse", "HEAD")
    assert {git(repo, "rev-parse", f"{tag}^{{commit}}") for tag in tags} == {head}
    tokyo = next(r for r in results if isinstance(r, BundleResult) and "13-tokyo" in r.path.name)
    assert (
        git(
            repo,
            "cat-file",
            "-t",
            f"submitted/13-tokyo/{tokyo.path.stem.split('_', 1)[1].replace('_', '-')}",
        )
        == "tag"
    )


def test_a_bundle_built_after_the_others_is_the_one_built_alone(
    built_in_one_process: Built, tmp_path: Path
) -> None:
    # What a process keeps from one bundle for the next (the reference tables, the workbook's
    # comment parts, text widths) must never carry a prefecture's data into another's: 13-tokyo
    # built alone in a fresh process is the one build_all wrote after 12 other prefectures.
    script = (
        "import sys; from pathlib import Path; from renkei.bundle.build import build_bundle; "
        "from renkei.bundle.model import BundleOptions; "
        "build_bundle(Path(sys.argv[1]), '13-tokyo', "
        "BundleOptions(revision='HEAD', out_dir=Path(sys.argv[2])))"
    )
    root = built_in_one_process.repo.root
    subprocess.run([sys.executable, "-c", script, str(root), str(tmp_path)], check=True)
    (alone,) = tmp_path.glob("13-tokyo_*.zip")
    assert alone.read_bytes() == (built_in_one_process.out / alone.name).read_bytes()


def test_the_summary_of_rows_made_beside_the_bundles_is_the_summary_made_alone(
    built_in_one_process: Built,
) -> None:
    # Each row is made in the worker that bundled its folder, from the data the bundle read;
    # the summary of those rows is the one `national_summary` makes from the files, every format.
    root, out = built_in_one_process.repo.root, built_in_one_process.out
    alone = national_summary(root, dt.date.today())
    assert [row.folder for row in alone.prefectures] == [
        name.removesuffix(".zip").split("_", 1)[0]
        for name in sorted(files(out))
        if name.endswith(".zip")
    ]
    for fmt, suffix in SUMMARY_FILES:
        written = (out / f"national-summary.{suffix}").read_text(encoding="utf-8")
        assert written == file_text(fmt, RENDERERS[fmt].render(alone, "ja", "national-summary.svg"))


def test_a_row_carries_its_folders_principle_codes_sorted_and_a_folder_unknown_has_none(
    registry: Registry,
) -> None:
    paths = {f.name: f.path for f in prefecture_folders(registry.root)}
    rows = SummaryRows(
        paths, Reference(registry.root), {"13-tokyo": ["SYNTHETIC-2", "SYNTHETIC-1"]}
    )
    tokyo = rows.row("13-tokyo")
    assert tokyo is not None and tokyo.principle_findings == ["SYNTHETIC-1", "SYNTHETIC-2"]
    assert tokyo == summarise_prefecture(
        paths["13-tokyo"], Reference(registry.root), ["SYNTHETIC-1", "SYNTHETIC-2"]
    )
    osaka = rows.row("27-osaka")
    assert osaka is not None and osaka.principle_findings == []
    assert rows.row("48-nowhere") is None  # made by the summary itself, which then fails
