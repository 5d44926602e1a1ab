"""Wall-time measurement of whole commands, each run as a fresh process, with the CPU time
(user and system) of the command and every process it waited for.

The commands run with Python's bytecode cache on, as an installed tool runs (the peers' files
were compiled when pip installed them; renkei's own are compiled by `compile_package`): an
environment that sets PYTHONDONTWRITEBYTECODE would otherwise recompile renkei on every run.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The environment of every timed command: the bytecode cache on.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def compile_package(python: Path) -> None:
    """Compile the renkei package that PYTHON imports, once, ahead of the timed runs."""
    where = subprocess.run(
        [str(python), "-c", "import os, renkei; print(os.path.dirname(renkei.__file__))"],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    ).stdout.strip()
    subprocess.run([str(python), "-m", "compileall", "-q", where], check=True, env=ENV)


def timed(
    command: list[str],
    cwd: Path,
    runs: int,
    before: Callable[[], Any] | None = None,
    must_succeed: bool = False,
) -> dict[str, Any]:
    """Median and minimum wall time of `runs` runs, and the median of their CPU time (user and
    system, the command's and its children's); `before` runs ahead of each (untimed)."""
    times, cpu, codes = [], [], set()
    for _ in range(runs):
        if before is not None:
            before()
        used = _children_cpu()
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=ENV)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
        codes.add(completed.returncode)
        if must_succeed and completed.returncode != 0:
            raise SystemExit(f"{command} failed: {completed.stderr.decode()[-2000:]}")
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "cpu_median_s": statistics.median(cpu),
        "exit_codes": sorted(codes),
    }


def _children_cpu() -> float:
    """User and system seconds of every finished child of this process (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Row:
    """One timed command: its words, its folder and what runs ahead of each run (untimed)."""

    command: list[str]
    cwd: Path
    before: Callable[[], Any] | None = None


def timed_together(rows: dict[str, Row], runs: int) -> dict[str, dict[str, Any]]:
    """`timed` for several commands with their runs interleaved (round after round), so that a
    busy moment of a shared machine is spread over every row rather than falling on one."""
    times: dict[str, list[float]] = {name: [] for name in rows}
    codes: dict[str, set[int]] = {name: set() for name in rows}
    for _ in range(runs):
        for name, row in rows.items():
            if row.before is not None:
                row.before()
            start = time.perf_counter()
            completed = subprocess.run(
                row.command, cwd=row.cwd, capture_output=True, check=False, env=ENV
            )
            times[name].append(time.perf_counter() - start)
            codes[name].add(completed.returncode)
    return {
        name: {
            "median_s": statistics.median(times[name]),
            "min_s": min(times[name]),
            "exit_codes": sorted(codes[name]),
        }
        for name in rows
    }


def run_facts(repo: Path | None = None) -> dict[str, Any]:
    """What every benchmark's results record: the machine, the date and, for a benchmark of a
    Git history (REPO), how many commits it has."""
    facts: dict[str, Any] = {
        "machine": f"{platform.machine()}, CPython {platform.python_version()}, "
        f"{os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d"),
    }
    if repo is not None:
        facts["commits"] = subprocess.run(
            ["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True
        ).stdout.strip()
    return facts
