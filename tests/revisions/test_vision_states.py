"""`every_vision_state` (one walk of the history for `renkei bundle --all`) gives each folder
the states `vision_states` gives it, and stands aside (None) on a history with merges."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.documents import vision_text
from helpers.gitrepo import commit, committed_registry, git
from helpers.registry import Registry
from renkei.revisions.git import open_repo
from renkei.revisions.history import every_vision_state, resolve_fiscal_year, vision_states

TOKYO = "registry/prefectures/13-tokyo/vision.yaml"
OSAKA = "registry/prefectures/27-osaka/vision.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    registry = committed_registry(tmp_path / "repo")
    registry.write(TOKYO, vision_text([(2024, 1)]))
    commit(registry, "Tokyo FY2024", "2025-03-31T10:00:00+09:00")
    registry.write(OSAKA, vision_text([(2024, 1)]))
    registry.write(TOKYO, vision_text([(2024, 1), (2024, 2)]))
    commit(registry, "both", "2025-03-31T11:00:00+09:00")
    registry.write(TOKYO, vision_text([(2024, 1), (2024, 2), (2025, 1)]))
    commit(registry, "Tokyo FY2025", "2026-03-30T10:00:00+09:00")
    return registry


def test_every_folder_gets_the_states_of_its_own_walk(repo: Registry) -> None:
    git_repo = open_repo(repo.root)
    every = every_vision_state(git_repo)
    assert every is not None
    assert {"13-tokyo", "27-osaka", "01-hokkaido"} <= set(every)
    for folder in [*every, "99-nowhere"]:
        assert every.get(folder, []) == vision_states(git_repo, folder)
    assert len(every["13-tokyo"]) == len(every["27-osaka"]) + 2 >= 4
    for folder in ("13-tokyo", "27-osaka"):
        assert resolve_fiscal_year(
            git_repo, folder, "FY2024", every[folder]
        ) == resolve_fiscal_year(git_repo, folder, "FY2024")


def test_a_history_with_merges_is_walked_per_folder(repo: Registry) -> None:
    git(repo, "checkout", "-q", "-b", "side")
    repo.write(OSAKA, vision_text([(2024, 1), (2025, 1)]))
    commit(repo, "Osaka FY2025 on a branch")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side")
    assert every_vision_state(open_repo(repo.root)) is None
