"""Time `renkei export sqlite` on the SYNTHETIC national registry and its SYNTHETIC Git history.

The history (generate_history.py): 47 prefectures × 10 fiscal years × 20 commits a year (9,401
commits) over the synthetic national-scale registry (generate_registry.py). Rows: the export
with the history table, without it (--no-history), and `git log --raw --numstat` over the
prefecture files alone (the one Git pass the history table is read from: its floor). Each
command runs as a fresh process, the rows interleaved round by round.

    python benchmarks/bench_export.py [--runs 5] [--out benchmarks/out]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_history import generate_history  # noqa: E402
from timing import Row, compile_package, run_facts, timed_together  # noqa: E402

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    repo = generate_history(args.out / "history")
    compile_package(BIN / "python")
    renkei = str(BIN / "renkei")
    target = args.out / "export"
    target.mkdir(parents=True, exist_ok=True)
    database = target / "registry.sqlite"
    rows = {
        "git_log_raw_numstat": Row(
            ["git", "log", "--raw", "--numstat", "--no-renames", "--no-merges", "--format=%H",
             "--", "registry/prefectures/*/*"], repo,
        ),
        "renkei_export_sqlite": Row([renkei, "export", "sqlite", "-o", str(database)], repo),
        "renkei_export_sqlite_no_history": Row(
            [renkei, "export", "sqlite", "-o", str(target / "nohistory.sqlite"), "--no-history"],
            repo,
        ),
    }  # fmt: skip
    results = timed_together(rows, args.runs)
    with sqlite3.connect(database) as connection:
        history = connection.execute("SELECT count(*) FROM history").fetchone()[0]
        platforms = connection.execute("SELECT count(*) FROM platforms").fetchone()[0]
    connection.close()
    summary = {
        **run_facts(repo),
        "history_rows": history,
        "platforms": platforms,
        "database_bytes": database.stat().st_size,
        "results": results,
    }
    (args.out / "export-results.json").write_text(json.dumps(summary, indent=2), "utf-8")
    print("| command | min (s) | median (s) |\n| --- | ---: | ---: |")
    for name, row in results.items():
        print(f"| {name} | {row['min_s']:.3f} | {row['median_s']:.3f} |")
    print(summary["machine"], summary["date"], summary["commits"], "commits,", history,
          "history rows,", summary["database_bytes"], "bytes")  # fmt: skip


if __name__ == "__main__":
    main()
