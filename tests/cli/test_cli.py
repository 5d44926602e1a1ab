"""The validate command as users run it: root discovery, paths, languages, formats, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers.registry import REPO, Registry
from renkei.cli import main
from renkei.cli.errors_doc import render_errors_doc
from renkei.cli.options import default_lang

MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"


def _break_tokyo(registry: Registry) -> None:
    registry.replace(MUNICIPALITIES, CHIYODA, "13101,千代田区,not_answered,,,,,,\n")


def test_root_is_found_from_a_subdirectory(registry: Registry) -> None:
    _break_tokyo(registry)
    old = Path.cwd()
    os.chdir(registry.path("registry/prefectures/13-tokyo"))
    try:
        result = CliRunner().invoke(main, ["validate", "--no-cache", "--lang", "en"])
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    assert "registry/prefectures/13-tokyo/municipalities.csv:2:1: error: R001" in result.output


def test_no_registry_is_a_usage_error(tmp_path: Path) -> None:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["validate", "--lang", "en"])
    finally:
        os.chdir(old)
    assert result.exit_code == 2
    assert "No registry found" in result.output
    assert "Traceback" not in result.output


def test_missing_path_is_a_usage_error(registry: Registry) -> None:
    result = registry.run("validate", "--root", str(registry.root), "nope.yaml", "--lang", "ja")
    assert result.exit_code == 2
    assert "nope.yaml がありません" in result.output


def test_text_format_lines_and_japanese(registry: Registry) -> None:
    _break_tokyo(registry)
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "ja")
    lines = result.output.splitlines()
    pattern = re.compile(r"^[^:]+:\d+:\d+: (error|warning): [PSTRX]\d{3} .+$")
    assert pattern.match(lines[0]), lines[0]
    assert "団体コード 13101" in lines[0]
    assert lines[1].startswith("    ヒント: ") and '"131016" 千代田区' in lines[1]
    assert lines[-1].startswith("問題があります: エラー 1 件")


def test_lang_defaults_from_environment() -> None:
    assert default_lang({"LANG": "ja_JP.UTF-8"}) == "ja"
    assert default_lang({"LANG": "en_US.UTF-8"}) == "en"
    assert default_lang({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}) == "en"
    assert default_lang({"LC_ALL": "ja_JP.UTF-8", "LANG": "C"}) == "ja"
    assert default_lang({}) == "en"


def test_lang_env_reaches_the_output(registry: Registry) -> None:
    _break_tokyo(registry)
    japanese = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "ja_JP.UTF-8"}
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", env=japanese)
    assert "団体コード" in result.output
    # LC_ALL overrides LANG, as for every program that reads the locale.
    result = registry.run(
        "validate", "--root", str(registry.root), "--no-cache", env={**japanese, "LC_ALL": "C"}
    )
    assert "local government code" in result.output


def test_json_shape_is_stable(registry: Registry) -> None:
    _break_tokyo(registry)
    code, report = registry.validate()
    assert code == 1
    assert set(report) == {"format_version", "tool", "valid", "summary", "findings"}
    assert report["format_version"] == 1 and report["valid"] is False
    assert set(report["summary"]) == {"errors", "warnings", "files", "prefectures"}
    finding = report["findings"][0]
    assert set(finding) == {
        "code",
        "name",
        "severity",
        "file",
        "line",
        "column",
        "where",
        "message",
        "hint",
    }
    assert finding["where"] == "row 2, column lg_code"
    assert set(finding["message"]) == set(finding["hint"]) == {"ja", "en"}


WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]*$"
)


def test_github_format_is_valid_workflow_command_syntax(registry: Registry) -> None:
    _break_tokyo(registry)
    registry.replace(MUNICIPALITIES, "131024,中央区,", "131024,中央区 ,")
    result = registry.run(
        "validate", "--root", str(registry.root), "--no-cache", "--format", "github"
    )
    commands = [line for line in result.output.splitlines() if line.startswith("::")]
    commands = [line for line in commands if "13-tokyo" in line]
    assert len(commands) == 2
    for line in commands:
        assert WORKFLOW_COMMAND.match(line), line
    assert "%0A" in commands[0]  # the hint is on its own line
    assert "title=R001 lg-code-format" in commands[0]


def test_strict_makes_warnings_fail(registry: Registry) -> None:
    registry.replace(MUNICIPALITIES, "131024,中央区,", "131024,中央区 ,")
    assert registry.validate()[0] == 0
    assert registry.validate("--strict")[0] == 1


def test_paths_limit_the_check_to_their_prefectures(registry: Registry) -> None:
    _break_tokyo(registry)
    hokkaido = str(registry.path("registry/prefectures/01-hokkaido/platforms.yaml"))
    code, report = registry.validate(hokkaido)
    assert code == 0 and report["summary"]["prefectures"] == ["01-hokkaido"]
    tokyo = str(registry.path(MUNICIPALITIES))
    code, report = registry.validate(tokyo)
    assert code == 1 and report["summary"]["prefectures"] == ["13-tokyo"]


def test_a_schema_path_checks_everything(registry: Registry) -> None:
    _, report = registry.validate(str(registry.path("schemas/platforms.schema.json")))
    assert len(report["summary"]["prefectures"]) == 47


def test_validate_changes_no_registry_file(registry: Registry) -> None:
    _break_tokyo(registry)

    def tree_hash() -> str:
        digest = hashlib.sha256()
        for path in sorted(registry.path("registry").rglob("*")):
            if path.is_file():
                digest.update(str(path).encode() + path.read_bytes())
        return digest.hexdigest()

    before = tree_hash()
    registry.run("validate", "--root", str(registry.root))
    assert tree_hash() == before


def test_cache_serves_repeat_runs_and_notices_changes(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    from renkei.checks.validate import ValidateOptions, validate

    for variable in ("CI", "RENKEI_NO_CACHE"):
        monkeypatch.delenv(variable, raising=False)
    first = validate(registry.root, ValidateOptions())
    assert first.cached_prefectures == 0 and not first.errors
    second = validate(registry.root, ValidateOptions())
    assert second.cached_prefectures == 47
    _break_tokyo(registry)
    third = validate(registry.root, ValidateOptions())
    assert third.cached_prefectures == 46
    assert [f.code for f in third.errors] == ["R001"]
    fourth = validate(registry.root, ValidateOptions())
    assert [f.code for f in fourth.errors] == ["R001"]
    assert fourth.cached_prefectures == 47


def test_a_broken_cache_file_is_ignored(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    from renkei.checks.validate import ValidateOptions, validate

    for variable in ("CI", "RENKEI_NO_CACHE"):
        monkeypatch.delenv(variable, raising=False)
    validate(registry.root, ValidateOptions())
    registry.write(".renkei-cache/validate.json", "{not json")
    assert not validate(registry.root, ValidateOptions()).errors


def test_errors_doc_is_generated_from_the_catalogue() -> None:
    committed = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    assert committed == render_errors_doc(), "run `make docs` to regenerate docs/errors.md"


def test_console_script_runs_as_a_subprocess(registry: Registry) -> None:
    _break_tokyo(registry)
    script = Path(sys.executable).with_name("renkei")
    completed = subprocess.run(
        [str(script), "validate", "--lang", "en", "--format", "json"],
        cwd=registry.root,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["summary"]["errors"] == 1
    assert completed.stderr == ""


def test_parallel_and_serial_runs_report_the_same(registry: Registry) -> None:
    _break_tokyo(registry)
    registry.replace(
        "registry/prefectures/01-hokkaido/municipalities.csv", "011002,札幌市,", "011002,札幌,"
    )
    _, serial = registry.validate("--jobs", "1")
    _, parallel = registry.validate("--jobs", "2")
    assert serial["findings"] == parallel["findings"]
    assert [f["code"] for f in serial["findings"] if f["severity"] == "error"] == ["R005", "R001"]


def test_a_broken_schema_is_a_clear_usage_error(registry: Registry) -> None:
    registry.write(
        "schemas/prefecture.schema.json",
        '{"$id": "https://renkei.example/schemas/prefecture.schema.json", "type": "nonsense"}',
    )
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "en")
    assert result.exit_code == 2
    assert "The schema schemas/prefecture.schema.json cannot be used" in result.output
    registry.write("schemas/prefecture.schema.json", "{broken")
    result = registry.run(
        "validate", "--root", str(registry.root), "--no-cache", "--jobs", "2", "--lang", "en"
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "The schema schemas/prefecture.schema.json cannot be used" in result.output


def test_full_width_digits_get_the_half_width_code(registry: Registry) -> None:
    registry.replace(MUNICIPALITIES, CHIYODA, "１３１０１６,千代田区,not_answered,,,,,,\n")
    _, report = registry.validate()
    finding = next(f for f in report["findings"] if f["code"] == "R001")
    assert finding["line"] == 2 and finding["column"] == 1
    assert '"131016"' in finding["hint"]["en"] and "半角" in finding["hint"]["ja"]
    assert not [f for f in report["findings"] if f["code"] == "X003"]  # not also "missing"


def test_code_typed_without_quotes_in_yaml_gets_a_quote_hint(registry: Registry) -> None:
    registry.replace(
        "registry/prefectures/13-tokyo/platforms.yaml",
        'lg_code: "131016"',
        "lg_code: 131016",
    )
    _, report = registry.validate()
    finding = next(f for f in report["findings"] if f["code"] == "S003")
    assert '"131016"' in finding["hint"]["en"]
    assert finding["where"] == "$.platforms[0].participants[0].lg_code"


def test_a_broken_reference_file_is_a_clear_usage_error(registry: Registry) -> None:
    registry.write("registry/reference/fields.csv", "identifier,label\nx,y\n")
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "en")
    assert result.exit_code == 2
    assert (
        "registry/reference/fields.csv cannot be read: the column 'id' is missing" in result.output
    )


def test_cli_reference_is_generated_from_the_help() -> None:
    from renkei.cli.doc import render_cli_doc

    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render_cli_doc(main), "run `make docs` to regenerate docs/cli.md"
    assert "## renkei validate" in committed and "## renkei bundle" in committed


def test_a_missing_prefecture_folder_is_reported_for_the_whole_registry(registry: Registry) -> None:
    shutil.rmtree(registry.path("registry/prefectures/47-okinawa"))
    code, report = registry.validate()
    assert code == 1 and [f["code"] for f in report["findings"]] == ["X012"]
    assert report["findings"][0]["file"] == "registry/prefectures/47-okinawa"
    # Checking one prefecture's files does not ask for the others.
    assert registry.validate(str(registry.path(MUNICIPALITIES)))[0] == 0
    # A folder renamed away from its prefecture's name is R006's, not also "missing".
    shutil.move(
        registry.path("registry/prefectures/13-tokyo"),
        registry.path("registry/prefectures/13-tokio"),
    )
    codes = [f["code"] for f in registry.findings()]
    assert "R006" in codes and codes.count("X012") == 1


def test_line_break_characters_in_data_stay_on_their_finding_line(registry: Registry) -> None:
    """A vertical tab, form feed or Unicode line separator in a header does not break the
    one-finding-per-line text and workflow-command formats (found by the fuzz test)."""
    registry.write(MUNICIPALITIES, "\x0b\x0c\u2028" + registry.read(MUNICIPALITIES))
    text = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "en")
    lines = text.output.splitlines()
    assert any(
        line.startswith(f"{MUNICIPALITIES}:1:1: error: T001 ") and "\\x0b" in line for line in lines
    )
    pattern = re.compile(r"^[^:]+:\d+:\d+: (error|warning): [A-Z]\d{3} ")
    assert all(pattern.match(line) or line.startswith("    hint: ") for line in lines[:-1])
    github = registry.run(
        "validate", "--root", str(registry.root), "--no-cache", "--format", "github"
    )
    commands = [line for line in github.output.splitlines() if line.startswith("::")]
    assert len(github.output.splitlines()) == len(commands) + 1
    assert all(WORKFLOW_COMMAND.match(line) for line in commands)
