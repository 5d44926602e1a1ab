"""The `renkei` entry point's fast path: a repeat `renkei validate` with nothing changed prints,
byte for byte, what the normal run prints (every format, both languages, --strict), without
importing click or the checks; any change, and any command line it does not know, goes to the
normal run."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.registry import Registry
from renkei.cli import fast_path
from renkei.cli.kept_report import fiscal_year
from renkei.registry import layout
from renkei.registry.run_key import FOLDER_EXTRAS, FOLDER_FILES, full_run_key
from renkei.registry.run_output import CACHE_DIR, OUTPUT_FILE, RESULTS_FILE
from renkei.revisions.dates import fiscal_year_of

FORMATS = ("text", "json", "github")
LANGS = ("en", "ja")
TOKYO = "registry/prefectures/13-tokyo/prefecture.yaml"
MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"
HEAVY = (
    *("click", "yaml", "jsonschema", "jsonschema_rs", "jinja2", "openpyxl", "renkei.checks"),
    # and the standard library's larger modules, which Python's start-up does not import
    *("threading", "typing", "contextlib"),
)
#: Runs `serve` as the entry point does, then names the heavy modules it loaded.
PROBE = """
import sys
from renkei.cli import fast_path
try:
    fast_path.serve(sys.argv[1:])
except SystemExit as exited:
    heavy = sorted(m for m in sys.modules if m.startswith({heavy!r}))
    sys.stderr.write("served " + str(exited.code) + " " + ",".join(heavy))
    raise
