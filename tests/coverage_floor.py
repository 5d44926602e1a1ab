"""The coverage floor of `make test`: every module of tools/renkei at least FLOOR per cent
covered, branches included, by the run whose data is in .coverage (pytest --cov).

Usage: python tests/coverage_floor.py [FLOOR]   (exit 1 and the modules below it, if any)
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import coverage

FLOOR = 80.0
REPO = Path(__file__).resolve().parents[1]


def below_floor(floor: float) -> tuple[list[tuple[str, float]], float]:
    """The modules under `floor` per cent (name, per cent), and the total per cent."""
    measured = coverage.Coverage(
        data_file=str(REPO / ".coverage"), config_file=str(REPO / "pyproject.toml")
    )
    measured.load()
    with tempfile.TemporaryDirectory() as temp:
        report = Path(temp) / "coverage.json"
        measured.json_report(outfile=str(report))
        data = json.loads(report.read_text(encoding="utf-8"))
    low = [
        (name, entry["summary"]["percent_covered"])
        for name, entry in sorted(data["files"].items())
        if entry["summary"]["percent_covered"] < floor
    ]
    return low, data["totals"]["percent_covered"]


def main(argv: list[str]) -> int:
    """Print the modules under the floor and the total; 1 when any is under it."""
    floor = float(argv[0]) if argv else FLOOR
    low, total = below_floor(floor)
    for name, percent in low:
        print(f"{name}: {percent:.1f}% covered, below the floor of {floor:.0f}%")
    print(f"coverage {total:.1f}% (branches included); every module at least {floor:.0f}%: "
          + ("no" if low else "yes"))  # fmt: skip
    if low:
        print("A test of tests/coverage_plan.txt (run untraced) may be the only one to run the new "
              "lines: `make coverage-plan` measures every test and writes the plan again.")  # fmt: skip
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
