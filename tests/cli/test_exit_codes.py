"""Exit codes as documented: 2 for usage errors (with a message naming what is wrong, also for
missing, unreadable and unwritable paths), 3 for internal errors (one line, bilingual, the
traceback only with --debug or RENKEI_DEBUG=1), 130 when interrupted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.gitrepo import workflow_repo
from helpers.registry import Registry
from renkei.cli import main
from renkei.cli.options import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE


def _permissions_apply() -> bool:
    """False when this process may write into a read-only folder (root, or a capability)."""
    import tempfile

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "read-only"
        folder.mkdir(mode=0o500)
        try:
            (folder / "probe").write_text("", encoding="utf-8")
        except PermissionError:
            return True
        finally:
            folder.chmod(0o700)
        return False


IS_ROOT = not _permissions_apply()
ROOT_REASON = "running as root: file permissions do not apply (the other variants still run)"
TOKYO = "registry/prefectures/13-tokyo"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return workflow_repo(tmp_path / "repo")


def invoke(registry: Registry, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)


# Internal errors -------------------------------------------------------------------------------

BOOM = """
import sys
import renkei.checks.validate

def boom(*args, **kwargs):
    raise RuntimeError("synthetic failure\\nsecond line")

renkei.checks.validate.validate = boom
from renkei.cli import main
sys.argv[0] = "renkei"
main()
"""


def run_broken(
    registry: Registry, *args: str, debug_env: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RENKEI_DEBUG"}
    env["LANG"] = env["LC_ALL"] = "C.UTF-8"
    if debug_env:
        env["RENKEI_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-c", BOOM, *args, "--root", str(registry.root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_an_internal_error_is_exit_3_in_one_line_saying_what_to_report(registry: Registry) -> None:
    completed = run_broken(registry, "validate", "--lang", "en")
    assert completed.returncode == EXIT_INTERNAL == 3
    lines = completed.stderr.splitlines()
    assert lines == [lines[0]] and "Traceback" not in completed.stderr
    assert lines[0].startswith("renkei: internal error (RuntimeError: synthetic failure second")
    assert "renkei --version" in lines[0] and "--debug" in lines[0] and "RENKEI_DEBUG=1" in lines[0]


def test_the_internal_error_message_follows_the_language(registry: Registry) -> None:
    completed = run_broken(registry, "validate", "--lang", "ja")
    assert completed.returncode == 3
    assert completed.stderr.startswith("renkei: 内部エラーです（RuntimeError: synthetic failure")
    assert "報告してください" in completed.stderr and "Traceback" not in completed.stderr


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_prints_the_traceback(registry: Registry, how: str) -> None:
    if how == "option":
        completed = run_broken(registry, "--debug", "validate", "--lang", "en")
    else:
        completed = run_broken(registry, "validate", "--lang", "en", debug_env=True)
    assert completed.returncode == 3
    assert "Traceback (most recent call last)" in completed.stderr
    assert "in boom" in completed.stderr and "\nRuntimeError: synthetic failure" in completed.stderr
    assert completed.stderr.splitlines()[-1].startswith("renkei: internal error (RuntimeError")


def test_an_interrupt_is_exit_130(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    import renkei.checks.validate

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(renkei.checks.validate, "validate", interrupted)
    result = invoke(registry, "validate", "--root", str(registry.root), "--lang", "en")
    assert result.exit_code == EXIT_INTERRUPTED == 130
    assert "renkei: interrupted." in result.output
    result = invoke(registry, "validate", "--root", str(registry.root), "--lang", "ja")
    assert result.exit_code == 130 and "中断しました" in result.output


def test_a_reader_that_goes_away_stops_renkei_quietly(registry: Registry) -> None:
    script = Path(sys.executable).with_name("renkei")
    command = [str(script), "validate", "--root", str(registry.root), "--no-cache", "--lang", "en"]
    process = subprocess.Popen(
        [*command, "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before renkei writes anything: its first write fails
    stderr = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=60) == EXIT_INTERRUPTED, stderr
    assert stderr == ""


# Outputs: a missing folder, a folder that is a file, a read-only folder ------------------------

#: Each command that writes a file or a folder named on the command line: its arguments, given
#: the output path.
OUTPUTS: dict[str, Callable[[Registry, Path], list[str]]] = {
    "diff -o": lambda r, out: ["diff", "--root", str(r.root), "-o", str(out / "diff.txt")],
    "summary -o": lambda r, out: ["summary", "--root", str(r.root), "-o", str(out / "s.md")],
    "export-xlsx -o": lambda r, out: [
        "export-xlsx", "13", "--root", str(r.root), "-o", str(out / "tokyo.xlsx"),
    ],
    "annotate --summary": lambda r, out: [
        "annotate", "--root", str(r.root), "--no-cache", "--summary", str(out / "summary.md"),
    ],
    "bundle --out": lambda r, out: [
        "bundle", "13", "--draft", "--root", str(r.root), "--out", str(out / "bundles"),
    ],
    "export sqlite -o": lambda r, out: [
        "export", "sqlite", "--root", str(r.root), "-o", str(out / "registry.sqlite"),
    ],
}  # fmt: skip


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "no-such-folder"


def _a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("synthetic: a file where a folder is expected\n", encoding="utf-8")
    return path


def _read_only(tmp_path: Path) -> Path:
    if IS_ROOT:
        pytest.skip(ROOT_REASON)
    path = tmp_path / "read-only"
    path.mkdir()
    path.chmod(0o500)
    return path


@pytest.mark.parametrize("command", list(OUTPUTS), ids=list(OUTPUTS))
def test_an_output_in_a_missing_folder_is_a_usage_error(
    repo: Registry, tmp_path: Path, command: str
) -> None:
    folder = _missing(tmp_path)
    result = invoke(repo, *OUTPUTS[command](repo, folder), "--lang", "en")
    if command == "bundle --out":  # the bundle folder is made, with its parents
        assert result.exit_code == 0, result.output
        assert list((folder / "bundles").glob("13-tokyo_*.zip"))
        return
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"The output folder {folder} does not exist; create it first." in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert not folder.exists()


@pytest.mark.parametrize("command", list(OUTPUTS), ids=list(OUTPUTS))
def test_an_output_under_a_regular_file_is_a_usage_error(
    repo: Registry, tmp_path: Path, command: str
) -> None:
    folder = _a_file(tmp_path)
    before = folder.read_bytes()
    result = invoke(repo, *OUTPUTS[command](repo, folder), "--lang", "en")
    assert result.exit_code == EXIT_USAGE, result.output
    assert str(folder) in result.output and "is not a directory" in result.output
    assert "internal error" not in result.output
    assert folder.read_bytes() == before


@pytest.mark.parametrize("command", list(OUTPUTS), ids=list(OUTPUTS))
def test_an_output_in_a_read_only_folder_is_a_usage_error(
    repo: Registry, tmp_path: Path, command: str
) -> None:
    folder = _read_only(tmp_path)
    try:
        result = invoke(repo, *OUTPUTS[command](repo, folder), "--lang", "en")
    finally:
        folder.chmod(0o700)
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"cannot read or write {folder}/" in result.output
    assert "Permission denied" in result.output and "internal error" not in result.output
    assert list(folder.iterdir()) == []


def test_an_output_in_a_system_read_only_folder_is_a_usage_error(repo: Registry) -> None:
    """/sys refuses new files even to root: the read-only case where permissions do not apply."""
    sys_dir = Path("/sys")
    if not sys_dir.is_dir() or not IS_ROOT:
        pytest.skip("needs Linux's /sys and root (the chmod variant covers other users)")
    result = invoke(repo, *OUTPUTS["summary -o"](repo, sys_dir), "--lang", "ja")
    assert result.exit_code == EXIT_USAGE, result.output
    assert "/sys/s.md を読み書きできません" in result.output


def test_an_output_that_is_a_folder_is_a_usage_error(repo: Registry, tmp_path: Path) -> None:
    target = tmp_path / "s.md"
    target.mkdir()
    result = invoke(repo, "summary", "--root", str(repo.root), "-o", str(target), "--lang", "en")
    assert result.exit_code == EXIT_USAGE
    assert f"'{target}' is a directory" in result.output  # refused by the option itself


# Outputs inside the registry: codeowners, scaffold, import --write --------------------------------


def test_codeowners_into_a_folder_in_its_place_is_a_finding(repo: Registry) -> None:
    repo.replace(f"{TOKYO}/prefecture.yaml", "maintainers: []", 'maintainers: ["@tokyo-example"]')
    target = repo.path(".github/CODEOWNERS")
    target.unlink()
    target.mkdir()
    result = invoke(repo, "codeowners", "--root", str(repo.root), "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS, result.output  # a folder in a file's place: P019
    assert ".github/CODEOWNERS:1:1: error: P019" in result.output
    assert target.is_dir()


def test_scaffold_into_a_folder_in_place_of_a_file_is_a_finding(repo: Registry) -> None:
    target = repo.path(f"{TOKYO}/datapackage.yaml")
    target.unlink()
    target.mkdir()
    result = invoke(repo, "scaffold", "13", "--root", str(repo.root), "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS, result.output  # a folder in a file's place: P019
    assert f"{TOKYO}/datapackage.yaml:1:1: error: P019" in result.output
    assert target.is_dir()


def _csv_for_import(repo: Registry) -> Path:
    source = repo.path(f"{TOKYO}/municipalities.csv")
    changed = repo.root.parent / "municipalities.csv"
    text = source.read_text(encoding="utf-8").replace(
        "131016,千代田区,not_answered,,,,,", "131016,千代田区,answered,2026-05-01,none,,情報政策課,"
    )
    changed.write_text(text, encoding="utf-8")
    return changed


@pytest.mark.parametrize("command", ["scaffold", "import-csv --write", "codeowners"])
def test_writing_into_a_read_only_registry_is_a_usage_error(repo: Registry, command: str) -> None:
    if IS_ROOT:
        pytest.skip(ROOT_REASON)
    folder = repo.path(TOKYO)
    args = ["scaffold", "13"]
    if command == "import-csv --write":
        args = ["import-csv", "13", str(_csv_for_import(repo)), "--write"]
    elif command == "codeowners":
        repo.replace(f"{TOKYO}/prefecture.yaml", "maintainers: []", 'maintainers: ["@x-example"]')
        folder = repo.path(".github")
        args = ["codeowners"]
    else:
        repo.path(f"{TOKYO}/datapackage.yaml").unlink()
    folder.chmod(0o500)
    try:
        result = invoke(repo, *args, "--root", str(repo.root), "--lang", "en")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"cannot read or write {folder}/" in result.output
    assert "Permission denied" in result.output


# Inputs that cannot be read --------------------------------------------------------------------


@pytest.mark.parametrize("command", ["import-xlsx", "import-csv", "verify-bundle"])
def test_an_input_that_is_a_special_file_is_a_finding_never_a_hang(
    repo: Registry, tmp_path: Path, command: str
) -> None:
    fifo = tmp_path / "input"
    os.mkfifo(fifo)
    args = [command, str(fifo)] if command == "verify-bundle" else [command, "13", str(fifo)]
    if command != "verify-bundle":
        args += ["--root", str(repo.root)]
    result = invoke(repo, *args, "--lang", "en")
    assert result.exit_code == EXIT_FINDINGS, result.output
    assert ": error: P019 " in result.output and "input" in result.output


@pytest.mark.parametrize("command", ["import-xlsx", "import-csv", "verify-bundle"])
def test_an_input_that_is_a_folder_is_a_usage_error(
    repo: Registry, tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "input.xlsx"
    folder.mkdir()
    args = [command, str(folder)] if command == "verify-bundle" else [command, "13", str(folder)]
    if command != "verify-bundle":
        args += ["--root", str(repo.root)]
    result = invoke(repo, *args, "--lang", "en")
    assert result.exit_code == EXIT_USAGE
    assert f"'{folder}' is a directory" in result.output  # refused by the argument itself


@pytest.mark.parametrize("command", ["import-xlsx", "import-csv", "verify-bundle", "hygiene"])
def test_an_unreadable_input_is_a_usage_error(repo: Registry, tmp_path: Path, command: str) -> None:
    if IS_ROOT:
        pytest.skip(ROOT_REASON)
    source = tmp_path / "input"
    shutil.copy(_csv_for_import(repo), source)
    source.chmod(0)
    args = {
        "import-xlsx": ["import-xlsx", "13", str(source), "--root", str(repo.root)],
        "import-csv": ["import-csv", "13", str(source), "--root", str(repo.root)],
        "verify-bundle": ["verify-bundle", str(source)],
        "hygiene": ["hygiene", str(source)],
    }[command]
    try:
        result = invoke(repo, *args, "--lang", "en")
    finally:
        source.chmod(0o600)
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"'{source}' is not readable" in result.output  # refused by the argument itself


def test_an_unreadable_registry_file_is_a_usage_error(repo: Registry) -> None:
    if IS_ROOT:
        pytest.skip(ROOT_REASON)
    target = repo.path(f"{TOKYO}/kpis.csv")
    target.chmod(0)
    try:
        result = invoke(repo, "validate", "--root", str(repo.root), "--no-cache", "--lang", "ja")
    finally:
        target.chmod(0o644)
    assert result.exit_code == EXIT_USAGE, result.output
    assert f"{target} を読み書きできません" in result.output


# Data problems are findings, never internal errors ---------------------------------------------


def test_a_nameless_resource_beside_an_unexpected_one_is_a_finding(registry: Registry) -> None:
    """SYNTHETIC: datapackage.yaml lists every expected resource, plus one without a name and
    one with an unexpected name; both are named in one X005 (the names were once sorted
    together, and None and a str cannot be compared)."""
    datapackage = f"{TOKYO}/datapackage.yaml"
    text = registry.path(datapackage).read_text(encoding="utf-8")
    registry.write(datapackage, text + "- path: extra.csv\n- name: extra\n  path: extra.csv\n")
    code, report = registry.validate()
    assert code == EXIT_FINDINGS
    x005 = [f for f in report["findings"] if f["code"] == "X005"]
    assert len(x005) == 1, x005
    assert "unexpected resources: None, extra" in x005[0]["message"]["en"], x005