sys.stderr.write("not served")
""".replace("{heavy!r}", repr(HEAVY))


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "RENKEI_NO_CACHE", "LC_ALL")}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", **extra})
    env.pop("LC_MESSAGES", None)
    return env


def renkei(registry: Registry, *args: str, **extra: str) -> tuple[int, bytes, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "renkei.cli", *args],
        cwd=registry.root,
        capture_output=True,
        env=environment(**extra),
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def probe(registry: Registry, *args: str, **extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=registry.root,
        capture_output=True,
        env=environment(**extra),
        check=False,
    )
    return done.stderr.decode()


@pytest.fixture(autouse=True)
def cache_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("RENKEI_NO_CACHE", raising=False)


def test_every_format_and_language_prints_what_the_normal_run_prints(registry: Registry) -> None:
    cases = [("validate", "--format", f, "--lang", lang) for f in FORMATS for lang in LANGS]
    cases.append(("validate", "--strict", "--format=json", "--lang=ja"))
    break_tokyo(registry)
    cold = {case: renkei(registry, *case, "--no-cache") for case in cases}
    assert b": error: " in cold[cases[0]][1] and b"hint: " in cold[cases[0]][1]
    assert {code for code, _, _ in cold.values()} == {1}
    for case in cases:  # the normal run (from the result cache) keeps the whole report
        assert renkei(registry, *case) == cold[case]
    for case in cases:
        assert probe(registry, *case[1:]).startswith("not served")  # `validate` comes first
        assert probe(registry, *case) == f"served {cold[case][0]} "  # nothing heavy imported
        assert renkei(registry, *case) == cold[case]


def break_tokyo(registry: Registry) -> None:
    """A wrong local-government code: an error with a hint, in both languages."""
    registry.replace(MUNICIPALITIES, CHIYODA, "13101,千代田区,not_answered,,,,,,\n")


def test_the_default_language_comes_from_the_locale(registry: Registry) -> None:
    break_tokyo(registry)
    cold = renkei(registry, "validate", "--no-cache", LANG="ja_JP.UTF-8")
    assert "問題があります" in cold[1].decode()
    assert renkei(registry, "validate", LANG="ja_JP.UTF-8") == cold
    assert renkei(registry, "validate", LANG="ja_JP.UTF-8") == cold
    assert probe(registry, "validate", LANG="ja_JP.UTF-8").startswith("served")
    assert probe(registry, "validate").startswith("not served")  # English: not kept yet
    english = renkei(registry, "validate", "--no-cache")
    assert renkei(registry, "validate") == english  # kept beside the Japanese report


def test_a_change_anywhere_is_never_served(registry: Registry) -> None:
    renkei(registry, "validate")
    assert probe(registry, "validate").startswith("served")
    registry.write(TOKYO, registry.read(TOKYO) + "# edited\n")
    assert probe(registry, "validate").startswith("not served")
    assert renkei(registry, "validate") == renkei(registry, "validate", "--no-cache")
    assert probe(registry, "validate").startswith("served")
    schema = registry.root / "schemas" / "prefecture.schema.json"
    schema.write_text(schema.read_text("utf-8") + "\n", "utf-8")
    assert probe(registry, "validate").startswith("not served")
    renkei(registry, "validate")
    (registry.root / "registry/prefectures/13-tokyo/notes.txt").write_text("x", "utf-8")
    assert probe(registry, "validate").startswith("not served")  # a stray file: P013
    assert renkei(registry, "validate") == renkei(registry, "validate", "--no-cache")
    assert probe(registry, "validate").startswith("not served")  # never kept for such a run


def test_a_copied_or_touched_cache_is_never_served(registry: Registry) -> None:
    renkei(registry, "validate")
    kept = registry.root / CACHE_DIR / OUTPUT_FILE
    data = kept.read_bytes()
    kept.unlink()
    kept.write_bytes(data)  # the same bytes, another file
    assert probe(registry, "validate").startswith("not served")
    renkei(registry, "validate")
    assert probe(registry, "validate").startswith("served")
    results = registry.root / CACHE_DIR / RESULTS_FILE
    os.utime(results)  # the result cache is no longer the file renkei wrote: a notice is due
    assert probe(registry, "validate").startswith("not served")
    assert "discarded the validation cache" in renkei(registry, "validate")[2].decode()
    # That run wrote the result cache afresh: a normal run now prints no notice.
    assert probe(registry, "validate").startswith("served")
    assert renkei(registry, "validate") == renkei(registry, "validate", "--no-cache")


def test_the_cache_off_is_never_served(registry: Registry) -> None:
    renkei(registry, "validate")
    assert probe(registry, "validate").startswith("served")
    for name in ("CI", "RENKEI_NO_CACHE"):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, "validate"],
            cwd=registry.root,
            capture_output=True,
            env=environment(**{name: "true"}),
            check=False,
        )
        assert done.stderr.decode().startswith("not served")
    assert probe(registry, "validate", "--no-cache").startswith("not served")


def test_only_the_command_lines_it_knows_are_taken() -> None:
    assert fast_path.parse(["validate"]) == {}
    assert fast_path.parse(["validate", "--lang", "ja", "--format=json", "--strict"]) == {
        "--lang": "ja",
        "--format": "json",
        "--strict": "1",
    }
    assert fast_path.parse(["validate", "--root", "/x"]) == {"--root": "/x"}
    for refused in (
        [],
        ["bundle"],
        ["--debug", "validate"],
        ["validate", "registry/prefectures/13-tokyo"],
        ["validate", "--no-cache"],
        ["validate", "--summary"],
        ["validate", "--jobs", "2"],
        ["validate", "--as-of", "2026-01-01"],
        ["validate", "--lang", "fr"],
        ["validate", "--lang"],
        ["validate", "--lang", "--strict"],
        ["validate", "--format", "text", "--format", "json"],
        ["validate", "--strict=1"],
        ["validate", "--root", ""],
        ["validate", "--help"],
        ["validate", "--"],
    ):
        assert fast_path.parse(refused) is None, refused


def test_the_root_is_found_as_the_normal_run_finds_it(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = registry.root / "registry" / "prefectures" / "13-tokyo"
    monkeypatch.chdir(inside)
    assert fast_path.find_root(None) == str(layout.find_root(Path.cwd()))
    assert fast_path.find_root(str(registry.root)) == str(registry.root.resolve())
    assert fast_path.find_root(str(inside)) is None
    monkeypatch.chdir(registry.root.parent)
    assert fast_path.find_root(None) is None


def test_the_run_key_reads_what_the_checks_read(registry: Registry) -> None:
    assert FOLDER_FILES == layout.REQUIRED_FILES
    assert FOLDER_EXTRAS == layout.ALLOWED_EXTRA
    root = str(registry.root)
    key = full_run_key(root, False, 2026)
    assert key is not None and key == full_run_key(root, False, 2026)
    assert key != full_run_key(root, True, 2026) != full_run_key(root, False, 2025)
    (registry.root / "registry/prefectures/13-tokyo/README.md").write_text("x", "utf-8")
    with_readme = full_run_key(root, False, 2026)
    assert with_readme == key  # the checks never read it
    prefectures = registry.root / "registry" / "prefectures"
    (prefectures / "99-extra").symlink_to(prefectures / "13-tokyo")
    assert full_run_key(root, False, 2026) not in (None, with_readme)  # P017 is in the report
    (prefectures / "99-extra").unlink()
    shutil.move(prefectures / "13-tokyo" / "kpis.csv", registry.root / "kpis.csv")
    assert full_run_key(root, False, 2026) is None  # P012: reported on the files alone


def test_the_fiscal_year_is_the_checks_fiscal_year() -> None:
    assert fiscal_year() == fiscal_year_of(dt.date.today())


def serve_here(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str] | None:
    """`fast_path.serve` in this process: (exit code, output) when it served, else None."""
    capsys.readouterr()
    try:
        fast_path.serve(list(args))
    except SystemExit as exited:
        return int(exited.code or 0), capsys.readouterr().out
    return None


def test_in_this_process_the_kept_report_is_the_normal_runs(
    registry: Registry, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same promise as above, with the normal run and the fast path in this process."""
    break_tokyo(registry)
    root = str(registry.root)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    for output_format in FORMATS:
        for lang in LANGS:
            args = ("validate", "--root", root, "--format", output_format, "--lang", lang)
            assert serve_here(capsys, *args) is None  # nothing kept for this one yet
            normal = registry.run(*args)
            assert normal.exit_code == 1
            assert serve_here(capsys, *args) == (1, normal.output)
    strict = ("validate", f"--root={root}", "--strict", "--format=json")
    normal = registry.run(*strict)
    assert serve_here(capsys, *strict) == (normal.exit_code, normal.output)
    registry.replace(MUNICIPALITIES, "千代田区", "千代田")  # any change: the normal run again
    assert serve_here(capsys, *strict) is None
    assert serve_here(capsys, "validate", "--root", root, "--no-cache") is None
    monkeypatch.setenv("RENKEI_NO_CACHE", "1")
    assert serve_here(capsys, "validate", "--root", root) is None


