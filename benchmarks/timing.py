"""Wall-time measurement of whole commands, each run as a fresh process."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def timed(
    command: list[str],
    cwd: Path,
    runs: int,
    before: Callable[[], Any] | None = None,
    must_succeed: bool = False,
) -> dict[str, Any]:
    """Median and minimum wall time of `runs` runs; `before` runs ahead of each (untimed)."""
    times, codes = [], set()
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        codes.add(completed.returncode)
        if must_succeed and completed.returncode != 0:
            raise SystemExit(f"{command} failed: {completed.stderr.decode()[-2000:]}")
    return {"median_s": statistics.median(times), "min_s": min(times), "exit_codes": sorted(codes)}
