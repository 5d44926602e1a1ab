"""The coverage plan of `make test`: the test functions that run without the coverage tracer.

Under `pytest --cov`, the tracer slows the package's own code about 1.8 times. Most of the
suite's time is spent in tests that check outputs end to end (the attack suite, byte-for-byte
comparisons, the browser) and run lines that other tests already cover. The plan names the test
functions whose run covers no branch the rest of the suite misses, and the fixtures whose set-up
covers none (a fixture that builds a whole site runs the code its tests check again), the
slowest first; conftest.py runs them untraced (`no_cover` for a test, the tracer paused around a
fixture's own set-up once the fixtures it asks for are set up), and the run measures the same
lines and branches in less time.

`make coverage-plan` measures the whole suite with one coverage context per test phase and per
fixture set-up (`RENKEI_COVERAGE_PLAN=off`: nothing is left out) and writes
tests/coverage_plan.txt again. Run
it when the coverage floor reports a module under it after a change: the new lines may be run
only by a test of the plan.

Usage: python tests/coverage_plan.py [DATA DURATIONS [FIXTURE_TIMES]]
  (DATA: a .coverage file with test contexts; DURATIONS: the output of pytest --durations=0;
  FIXTURE_TIMES: the folder of the fixtures' set-up times; with none, the suite is run to make
  them)
"""

from __future__ import annotations

import json
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
#: The environment variable naming the folder where a measuring run writes each worker's
#: fixture set-up times (one JSON file per worker); set, each fixture's set-up is measured in a
#: coverage context of its own (`fixture_key` + FIXTURE_PHASE).
FIXTURE_TIMES = "RENKEI_FIXTURE_TIMES"
#: How a fixture's set-up is named in the plan: FIXTURE + where it is defined + its name.
FIXTURE = "fixture "
FIXTURE_PHASE = "|fixture"

_HEADER = """\
# Test functions whose run, and fixtures ("fixture WHERE::NAME") whose set-up, cover no branch of
# tools/renkei that the rest of the suite misses: `make test` runs them without the coverage
# tracer (tests/conftest.py).
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


def fixture_key(baseid: str, name: str) -> str:
    """How the plan names the set-up of the fixture NAME defined at BASEID (a test module or
    a conftest's folder; empty for a plugin's)."""
    return f"{FIXTURE}{baseid}::{name}"


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


def fixture_durations(folder: Path) -> dict[str, float]:
    """Each fixture's set-up time in a measuring run, summed over the workers' files."""
    found: dict[str, float] = defaultdict(float)
    for path in sorted(folder.glob("*.json")):
        for key, seconds in json.loads(path.read_text(encoding="utf-8")).items():
            found[key] += seconds
    return dict(found)


def run_arcs(data_file: Path) -> tuple[dict[str, set[Arc]], set[Arc]]:
    """The arcs of each test function's run phases and of each fixture's own set-up, and the
    arcs measured outside them (the rest of set-up, teardown, collection), from a coverage
    file with test contexts."""
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
            elif context.endswith(FIXTURE_PHASE):
                by_test[context.removesuffix(FIXTURE_PHASE)].add(arc)
            else:
                outside.add(arc)
    return dict(by_test), outside


def plan(
    by_test: dict[str, set[Arc]],
    outside: set[Arc],
    durations: dict[str, float],
    keep: int = KEEP,
) -> list[str]:
    """The test functions and fixtures, slowest first, that can run untraced: each leaves
    every one of its arcs covered by at least KEEP traced runs, or measured outside them."""
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


def _measure() -> tuple[Path, list[str], Path]:
    """Run the whole suite traced, one context per test phase and per fixture set-up."""
    WORK.mkdir(parents=True, exist_ok=True)
    data_file = WORK / ".coverage"
    times = WORK / "fixture-times"
    for stale in times.glob("*.json"):
        stale.unlink()
    times.mkdir(exist_ok=True)
    env = {**os.environ, SWITCH: "off", "COVERAGE_FILE": str(data_file), FIXTURE_TIMES: str(times)}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--cov",
               "--cov-report=", "--cov-context=test", "--durations=0"]  # fmt: skip
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit("coverage-plan: the suite failed; the plan is left as it was")
    return data_file, done.stdout.splitlines(), times


def main(argv: list[str]) -> int:
    """Write tests/coverage_plan.txt from ARGV's data and durations, or from a run of the suite."""
    if argv:
        data_file, lines = Path(argv[0]), Path(argv[1]).read_text(encoding="utf-8").splitlines()
        times = Path(argv[2]) if len(argv) > 2 else None
    else:
        data_file, lines, times = _measure()
    by_test, outside = run_arcs(data_file)
    durations = call_durations(lines) | (fixture_durations(times) if times else {})
    untraced = plan(by_test, outside, durations)
    PLAN.write_text(_HEADER + "".join(f"{name}\n" for name in sorted(untraced)), encoding="utf-8")
    saved = sum(durations[name] for name in untraced)
    print(f"coverage-plan: {len(untraced)} of {len(durations)} test functions and fixtures run untraced "
          f"({saved:.0f} of {sum(durations.values()):.0f} s of traced run time)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
