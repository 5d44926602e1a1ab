"""Garbage collection held back while loading: thresholds and the frozen objects come back as
they were, also after an error, around a nested block and when the caller had frozen objects
itself."""

from __future__ import annotations

import gc

import pytest

from renkei.registry.collection import LOADING_THRESHOLD, collection_deferred


@pytest.mark.usefixtures("collector_unfrozen")
def test_thresholds_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with collection_deferred():
        assert gc.get_threshold()[0] == LOADING_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
        assert gc.get_freeze_count() > 0
        with collection_deferred():  # a nested block changes nothing more
            assert gc.get_threshold()[0] == LOADING_THRESHOLD
        assert gc.get_threshold()[0] == LOADING_THRESHOLD
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_unfrozen")
def test_restored_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), collection_deferred():
        raise ValueError("inside")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_unfrozen")
def test_a_callers_own_freeze_is_kept() -> None:
    """The collector cannot unfreeze a part: a caller's freeze is left as it is, neither added
    to nor undone, and only the threshold is raised."""
    gc.freeze()
    # A frozen object that is freed leaves the count: it can fall, never rise without a freeze.
    frozen = gc.get_freeze_count()
    alive = [[] for _ in range(1000)]  # not frozen: a second freeze would count them
    before = gc.get_threshold()
    with collection_deferred():
        assert gc.get_threshold()[0] == LOADING_THRESHOLD
        assert 0 < gc.get_freeze_count() <= frozen
    assert gc.get_threshold() == before
    assert 0 < gc.get_freeze_count() <= frozen
    assert len(alive) == 1000
