"""The validation cache never serves a result that the current code, inputs and options would
not give: its key covers them all, and a damaged or foreign cache file is discarded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from helpers.registry import REPO, Registry
from renkei.checks.validate import ValidateOptions, validate
from renkei.findings.model import Report
from renkei.registry.cache import (
    CACHE_DIR,
    CACHE_FILE,
    CacheNotice,
    ResultCache,
    code_fingerprint,
    disabled_by_environment,
    source_digest,
)
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.safe_files import LinkedPath

MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"
CACHE = f"{CACHE_DIR}/{CACHE_FILE}"


@pytest.fixture(autouse=True)
def cache_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is off under CI=true; these tests are about the cache, so they allow it."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("RENKEI_NO_CACHE", raising=False)


def break_tokyo(registry: Registry) -> None:
    registry.replace(MUNICIPALITIES, CHIYODA, "13101,千代田区,not_answered,,,,,,\n")


def run(registry: Registry, **changes: object) -> tuple[Report, list[CacheNotice]]:
    notices: list[CacheNotice] = []
    options = replace(ValidateOptions(jobs=1, notify=notices.append), **changes)
    return validate(registry.root, options), notices


def codes(report: Report) -> list[str]:
    return sorted(f.code for f in report.errors)


# The key covers the code -------------------------------------------------------------------


def test_the_code_key_is_part_of_every_key(registry: Registry) -> None:
    first = ResultCache(registry.root, code_key="code-a").base_key(DEFAULT_LIMITS)
    again = ResultCache(registry.root, code_key="code-a").base_key(DEFAULT_LIMITS)
    other = ResultCache(registry.root, code_key="code-b").base_key(DEFAULT_LIMITS)
    assert first == again != other


def test_editing_any_source_file_changes_the_source_digest(tmp_path: Path) -> None:
    package = tmp_path / "renkei"
    shutil.copytree(
        REPO / "tools" / "renkei", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    before = source_digest(package)
    check = package / "checks" / "principles.py"
    check.write_text(check.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert source_digest(package) != before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    after_edit = source_digest(package)
    assert source_digest(package) == after_edit  # stable, and compiled files do not count


def test_the_code_fingerprint_covers_the_installed_source() -> None:
    assert code_fingerprint() != source_digest(REPO / "tools" / "renkei")
    assert len(code_fingerprint()) == 40


# The key covers every option that changes a result --------------------------------------------


def test_a_cache_written_under_other_limits_is_not_served(registry: Registry) -> None:
    report, _ = run(registry)
    assert not report.errors and report.cached_prefectures == 0
    small = replace(DEFAULT_LIMITS, max_rows=3)
    report, _ = run(registry, limits=small)
    assert report.cached_prefectures == 0
    assert "P014" in codes(report)
    report, _ = run(registry)  # the results under the small limits are not served
    assert report.cached_prefectures == 0 and not report.errors


def test_a_cache_written_under_another_fiscal_year_or_strictness_is_not_served(
    registry: Registry,
) -> None:
    import datetime as dt

    run(registry, as_of=dt.date(2026, 3, 31))
    assert run(registry, as_of=dt.date(2025, 4, 1))[0].cached_prefectures == 47  # same FY
    assert run(registry, as_of=dt.date(2026, 4, 1))[0].cached_prefectures == 0
    assert run(registry, as_of=dt.date(2026, 4, 1), strict=True)[0].cached_prefectures == 0
    assert run(registry, as_of=dt.date(2026, 4, 1), strict=True)[0].cached_prefectures == 47


# The key covers every input as it is read ------------------------------------------------------


def test_a_linked_schema_is_refused_even_with_a_cache(registry: Registry, tmp_path: Path) -> None:
    report, _ = run(registry)
    assert not report.errors  # every folder's result is cached now
    outside = tmp_path / "outside"
    outside.mkdir()
    schema = registry.path("schemas/prefecture.schema.json")
    target = outside / "prefecture.schema.json"
    shutil.move(schema, target)
    schema.symlink_to(target)  # the same bytes, read through a link
    with pytest.raises(LinkedPath) as refused:  # refused, never answered from the cache
        run(registry)
    assert refused.value.finding().code == "P015"


def test_a_linked_reference_file_is_keyed_by_what_it_points_at(registry: Registry) -> None:
    reference = registry.path("registry/reference/fields.csv")
    copy = registry.path("registry/reference/fields-copy.csv")
    shutil.copy(reference, copy)
    first = ResultCache(registry.root).base_key(DEFAULT_LIMITS)
    reference.unlink()
    reference.symlink_to(copy.name)
    linked = ResultCache(registry.root).base_key(DEFAULT_LIMITS)
    assert linked != first  # same bytes, but read through a link
    copy.write_text(copy.read_text(encoding="utf-8") + "x,y\n", encoding="utf-8")
    assert ResultCache(registry.root).base_key(DEFAULT_LIMITS) != linked


def test_a_linked_or_special_folder_file_is_never_served_a_regular_files_result(
    registry: Registry,
) -> None:
    kpis = registry.path("registry/prefectures/13-tokyo/kpis.csv")
    report, _ = run(registry)
    assert not report.errors
    saved = registry.root.parent / "kpis.csv"
    shutil.copy(kpis, saved)
    kpis.unlink()
    kpis.symlink_to(saved)
    report, _ = run(registry)
    assert report.cached_prefectures == 46 and "P015" in codes(report)
    kpis.unlink()
    os.mkfifo(kpis)
    report, _ = run(registry)
    assert report.cached_prefectures == 46 and "P019" in codes(report)
    kpis.unlink()
    shutil.copy(saved, kpis)
    report, _ = run(registry)
    assert report.cached_prefectures == 46 and not report.errors


# A damaged, foreign or unusable cache is discarded, with a notice --------------------------------


def _truncate(registry: Registry) -> None:
    path = registry.path(CACHE)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _wrong_types(registry: Registry) -> None:
    path = registry.path(CACHE)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["13-tokyo"]["result"]["findings"] = ["R001"]
    _write_keeping_stamp(path, data)


def _entry_is_a_list(registry: Registry) -> None:
    path = registry.path(CACHE)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["13-tokyo"] = []
    _write_keeping_stamp(path, data)


def _files_is_text(registry: Registry) -> None:
    path = registry.path(CACHE)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["13-tokyo"]["result"]["files"] = "9"
    _write_keeping_stamp(path, data)


def _write_keeping_stamp(path: Path, data: object) -> None:
    """Rewrite the cache in place and restore its recorded time: only its content is wrong."""
    info = path.stat()
    path.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def _directory_in_place(registry: Registry) -> None:
    registry.path(CACHE).unlink()
    registry.path(CACHE).mkdir()


def _fifo_in_place(registry: Registry) -> None:
    registry.path(CACHE).unlink()
    os.mkfifo(registry.path(CACHE))


def _link_in_place(registry: Registry) -> None:
    path = registry.path(CACHE)
    target = registry.root.parent / "elsewhere.json"
    shutil.copy2(path, target)
    path.unlink()
    path.symlink_to(target)


def _folder_is_a_file(registry: Registry) -> None:
    shutil.rmtree(registry.path(CACHE_DIR))
    registry.path(CACHE_DIR).write_text("not a folder\n", encoding="utf-8")


def _not_json(registry: Registry) -> None:
    registry.write(CACHE, "{not json")


def _not_utf8(registry: Registry) -> None:
    registry.write(CACHE, b"\xff\xfe{}")


def _top_is_a_list(registry: Registry) -> None:
    registry.write(CACHE, "[1, 2, 3]")


def _unreadable(registry: Registry) -> None:
    path = registry.path(CACHE)
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        return
    pytest.skip("running as root: file permissions do not apply (the other damages still run)")


DAMAGES = {
    "not-json": _not_json,
    "not-utf8": _not_utf8,
    "truncated": _truncate,
    "top-level-list": _top_is_a_list,
    "finding-is-text": _wrong_types,
    "entry-is-a-list": _entry_is_a_list,
    "files-is-text": _files_is_text,
    "directory-in-place": _directory_in_place,
    "fifo-in-place": _fifo_in_place,
    "link-in-place": _link_in_place,
    "cache-folder-is-a-file": _folder_is_a_file,
    "unreadable": _unreadable,
}


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_a_damaged_cache_is_discarded_with_a_notice_and_the_result_is_right(
    registry: Registry, damage: str
) -> None:
    break_tokyo(registry)
    report, notices = run(registry)
    assert codes(report) == ["R001"] and not notices
    DAMAGES[damage](registry)
    report, notices = run(registry)
    assert codes(report) == ["R001"]
    assert report.cached_prefectures == 0
    assert len(notices) == 1 and notices[0].path == CACHE
    assert "validation cache" in notices[0].render("en")
    assert "検証キャッシュ" in notices[0].render("ja")


def test_a_linked_cache_folder_is_neither_read_nor_written_through(
    registry: Registry, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    registry.path(CACHE_DIR).symlink_to(outside)
    report, notices = run(registry)
    assert not report.errors and len(notices) == 1
    assert "is a link or not a directory" in notices[0].render("en")
    assert list(outside.iterdir()) == []


def test_a_cache_edited_by_hand_to_say_valid_is_not_served(registry: Registry) -> None:
    break_tokyo(registry)
    assert codes(run(registry)[0]) == ["R001"]
    path = registry.path(CACHE)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"]["13-tokyo"]["result"]["findings"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    report, notices = run(registry)
    assert codes(report) == ["R001"] and len(notices) == 1


def test_a_copied_cache_is_not_served(registry: Registry, tmp_path: Path) -> None:
    break_tokyo(registry)
    run(registry)
    path = registry.path(CACHE)
    original = tmp_path / "original.json"
    path.rename(original)  # keeps its inode in use
    shutil.copy2(original, path)  # the same bytes and the same time, another file
    report, notices = run(registry)
    assert report.cached_prefectures == 0 and codes(report) == ["R001"] and notices


def test_a_cache_committed_to_git_is_not_served_from_a_clone(
    registry: Registry, tmp_path: Path
) -> None:
    from helpers.gitrepo import commit, git

    break_tokyo(registry)
    run(registry)
    git(registry.root, "init", "-q", "-b", "main")
    git(registry.root, "add", "-f", CACHE)
    commit(registry.root, "synthetic: a commit with the cache")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(registry.root), str(clone))
    assert (clone / CACHE).is_file()
    report, notices = run(Registry(clone))
    assert report.cached_prefectures == 0 and codes(report) == ["R001"] and notices


def test_a_cache_that_cannot_be_written_leaves_no_file_behind(registry: Registry) -> None:
    registry.path(CACHE).parent.mkdir()
    registry.path(CACHE).mkdir()
    report, notices = run(registry)
    assert not report.errors and len(notices) == 1
    assert sorted(p.name for p in registry.path(CACHE_DIR).iterdir()) == [".gitignore", CACHE_FILE]
    assert list(registry.path(CACHE).iterdir()) == []


def test_the_repeat_run_is_served_from_a_sound_cache(registry: Registry) -> None:
    run(registry)
    report, notices = run(registry)
    assert report.cached_prefectures == 47 and not notices


# CI runs cold ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "disabled"),
    [
        ({}, False),
        ({"CI": "true"}, True),
        ({"CI": "1"}, True),
        ({"CI": "false"}, False),
        ({"RENKEI_NO_CACHE": "1"}, True),
        ({"RENKEI_NO_CACHE": "yes"}, True),
        ({"RENKEI_NO_CACHE": "0"}, False),
        ({"RENKEI_NO_CACHE": ""}, False),
    ],
)
def test_the_environment_can_turn_the_cache_off(environ: dict[str, str], disabled: bool) -> None:
    assert disabled_by_environment(environ) is disabled


@pytest.mark.parametrize("variable", ["CI", "RENKEI_NO_CACHE"])
def test_under_ci_the_cache_is_neither_read_nor_written(
    registry: Registry, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    run(registry)
    before = registry.path(CACHE).read_bytes()
    monkeypatch.setenv(variable, "true")
    break_tokyo(registry)
    report, _ = run(registry)
    assert report.cached_prefectures == 0 and codes(report) == ["R001"]
    assert registry.path(CACHE).read_bytes() == before


def test_the_notice_is_printed_on_stderr_in_the_chosen_language(registry: Registry) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "RENKEI_NO_CACHE")}
    script = Path(sys.executable).with_name("renkei")
    command = [str(script), "validate", "--root", str(registry.root), "--jobs", "1"]
    subprocess.run(command, env=env, capture_output=True, check=True)
    registry.write(CACHE, "{not json")
    for lang, text in (("en", "discarded the validation cache"), ("ja", "検証キャッシュ")):
        completed = subprocess.run(
            [*command, "--lang", lang], env=env, capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stderr
        assert text in completed.stderr and CACHE in completed.stderr
        assert "Traceback" not in completed.stderr
        registry.write(CACHE, "{not json")


# A cache is never committed ------------------------------------------------------------------


def test_hygiene_reports_a_cache_file(registry: Registry) -> None:
    run(registry)
    cache = registry.path(CACHE)
    result = registry.run("hygiene", str(cache), "--lang", "en")
    assert result.exit_code == 1
    assert f"{cache.as_posix()}:1:1: error: cache-committed" in result.output
    assert "never committed" in result.output
    result = registry.run("hygiene", CACHE, "--lang", "ja")
    assert result.exit_code == 1 and "コミットしません" in result.output
