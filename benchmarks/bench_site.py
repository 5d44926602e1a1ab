"""Time `renkei site` on a SYNTHETIC national registry with about 1,000 commits of history.

The history (generate_history.py): 47 prefectures × 11 fiscal years × 2 commits a year over the
synthetic national-scale registry (1,035 commits, about 950 of them change a folder). Rows, each
a fresh process, wall time, median of --runs:

- full: the whole site into an empty folder (pages, history, API, feeds, downloads, bundles,
  search index), and the same without bundles and without the search index;
- rebuild: after one prefecture's platforms.yaml changed in the working tree (incremental:
  only the pages whose inputs changed are rendered), with and without the search index;
- full_memory_fs: the whole site written to a memory file system (/dev/shm, when the machine
  has one): the same work without the disk's cost of creating some 7,500 files.

Each row also gives the median CPU time (user and system of every process of the build).

    python benchmarks/bench_site.py [--runs 3] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_history import generate_history  # noqa: E402
from timing import compile_package, run_facts, timed  # noqa: E402

BIN = Path(sys.executable).parent
PLATFORMS = "registry/prefectures/14-kanagawa/platforms.yaml"
#: A memory file system for the full_memory_fs row.
MEMORY = Path("/dev/shm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    repo = generate_history(args.out / "site-history", years=11, per_year=2)
    compile_package(BIN / "python")
    site = args.out / "site"
    renkei = [str(BIN / "renkei"), "site", "-o", str(site), "--as-of", "2026-12-01"]
    platforms = repo / PLATFORMS
    original = platforms.read_bytes()
    subprocess.run([*renkei[:2], "--help"], check=True, capture_output=True)
    subprocess.run([str(BIN / "renkei"), "validate"], cwd=repo, capture_output=True, check=False)

    def empty(folder: Path = site) -> None:
        # The removal's writes are flushed before the timed run, not left for it to wait on.
        shutil.rmtree(folder, ignore_errors=True)
        os.sync()

    def one_change() -> None:
        # Alternate the file between two states: each rebuild sees one prefecture changed.
        text = platforms.read_bytes()
        platforms.write_bytes(original if text != original else original + b"# SYNTHETIC edit\n")

    results = {
        "full": timed(renkei, repo, args.runs, before=empty, must_succeed=True),
        "full_no_bundles_no_search": timed(
            [*renkei, "--no-bundles", "--no-search"],
            repo,
            args.runs,
            before=empty,
            must_succeed=True,
        ),
    }
    if MEMORY.is_dir():
        in_memory = MEMORY / "renkei-bench-site"
        results["full_memory_fs"] = timed(
            [*renkei[:3], str(in_memory), *renkei[4:]],
            repo,
            args.runs,
            before=lambda: empty(in_memory),
            must_succeed=True,
        )
        empty(in_memory)
    subprocess.run(renkei, cwd=repo, check=True, capture_output=True)
    results["rebuild_one_prefecture"] = timed(
        renkei, repo, args.runs, before=one_change, must_succeed=True
    )
    results["rebuild_one_prefecture_no_search"] = timed(
        [*renkei, "--no-search"], repo, args.runs, before=one_change, must_succeed=True
    )
    platforms.write_bytes(original)
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    summary = {
        **run_facts(repo),
        "pages": len(pages),
        "largest_page_bytes": max(p.stat().st_size for p in pages),
        "results": results,
    }
    (args.out / "site-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    print("| command | median (s) | min (s) | CPU, median (s) |\n| --- | ---: | ---: | ---: |")
    for name, row in results.items():
        print(
            f"| {name} | {row['median_s']:.3f} | {row['min_s']:.3f} | {row['cpu_median_s']:.1f} |"
        )
    print(
        summary["machine"],
        summary["date"],
        summary["commits"],
        "commits,",
        summary["pages"],
        "pages, largest",
        summary["largest_page_bytes"],
        "bytes",
    )


if __name__ == "__main__":
    main()
