"""Time `renkei diff` and `renkei log` on a SYNTHETIC Git history, against `git diff --stat`.

The history (generate_history.py): 47 prefectures × 10 fiscal years × 20 commits a year
(9,401 commits) over the synthetic national-scale registry. Each command runs as a fresh
process; wall time, median of --runs.

    python benchmarks/bench_diff.py [--runs 5] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_history import generate_history  # noqa: E402
from timing import compile_package, run_facts, timed  # noqa: E402

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    repo = generate_history(args.out / "history")
    compile_package(BIN / "python")
    renkei = str(BIN / "renkei")
    commands = {
        "git_diff_stat": ["git", "diff", "--stat", "v2016", "v2025"],
        "renkei_diff_all": [renkei, "diff", "v2016", "v2025"],
        "renkei_diff_all_no_findings": [renkei, "diff", "v2016", "v2025", "--no-findings"],
        "renkei_diff_all_json": [renkei, "diff", "v2016", "v2025", "--format", "json"],
        "renkei_diff_fiscal_years": [renkei, "diff", "13", "--from", "FY2016", "--to", "FY2025"],
        "renkei_diff_fiscal_years_no_findings": [
            renkei,
            "diff",
            "13",
            "--from",
            "FY2016",
            "--to",
            "FY2025",
            "--no-findings",
        ],
        "renkei_log_all": [renkei, "log"],
        "renkei_log_one": [renkei, "log", "13"],
    }
    results = {
        name: timed(command, repo, args.runs, must_succeed=True)
        for name, command in commands.items()
    }
    floor = results["git_diff_stat"]["median_s"]
    summary = {
        **run_facts(repo),
        "results": results,
        "ratios_to_git_diff_stat": {k: v["median_s"] / floor for k, v in results.items()},
    }
    (args.out / "diff-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    print("| command | median (s) | min (s) | × git diff --stat |\n| --- | ---: | ---: | ---: |")
    for name, row in results.items():
        ratio = summary["ratios_to_git_diff_stat"][name]
        print(f"| {name} | {row['median_s']:.3f} | {row['min_s']:.3f} | {ratio:.1f} |")
    print(summary["machine"], summary["date"], summary["commits"], "commits")


if __name__ == "__main__":
    main()