DAMAGES = {
    "other-magic": lambda data: b"x" + data,
    "truncated": lambda data: data[: len(data) // 2],
    "bad-header": lambda data: data.split(b"\n", 3)[0] + b"\nnot a stamp\n",
    "not-utf8": lambda data: data[:-1] + b"\xff",
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_kept_report_is_never_served(
    registry: Registry, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    """Whatever is wrong with the kept reports' file, the fast path declines and the normal run
    (which prints the same report) keeps a whole one again."""
    root = str(registry.root)
    args = ("validate", "--root", root, "--format", "json")
    normal = registry.run(*args)
    kept = registry.root / CACHE_DIR / OUTPUT_FILE
    assert serve_here(capsys, *args) == (normal.exit_code, normal.output)
    info = kept.stat()
    data = DAMAGES[damage](kept.read_bytes())
    kept.write_bytes(data)
    os.utime(kept, ns=(info.st_atime_ns, info.st_mtime_ns))  # even the same time
    assert serve_here(capsys, *args) is None
    assert registry.run(*args).output == normal.output
    assert serve_here(capsys, *args) == (normal.exit_code, normal.output)


def test_a_folder_in_place_of_the_cache_or_of_the_kept_reports(
    registry: Registry, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(registry.root)
    args = ("validate", "--root", root)
    normal = registry.run(*args)
    kept = registry.root / CACHE_DIR / OUTPUT_FILE
    kept.unlink()
    kept.mkdir()
    assert serve_here(capsys, *args) is None
    assert registry.run(*args).output == normal.output  # the normal run is not disturbed
    shutil.rmtree(registry.root / CACHE_DIR)
    (registry.root / CACHE_DIR).write_text("not a folder\n", encoding="utf-8")
    assert serve_here(capsys, *args) is None
    again = registry.run(*args).output  # with the cache's notice that it was discarded
    assert again.endswith(normal.output) and "discarded the validation cache" in again
