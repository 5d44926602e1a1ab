"""`folder_diff` (a bundle's CHANGES.md) gives one folder's diff exactly as `diff_revisions`
does for that folder, from the new revision's files already read, while other folders and the
schemas change too."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry
from renkei.bundle.prepare import BUNDLE_PREFIXES
from renkei.revisions.compare import diff_revisions, folder_diff
from renkei.revisions.diff_render import RENDERERS
from renkei.revisions.git import WORKING_TREE, Revision, open_repo, read_snapshot, resolve

TOKYO = "registry/prefectures/13-tokyo"
HOKKAIDO = "registry/prefectures/01-hokkaido"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    registry = committed_registry(tmp_path / "repo")
    registry.replace(f"{TOKYO}/platforms.yaml", "status: operating", "status: to_be_retired")
    registry.write(f"{HOKKAIDO}/notes.txt", "another folder's change\n")
    registry.replace(
        "schemas/platforms.schema.json", "データ連携基盤 / Data", "データ連携基盤（改） / Data"
    )
    commit(registry, "changes in two folders and a schema")
    return registry


def rendered(registry: Registry, old: str, new: Revision, folder: str) -> tuple[str, str]:
    """The folder's diff rendered (JSON and Markdown) by `diff_revisions` and `folder_diff`."""
    git_repo = open_repo(registry.root)
    before = resolve(git_repo, old)
    files = read_snapshot(git_repo, new, BUNDLE_PREFIXES)
    whole = diff_revisions(git_repo, before, new, folder)
    one = folder_diff(git_repo, before, new, folder, files)
    pairs = [(RENDERERS[f].render(whole, "en"), RENDERERS[f].render(one, "en")) for f in RENDERERS]
    assert all(a == b for a, b in pairs), folder
    return pairs[0][0], RENDERERS["markdown"].render(one, "ja")


def test_a_folder_s_diff_between_commits_is_diff_revisions_s(repo: Registry) -> None:
    head = resolve(open_repo(repo.root), "HEAD")
    text, markdown = rendered(repo, "HEAD~1", head, "13-tokyo")
    assert "retired" in text.lower() and "schemas/platforms.schema.json" in text
    assert "notes.txt" not in text and "01-hokkaido" not in text
    assert "13 東京都" in markdown
    other, _ = rendered(repo, "HEAD~1", head, "01-hokkaido")
    assert "retired" not in other.lower()


def test_a_folder_s_diff_to_the_working_tree_is_diff_revisions_s(repo: Registry) -> None:
    repo.replace(f"{TOKYO}/platforms.yaml", "status: to_be_retired", "status: building")
    repo.write(f"{TOKYO}/vision.yaml", "schema_version: 1\nstatus: [unclosed\n")
    repo.write(f"{HOKKAIDO}/more.txt", "more\n")
    text, _ = rendered(repo, "HEAD~1", Revision(WORKING_TREE, None), "13-tokyo")
    assert "building" in text.lower() and "vision.yaml" in text
    rendered(repo, "HEAD", Revision(WORKING_TREE, None), "13-tokyo")
    rendered(repo, "HEAD", Revision(WORKING_TREE, None), "47-okinawa")  # nothing changed
