"""Time `renkei bundle` on the SYNTHETIC national-scale registry (generate_registry.py),
committed to a Git repository: one prefecture (the largest, 北海道) and all 47 (--all, with the
national summary). Each run is a fresh process; wall time, median and minimum of --runs.
`--before PATH` (a `renkei` executable of another revision) times that revision too.

    python benchmarks/bench_bundle.py [--runs 3] [--out benchmarks/out] [--before PATH]
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_registry import generate  # noqa: E402
from timing import compile_package, timed  # noqa: E402

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--before", type=Path, help="a renkei executable to compare with")
    args = parser.parse_args()
    root = generate(args.out / "bundle-registry")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Synthetic", "GIT_AUTHOR_EMAIL": "s@example.org",
           "GIT_COMMITTER_NAME": "Synthetic", "GIT_COMMITTER_EMAIL": "s@example.org"}  # fmt: skip
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                    ["git", "commit", "-q", "-m", "SYNTHETIC registry"]):  # fmt: skip
        subprocess.run(command, cwd=root, check=True, env=env)
    compile_package(BIN / "python")
    renkei = str(BIN / "renkei")

    def clean() -> None:
        shutil.rmtree(root / "dist", ignore_errors=True)

    revisions = {"": renkei}
    if args.before:
        compile_package(args.before.parent / "python")
        revisions["before_"] = str(args.before)
    results = {}
    for prefix, command in revisions.items():
        results[f"{prefix}bundle_one_prefecture"] = timed(
            [command, "bundle", "01", "--revision", "HEAD"], root, args.runs, clean, True
        )
        results[f"{prefix}bundle_all_47"] = timed(
            [command, "bundle", "--all", "--revision", "HEAD"], root, args.runs, clean, True
        )
    summary = {
        "machine": f"{platform.machine()}, CPython {platform.python_version()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
        "results": results,
    }
    (args.out / "bundle-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    print("| command | median (s) | min (s) |\n| --- | ---: | ---: |")
    for name, row in results.items():
        print(f"| {name} | {row['median_s']:.3f} | {row['min_s']:.3f} |")
    print(summary["machine"], summary["date"])


if __name__ == "__main__":
    main()
