"""Garbage collection held back while a registry is loaded and checked.

Documents, tables, findings and results hold no reference cycles, so the collector's passes
over them while they are built find nothing and only cost time (a tenth of a cold run). Inside
`collection_deferred`, what is already alive (the modules, the compiled schemas) is frozen out
of every pass and the first generation is collected far less often; both are undone on exit.
A caller that froze objects itself keeps its freeze: the collector cannot unfreeze a part, so
the block then only raises the threshold.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: Allocations between two passes over the youngest generation (Python's default is 700).
LOADING_THRESHOLD = 100_000


_depth = 0


@contextlib.contextmanager
def collection_deferred() -> Iterator[None]:
    """Freeze what is alive and raise the first generation's threshold, for the block (a
    block inside another changes nothing more; nothing is frozen or unfrozen when the caller
    had frozen objects already)."""
    global _depth
    if _depth:
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    thresholds = gc.get_threshold()
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    gc.set_threshold(LOADING_THRESHOLD, *thresholds[1:])
    _depth = 1
    try:
        yield
    finally:
        _depth = 0
        gc.set_threshold(*thresholds)
        if freezing:
            gc.unfreeze()
