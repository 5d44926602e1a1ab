"""What a site build keeps for the next one (`renkei.site.kept_states`): each folder as parsed
and its summary row. A rebuild that reads them writes what a fresh build writes, byte for
byte; a damaged kept file is parsed again, never an error; a value JSON cannot give back exactly
is not kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry
from helpers.site import build
from renkei.bundle.package import table_files
from renkei.registry.snapshot import PrefectureState
from renkei.site.api import dump
from renkei.site.data import load_registry
from renkei.site.downloads import (
    HISTORY_KEPT,
    national_tables,
    registry_document,
    registry_json,
    write_data_package,
)
from renkei.site.kept_states import (
    decode,
    decode_summary,
    encode,
    encode_summary,
    state_path,
    summary_path,
)
from renkei.site.output import KEPT_DIR, MANIFEST, SiteWriter
from renkei.summary.build import PrefectureSummary

PLATFORM = "platforms:\n  - id: kept-test\n    name: 合成テスト基盤（SYNTHETIC）\n    sources: []"


def _site_files(out: Path) -> dict[str, bytes]:
    """Every file of a built site but its manifest."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }


def _written(output: str) -> int:
    found = re.search(r"(\d+) written", output)
    assert found is not None, output
    return int(found.group(1))


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def test_a_rebuild_from_kept_states_writes_what_a_fresh_build_writes(
    repo: Registry, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = build(repo, out, "--no-bundles", "--no-search")
    assert first.exit_code == 0, first.output
    pages = [p for p in _site_files(out) if not p.startswith(KEPT_DIR + "/")]
    assert _written(first.output) == len(pages)  # kept files are not counted as pages
    kept_hokkaido = out / state_path("01-hokkaido")
    kept_tokyo = out / summary_path("13-tokyo")
    assert kept_hokkaido.is_file() and kept_tokyo.is_file()
    before = kept_hokkaido.stat().st_mtime_ns, kept_tokyo.read_bytes()

    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", PLATFORM)
    again = build(repo, out, "--no-bundles", "--no-search")
    assert again.exit_code == 0, again.output
    fresh = tmp_path / "fresh"
    assert build(repo, fresh, "--no-bundles", "--no-search").exit_code == 0
    rebuilt, expected = _site_files(out), _site_files(fresh)
    assert sorted(rebuilt) == sorted(expected)
    assert [p for p in expected if rebuilt[p] != expected[p]] == []
    # The unchanged folders were read from what the first build kept, not parsed again.
    assert kept_hokkaido.stat().st_mtime_ns == before[0]
    assert kept_tokyo.read_bytes() == before[1]
    assert "kept-test" in (out / state_path("14-kanagawa")).read_text(encoding="utf-8")


def test_a_damaged_kept_file_is_parsed_again(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    (out / state_path("01-hokkaido")).write_bytes(b"{not json")
    (out / summary_path("01-hokkaido")).write_text('{"format": 1, "row": []}', encoding="utf-8")
    (out / state_path("13-tokyo")).write_text(
        json.dumps({"format": 2, "platforms": [], "tables": {}}), encoding="utf-8"
    )
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", PLATFORM)
    again = build(repo, out, "--no-bundles", "--no-search")
    assert again.exit_code == 0, again.output
    fresh = tmp_path / "fresh"
    assert build(repo, fresh, "--no-bundles", "--no-search").exit_code == 0
    assert _site_files(out) == _site_files(fresh)


def test_kept_files_of_a_folder_that_is_gone_are_removed_and_not_counted(
    repo: Registry, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    before = set(_site_files(out))
    shutil.rmtree(repo.root / "registry/prefectures/47-okinawa")
    again = build(repo, out, "--no-bundles", "--no-search")
    assert again.exit_code == 0, again.output
    gone = before - set(_site_files(out))
    assert {state_path("47-okinawa"), summary_path("47-okinawa")} <= gone
    pages_gone = [p for p in gone if not p.startswith(KEPT_DIR + "/")]
    assert pages_gone  # the prefecture's pages
    assert f"{len(pages_gone)} removed" in again.output, again.output


def test_a_new_commit_reads_the_history_again(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    assert (out / HISTORY_KEPT).is_file()
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", PLATFORM)
    sha = commit(repo, "SYNTHETIC: a platform for Kanagawa")
    again = build(repo, out, "--no-bundles", "--no-search")
    assert again.exit_code == 0, again.output
    with contextlib.closing(sqlite3.connect(out / "downloads/registry.sqlite")) as database:
        found = database.execute("SELECT prefecture FROM history WHERE [commit] = ?", (sha,))
        assert found.fetchall() == [("14-kanagawa",)]


def test_registry_json_from_kept_parts_is_the_document_as_the_api_writes_it(
    repo: Registry, tmp_path: Path
) -> None:
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", PLATFORM)
    data = load_registry(repo.root, dt.date(2026, 1, 15), {})
    expected = dump(registry_document(data)).encode()
    writer = SiteWriter(tmp_path / "out", {})
    assert registry_json(data, writer) == expected  # made and kept
    parts = {p: (tmp_path / "out" / p).stat().st_mtime_ns for p in writer.files}
    assert len(parts) == len(data.folders)
    kept = SiteWriter(tmp_path / "out", {"format": 1, "files": writer.files})
    assert registry_json(data, kept) == expected  # read from what was kept
    assert {p: (tmp_path / "out" / p).stat().st_mtime_ns for p in kept.files} == parts
    assert "kept-test" in expected.decode()


def test_the_data_package_from_kept_parts_is_the_one_made_from_every_table(
    repo: Registry, tmp_path: Path
) -> None:
    # surveys.yaml in a later folder only: its table comes after the platforms' tables.
    repo.write(
        repo.pref("surveys.yaml", "14-kanagawa"),
        "schema_version: 1\nrounds:\n  - id: r1\n    fiscal_year: 2025\n"
        "    coverage: {answered: 3, total: 33}\n",
    )
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []",
                 "platforms:\n  - id: kept-test\n    name: '=SYNTHETIC()'\n    sources: []")  # fmt: skip
    data = load_registry(repo.root, dt.date(2026, 1, 15), {})
    contents, resources, _ = table_files(national_tables(data), "utf-8-sig", check=False)
    assert "'=SYNTHETIC()" in contents["platforms.csv"].decode("utf-8-sig")
    out = tmp_path / "out"
    parts: dict[str, str] = {}
    mtimes: dict[str, int] | None = None
    for previous in ({}, {"format": 1, "files": parts}):  # made and kept, then read
        writer = SiteWriter(out, previous)
        written = write_data_package(data, writer)
        parts.update({p: k for p, k in writer.files.items() if p.startswith(KEPT_DIR + "/")})
        assert len(parts) == len(data.folders)
        files = {p.removeprefix("downloads/data/"): (out / p).read_bytes() for p in written}
        package = json.loads(files.pop("datapackage.json"))
        assert files == contents
        assert package["resources"] == resources
        assert [r["name"] for r in resources][-1] == "survey-rounds"
        now = {p: (out / p).stat().st_mtime_ns for p in parts}
        assert mtimes in (None, now)  # the second time, the parts were read, not written
        mtimes = now


def _state() -> PrefectureState:
    state = PrefectureState(
        "13-tokyo",
        prefecture={"name": "東京都", "code": "13", "numbers": [1, 1.0, 1e-7, -3, True, None]},
        platforms={
            "a": {"id": "a", "nested": {"list": [{"x": "ｘ　全角"}], "empty": {}}},
            "#1": {"name": "no id"},
        },
        vision={"status": "adopted", "revisions": [{"fiscal_year": 2025, "number": 1}]},
        surveys=None,
    )
    state.tables["municipalities"] = {
        ("131016",): {"lg_code": "131016", "name": "千代田区"},
        ("131024",): {"lg_code": "131024", "name": ""},
    }
    state.tables["kpis"] = {}
    return state


def test_a_parsed_folder_comes_back_exactly() -> None:
    state = _state()
    data = encode(state)
    assert data is not None
    back = decode("13-tokyo", data)
    assert back == state
    assert repr(back) == repr(state)  # types too: 1.0 stays a float, True a bool


def test_a_folder_with_an_unreadable_file_is_not_kept() -> None:
    state = _state()
    state.unreadable["vision.yaml"] = "not a mapping"
    assert encode(state) is None


def test_text_utf8_cannot_hold_is_not_kept() -> None:
    state = _state()
    state.vision = {"status": "\ud800"}  # a lone surrogate, as a YAML escape can give
    assert encode(state) is None


def test_a_table_whose_rows_have_other_columns_is_not_kept() -> None:
    state = _state()
    state.tables["municipalities"][("131032",)] = {"name": "港区", "lg_code": "131032"}
    assert encode(state) is None


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"[]",
        b'{"format": 1, "platforms": {}, "tables": {}}',
        b'{"format": 2, "platforms": [], "tables": {}}',
        b'{"format": 2, "platforms": {"a": 1}, "tables": {}}',
        b'{"format": 2, "platforms": {}, "tables": {}, "vision": []}',
        b'{"format": 2, "platforms": {}, "tables": {"t": []}}',
        b'{"format": 2, "platforms": {}, "tables": {"t": {"columns": ["c"], "rows": {}}}}',
        b'{"format": 2, "platforms": {}, "tables": {"t": {"columns": [1], "rows": []}}}',
        b'{"format": 2, "platforms": {}, "tables": {"t": {"columns": ["c"], "rows": [["k", ["v"]]]}}}',
        b'{"format": 2, "platforms": {}, "tables": {"t": {"columns": ["c"], "rows": [[["k"], [1]]]}}}',
        b'{"format": 2, "platforms": {}, "tables": {"t": {"columns": ["c"], "rows": [[["k"], []]]}}}',
        b'{"format": 2, "platforms": {}, "tables": {"t": {"columns": ["c"], "rows": [[["k"]]]}}}',
        b"[" * 100_000,
    ],
)
def test_a_file_that_is_not_a_parsed_folder_is_refused(data: bytes) -> None:
    assert decode("13-tokyo", data) is None


def _row() -> PrefectureSummary:
    return PrefectureSummary(
        "13",
        "13-tokyo",
        "東京都",
        category="prefectural_shared",
        latest_fiscal_year=2025,
        latest_revision=1,
        platforms_by_kind=Counter({"cross_field": 1, "field": 2}),
        principle_findings=["SYNTHETIC-CODE"],
        category_label=("都道府県による共同利用", "Shared by the prefecture"),
        vision_notice={"sent_to_agency_on": "2025-05-31", "format": None},
        area_inventory={"as_of": "2025-04-01", "counts": {"a": {"value": "1"}}},
    )


def test_a_summary_row_comes_back_exactly() -> None:
    row = _row()
    data = encode_summary(row)
    assert data is not None
    back = decode_summary(data)
    assert back == row
    assert isinstance(back.platforms_by_kind, Counter) and isinstance(back.category_label, tuple)
    assert list(back.platforms_by_kind) == ["cross_field", "field"]  # order kept


def test_a_summary_row_json_cannot_give_back_is_not_kept() -> None:
    row = _row()
    row.vision_notice = {"pair": ("a", "b")}  # a tuple would come back as a list
    assert encode_summary(row) is None
    row.vision_notice = {"when": object()}  # not JSON at all
    assert encode_summary(row) is None


@pytest.mark.parametrize(
    "data",
    [b"{}", b'{"format": 1, "row": {}}', b'{"format": 1, "row": []}', b"nope", b'"text"'],
)
def test_a_file_that_is_not_a_summary_row_is_refused(data: bytes) -> None:
    assert decode_summary(data) is None


def test_kept_files_never_follow_a_link_out_of_the_site(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("SYNTHETIC: keep me\n", encoding="utf-8")
    shutil.rmtree(out / KEPT_DIR / "parsed")
    (out / KEPT_DIR / "parsed").symlink_to(elsewhere, target_is_directory=True)
    victim = tmp_path / "victim.json"
    victim.write_text("SYNTHETIC: not a kept file\n", encoding="utf-8")
    summary = out / summary_path("13-tokyo")
    summary.unlink()
    summary.symlink_to(victim)
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []", PLATFORM)
    again = build(repo, out, "--no-bundles", "--no-search")
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in elsewhere.iterdir()) == ["mine.txt"]
    assert victim.read_text(encoding="utf-8") == "SYNTHETIC: not a kept file\n"
    fresh = tmp_path / "fresh"
    assert build(repo, fresh, "--no-bundles", "--no-search").exit_code == 0
    pages = {p: b for p, b in _site_files(fresh).items() if not p.startswith(KEPT_DIR + "/")}
    rebuilt = _site_files(out)
    assert {p: rebuilt.get(p) for p in pages} == pages
