"""The site is built with garbage collection held back (`renkei.registry.collection`): the
registry it reads, the pages and the history hold no reference cycles, and the collector's
passes over them were a tenth of a full build's CPU time."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.registry import Registry
from renkei.registry.collection import LOADING_THRESHOLD
from renkei.site.build import build_site
from renkei.site.model import SiteError, SiteOptions


def _recording(seen: list[tuple[int, int]]) -> Callable[[Path, Path], list[Path]]:
    """A download step that records the collector's threshold and frozen count as it runs."""

    def step(_root: Path, _target: Path) -> list[Path]:
        seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
        return []

    return step


@pytest.mark.usefixtures("collector_unfrozen")
def test_the_site_is_built_with_collection_deferred_then_restored(
    registry: Registry, tmp_path: Path
) -> None:
    """A download step of the build sees the raised threshold and the frozen objects; once
    the build is done, the collector is as it was."""
    seen: list[tuple[int, int]] = []
    before = (gc.get_threshold(), gc.get_freeze_count())
    options = SiteOptions(
        tmp_path / "site", bundles=False, search=False, jobs=1, extra_downloads=[_recording(seen)]
    )
    build_site(registry.root, options)
    assert len(seen) == 1
    threshold, frozen = seen[0]
    assert threshold == LOADING_THRESHOLD
    assert frozen > 0
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


@pytest.mark.usefixtures("collector_unfrozen")
def test_a_build_that_fails_restores_the_collector(registry: Registry, tmp_path: Path) -> None:
    out = tmp_path / "site.html"
    out.write_text("not a folder", encoding="utf-8")
    before = (gc.get_threshold(), gc.get_freeze_count())
    with pytest.raises(SiteError):
        build_site(registry.root, SiteOptions(out, bundles=False, search=False, jobs=1))
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
