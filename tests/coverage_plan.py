"""The coverage plan of `make test`: the test functions that run without the coverage tracer.

Under `pytest --cov`, the tracer slows the package's own code about 1.8 times. Most of the
suite's time is spent in tests that check outputs end to end (the attack suite, byte-for-byte
comparisons, the browser) and run lines that other tests already cover. The plan names the test
functions whose run (not their fixtures' set-up, which is always measured) covers no branch the
rest of the suite misses, the slowest first; conftest.py marks them `no_cover`, and the run
measures the same lines and branches in less time.

`make coverage-plan` measures the whole suite with one coverage context per test phase
(`RENKEI_COVERAGE_PLAN=off`: nothing is left out) and writes tests/coverage_plan.txt again. Run
it when the coverage floor reports a module under it after a change: the new lines may be run
only by a test of the plan.

Usage: python tests/coverage_plan.py [DATA DURATIONS]
  (DATA: a .coverage file with test contexts; DURATIONS: the output of pytest --durations=0;
  with neither, the suite is run to make both)
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLAN = REPO / "tests" / "coverage_plan.txt"
WORK = REPO / "build" / "coverage-plan"
#: The environment variable that turns the plan off (`off`): every test is measured.
SWITCH = "RENKEI_COVERAGE_PLAN"

_HEADER = """\
# Test functions whose run covers no branch of tools/renkei that the rest of the suite misses:
# `make test` runs them without the coverage tracer (tests/conftest.py marks them no_cover).
# Written by `make coverage-plan` (tests/coverage_plan.py); do not edit by hand.
"""

Arc = tuple[int, int, int]

#: How many traced runs must still cover each arc of a test left untraced. One would do if a
#: test always ran the same lines; but code run once per process (an import, a cache filled on
#: first use) is recorded in whichever test comes first on its worker, which changes with the
#: workers' schedule, so every such arc is kept in two traced runs.
KEEP = 2


def function_of(node_id: str) -> str:
    """The test function of a node id, without its parameters."""
    return re.sub(r"\[.*\]$", "", node_id)


def planned(text: str) -> set[str]:
    """The test functions a plan's text names (comments and blank lines left out)."""
    return {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}


def call_durations(lines: Iterable[str]) -> dict[str, float]:
    """Each test function's time in its run phases, from pytest's --durations output."""
    found: dict[str, float] = defaultdict(float)
    for line in lines:
        match = re.match(r"^([0-9.]+)s call\s+(.+?)\s*$", line)
        if match:
            found[function_of(match.group(2))] += float(match.group(1))
    return dict(found)


def run_arcs(data_file: Path) -> tuple[dict[str, set[Arc]], set[Arc]]:
    """The arcs of each test function's run phases, and the arcs measured outside any run
    phase (set-up, teardown, collection), from a coverage file with test contexts."""
    with sqlite3.connect(f"file:{data_file}?mode=ro", uri=True) as con:
        contexts = dict(con.execute("SELECT id, context FROM context"))
        by_test: dict[str, set[Arc]] = defaultdict(set)
        outside: set[Arc] = set()
        for file_id, context_id, start, end in con.execute(
            "SELECT file_id, context_id, fromno, tono FROM arc"
        ):
            context = contexts[context_id]
            arc = (file_id, start, end)
            if context.endswith("|run"):
                by_test[function_of(context.removesuffix("|run"))].add(arc)
            else:
                outside.add(arc)
    return dict(by_test), outside


def plan(
    by_test: dict[str, set[Arc]],
    outside: set[Arc],
    durations: dict[str, float],
    keep: int = KEEP,
) -> list[str]:
    """The test functions, slowest first, that can run untraced: each leaves every one of its
    arcs covered by at least KEEP traced runs, or measured outside the runs."""
    count: dict[Arc, int] = defaultdict(int)
    for arcs in by_test.values():
        for arc in arcs:
            count[arc] += 1
    for arc in outside:
        count[arc] += len(by_test) + 1
    untraced = []
    for test in sorted(durations, key=lambda name: (-durations[name], name)):
        arcs = by_test.get(test, set())
        if all(count[arc] > keep for arc in arcs):
            for arc in arcs:
                count[arc] -= 1
            untraced.append(test)
    return untraced


def _measure() -> tuple[Path, list[str]]:
    """Run the whole suite traced, one context per test phase."""
    WORK.mkdir(parents=True, exist_ok=True)
    data_file = WORK / ".coverage"
    env = {**os.environ, SWITCH: "off", "COVERAGE_FILE": str(data_file)}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--cov",
               "--cov-report=", "--cov-context=test", "--durations=0"]  # fmt: skip
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit("coverage-plan: the suite failed; the plan is left as it was")
    return data_file, done.stdout.splitlines()


def main(argv: list[str]) -> int:
    """Write tests/coverage_plan.txt from ARGV's data and durations, or from a run of the suite."""
    if argv:
        data_file, lines = Path(argv[0]), Path(argv[1]).read_text(encoding="utf-8").splitlines()
    else:
        data_file, lines = _measure()
    by_test, outside = run_arcs(data_file)
    durations = call_durations(lines)
    untraced = plan(by_test, outside, durations)
    PLAN.write_text(_HEADER + "".join(f"{name}\n" for name in sorted(untraced)), encoding="utf-8")
    saved = sum(durations[name] for name in untraced)
    print(f"coverage-plan: {len(untraced)} of {len(durations)} test functions run untraced "
          f"({saved:.0f} of {sum(durations.values()):.0f} s of traced run time)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
