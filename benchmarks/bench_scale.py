"""How renkei grows with the registry: the SYNTHETIC registry (generate_registry.py) at 1×, 2×,
4× and 10× its platforms (500, 1,000, 2,000, 5,000; every platform with its services, data
assets and KPI rows), each committed to a Git repository.

For each scale, in one run: the time of `renkei validate --no-cache` and of `renkei bundle --all
--revision HEAD` (fresh processes, minimum and median of --runs), and the size of every output:
validate's text and JSON reports, the 47 zips and the national summary. An output is linear
when its size divided by the scale stays flat. `--before PATH` (a `renkei` executable of another
revision) measures that revision in the same run.

    python benchmarks/bench_scale.py [--runs 3] [--scales 1,2,4,10] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_registry import generate  # noqa: E402
from timing import ENV, compile_package, timed  # noqa: E402

BIN = Path(sys.executable).parent
PLATFORMS_AT_1X = 500
GIT_ENV = {
    **ENV,
    "GIT_AUTHOR_NAME": "Synthetic",
    "GIT_AUTHOR_EMAIL": "s@example.org",
    "GIT_COMMITTER_NAME": "Synthetic",
    "GIT_COMMITTER_EMAIL": "s@example.org",
}


def committed_registry(target: Path, scale: int) -> Path:
    """The synthetic registry at SCALE, committed to a fresh Git repository at TARGET."""
    root = generate(target, platforms=PLATFORMS_AT_1X * scale)
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "-A"],
        ["git", "commit", "-q", "-m", "SYNTHETIC registry"],
    ):
        subprocess.run(command, cwd=root, check=True, env=GIT_ENV)
    return root


def output_sizes(renkei: str, root: Path, dist: Path) -> dict[str, int]:
    """Bytes of each output: validate's text and JSON, the zips and the summary of --all."""
    sizes: dict[str, int] = {}
    for name, extra in (("validate_text", []), ("validate_json", ["--format", "json"])):
        run = subprocess.run(
            [renkei, "validate", "--no-cache", *extra], cwd=root, capture_output=True, env=ENV
        )
        sizes[name] = len(run.stdout)
    shutil.rmtree(dist, ignore_errors=True)
    subprocess.run(
        [renkei, "bundle", "--all", "--revision", "HEAD", "--out", str(dist)],
        cwd=root,
        capture_output=True,
        check=True,
        env=ENV,
    )
    sizes["bundle_zips"] = sum(p.stat().st_size for p in dist.glob("*.zip"))
    sizes["national_summary"] = sum(p.stat().st_size for p in dist.glob("national-summary.*"))
    return sizes


def measure(renkei: str, root: Path, dist: Path, runs: int) -> dict[str, Any]:
    """Times and output sizes of one revision of renkei on one registry."""

    def clean() -> None:
        shutil.rmtree(dist, ignore_errors=True)

    return {
        "validate_cold": timed([renkei, "validate", "--no-cache"], root, runs),
        "bundle_all": timed(
            [renkei, "bundle", "--all", "--revision", "HEAD", "--out", str(dist)],
            root,
            runs,
            clean,
            must_succeed=True,
        ),
        "sizes": output_sizes(renkei, root, dist),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scales", default="1,2,4,10")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--before", type=Path, help="a renkei executable to compare with")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    revisions = {"renkei": str(BIN / "renkei")}
    compile_package(BIN / "python")
    if args.before:
        revisions["before"] = str(args.before)
        compile_package(args.before.parent / "python")
    results: dict[str, dict[str, Any]] = {}
    for scale in scales:
        root = committed_registry(args.out / f"scale-{scale}", scale)
        results[f"{scale}x"] = {
            name: measure(renkei, root, args.out / f"scale-{scale}-dist-{name}", args.runs)
            for name, renkei in revisions.items()
        }
    summary = {
        "machine": f"{platform.machine()}, CPython {platform.python_version()}, "
        f"{os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
        "runs": args.runs,
        "results": results,
    }
    (args.out / "scale-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    base = results[f"{scales[0]}x"]
    print(
        "| scale | revision | validate cold min (s) | bundle --all min (s) | output bytes ÷ scale, as × the smallest |"
    )
    print("| --- | --- | ---: | ---: | --- |")
    for scale in scales:
        for name, row in results[f"{scale}x"].items():
            growth = ", ".join(
                f"{key} {size / scale / max(1, base[name]['sizes'][key] / scales[0]):.2f}"
                for key, size in row["sizes"].items()
            )
            print(
                f"| {scale}× | {name} | {row['validate_cold']['min_s']:.3f} | "
                f"{row['bundle_all']['min_s']:.3f} | {growth} |"
            )
    print(summary["machine"], summary["date"])


if __name__ == "__main__":
    main()
