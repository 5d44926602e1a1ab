"""The history's pages of the previous build used again (`renkei.site.history_kept`): at the same
commit, a rebuild after an edit to the working tree takes the records and fiscal years the
previous build left, without walking the history, and they are the ones a walk gives; a new
commit, a deleted page, another folder name or another shallow boundary walk it again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry
from helpers.site import REPO_URL, build
from renkei.revisions.git import open_repo
from renkei.site import history_kept
from renkei.site.data import load_registry
from renkei.site.history import SiteHistory, YearPage, build_history, change_path
from renkei.site.links import Repository
from renkei.site.output import SiteWriter, check_output

AS_OF = dt.date(2026, 1, 15)  # as helpers.site.build gives it
PLATFORM = "platforms:\n  - id: kept-history\n    name: 合成履歴基盤（SYNTHETIC）\n    sources: []"
EDIT = PLATFORM.replace("kept-history", "kept-edit")


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    found = committed_registry(tmp_path / "repo")
    found.replace(found.pref("platforms.yaml", "27-osaka"), "platforms: []", PLATFORM)
    commit(found, "SYNTHETIC: a platform for Osaka")
    return found


def _history(repo: Registry, site: Path) -> tuple[SiteHistory, SiteWriter, bool]:
    """The history as a build of SITE reads it, and whether it was the previous build's (on
    a copy of SITE: what this build writes is not the next build's)."""
    out = site.with_name(site.name + "-copy")
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(site, out, symlinks=True)
    previous = check_output(out)
    writer = SiteWriter(out, previous)
    data = load_registry(repo.root, AS_OF, {"repo": REPO_URL, "branch": "main"}, kept=writer)
    names = {f: data.prefecture(f).name for f in data.folders}
    key = history_kept.history_key(open_repo(repo.root), data.shared_hash, names)
    changes = dict((previous.get("cache") or {}).get("changes") or {})
    reusable = history_kept.reuse(SiteWriter(out, previous), key, changes) is not None
    history = build_history(data, writer, Repository(REPO_URL, "main"), 1)
    return history, writer, reusable


def _build(repo: Registry, out: Path) -> None:
    result = build(repo, out, "--no-bundles", "--no-search")
    assert result.exit_code == 0, result.output


def test_an_edit_to_the_working_tree_reuses_the_history_a_walk_gives(
    repo: Registry, tmp_path: Path
) -> None:
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    _build(repo, out)
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", EDIT)
    reused, writer, reusable = _history(repo, out)
    assert reusable
    walked, _writer, fresh_reusable = _history(repo, _empty_site(fresh))
    assert not fresh_reusable
    assert reused.records == walked.records and reused.records
    assert reused.years == walked.years
    # Every history page is carried over to the next build, none written.
    pages = [p for p in writer.files if "/changes/" in p or "/fy/" in p]
    assert pages and not [p for p in pages if p in writer.result.written]


def _empty_site(out: Path) -> Path:
    out.mkdir()
    return out


def test_a_new_commit_walks_the_history_again(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(repo, out)
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", EDIT)
    sha = commit(repo, "SYNTHETIC: a platform for Kanagawa")
    _history_after, _writer, reusable = _history(repo, out)
    assert not reusable
    _build(repo, out)
    for prefix in ("", "en/"):
        assert (out / prefix / change_path("14-kanagawa", sha)).is_file()


def test_a_deleted_history_page_is_written_again(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(repo, out)
    head = open_repo(repo.root).head.commit.hexsha
    page = out / "en" / change_path("27-osaka", head)
    original = page.read_bytes()
    page.unlink()
    _history_after, _writer, reusable = _history(repo, out)
    assert not reusable
    _build(repo, out)
    assert page.read_bytes() == original


def test_another_folder_name_or_shallow_boundary_is_another_key(repo: Registry) -> None:
    git_repo = open_repo(repo.root)
    names = {"13-tokyo": "東京都"}
    key = history_kept.history_key(git_repo, "shared", names)
    assert key == history_kept.history_key(git_repo, "shared", dict(names))
    assert key != history_kept.history_key(git_repo, "shared", {"13-tokyo": "東京"})
    assert key != history_kept.history_key(git_repo, "other", names)
    shallow = Path(git_repo.git_dir) / "shallow"
    shallow.write_text(git_repo.head.commit.hexsha + "\n", encoding="utf-8")
    assert key != history_kept.history_key(git_repo, "shared", names)


@pytest.mark.parametrize(
    "entry",
    [
        None,
        [],
        {"key": "another"},
        {"key": "K", "records": "a:b", "pages": [], "years": {}},
        {"key": "K", "records": [], "pages": [1], "years": {}},
        {"key": "K", "records": [], "pages": [], "years": []},
        {"key": "K", "records": ["missing:record"], "pages": [], "years": {}},
        {"key": "K", "records": [], "pages": ["prefectures/x/fy/2025.html"], "years": {}},
        {"key": "K", "records": [], "pages": [], "years": {"13-tokyo": [[2025, None]]}},
        {"key": "K", "records": [], "pages": [], "years": {"13-tokyo": [["2025", None, "p"]]}},
        {"key": "K", "records": [], "pages": [], "years": {"13-tokyo": "2025"}},
    ],
)
def test_a_kept_entry_of_another_key_or_shape_is_not_used(tmp_path: Path, entry: object) -> None:
    writer = SiteWriter(tmp_path, {})
    writer.cache[history_kept.CACHE_KEY] = entry
    assert history_kept.reuse(writer, "K", {}) is None
    assert writer.files == {} and writer.result.kept == []


def test_a_kept_entry_gives_its_years_and_records_in_order(tmp_path: Path) -> None:
    page = "prefectures/13-tokyo/fy/2025.html"
    for prefix in ("", "en/"):
        (tmp_path / prefix / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / prefix / page).write_text("p", encoding="utf-8")
    previous = {"format": 1, "files": {page: "k1", f"en/{page}": "k2"}, "cache": {}}
    writer = SiteWriter(tmp_path, previous)
    history_kept.remember(writer, "K", ["b:x", "a:x"], [page], _years(page))
    records = {"a:x": {"sha": "a"}, "b:x": {"sha": "b"}, "stale:x": {"sha": "s"}}
    found = history_kept.reuse(writer, "K", records)
    assert found is not None
    assert found[0] == [{"sha": "b"}, {"sha": "a"}]
    assert found[1] == _years(page)
    assert writer.files == {page: "k1", f"en/{page}": "k2"}
    assert sorted(records) == ["a:x", "b:x"]  # a record no longer in the history is dropped


def _years(page: str) -> dict[str, list[YearPage]]:
    return {"13-tokyo": [YearPage(2025, None, page)]}
