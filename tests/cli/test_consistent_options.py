"""One set of options across commands: a prefecture spelt the same way everywhere, -o/--output
(bundle's --out kept as a deprecated alias), --revision, and the importers' --format json and
--strict; and every line of a Japanese run in Japanese."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from helpers.gitrepo import committed_registry
from helpers.registry import Registry

#: English outcome words that must not appear in a Japanese run.
ENGLISH = re.compile(r"\bwrote\b|error\(s\)|warning|file\(s\)|\bsource:|compared with|\bvalid\b")
SPELLINGS = ["13", "013", "13-tokyo", "tokyo", "東京都", "registry/prefectures/13-tokyo"]
TOKYO_CSV = "registry/prefectures/13-tokyo/municipalities.csv"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def _run(registry: Registry, *args: str, lang: str = "en") -> Any:
    return registry.run(*args, "--root", str(registry.root), "--lang", lang)


def _spelt(registry: Registry, spelling: str) -> str:
    return str(registry.root / spelling) if "/" in spelling else spelling


@pytest.mark.parametrize("spelling", [*SPELLINGS, "09", "9", "tochigi", "栃木県"])
def test_validate_takes_a_prefecture_as_other_commands_do(
    registry: Registry, spelling: str
) -> None:
    code, report = registry.validate(_spelt(registry, spelling))
    assert code == 0
    expected = "09-tochigi" if spelling in ("09", "9", "tochigi", "栃木県") else "13-tokyo"
    assert report["summary"]["prefectures"] == [expected]


def test_validate_names_what_is_neither_a_path_nor_a_prefecture(registry: Registry) -> None:
    result = _run(registry, "validate", "48")
    assert result.exit_code == 2 and "neither a path nor a prefecture" in result.output


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_command_takes_the_same_prefecture_spellings(
    repo: Registry, spelling: str, tmp_path: Path
) -> None:
    name = _spelt(repo, spelling)
    book = tmp_path / "tokyo.xlsx"
    assert _run(repo, "export-xlsx", name, "-o", str(book)).exit_code == 0 and book.is_file()
    imported = _run(repo, "import-xlsx", name, str(book))
    assert imported.exit_code == 0, imported.output
    assert _run(repo, "import-csv", name, str(repo.path(TOKYO_CSV))).exit_code == 0
    log = _run(repo, "log", name, "--format", "json")
    assert log.exit_code == 0, log.output
    diff = _run(repo, "diff", name, "--format", "json")
    assert diff.exit_code == 0, diff.output
    repo.path("registry/prefectures/13-tokyo/datapackage.yaml").unlink()
    scaffold = _run(repo, "scaffold", name)
    assert scaffold.exit_code == 0 and "13-tokyo/datapackage.yaml" in scaffold.output
    out = tmp_path / "dist"
    bundle = _run(repo, "bundle", name, "-o", str(out), "--draft")
    assert bundle.exit_code == 0, bundle.output
    assert [p.name.split("_")[0] for p in out.glob("*.zip")] == ["13-tokyo"]


def test_an_unknown_prefecture_names_the_accepted_spellings(repo: Registry) -> None:
    for args in (["log", "tokio"], ["bundle", "tokio"], ["export-xlsx", "tokio", "-o", "x.xlsx"]):
        result = _run(repo, *args)
        assert result.exit_code == 2, args
        assert "No prefecture 'tokio'. Give a code (09)" in result.output


def test_output_is_dash_o_everywhere_and_bundle_out_still_works(
    repo: Registry, tmp_path: Path
) -> None:
    for args, written in (
        (["diff", "--output"], tmp_path / "diff.txt"),
        (["summary", "-o"], tmp_path / "summary.txt"),
        (["export-xlsx", "13", "--output"], tmp_path / "book.xlsx"),
    ):
        result = _run(repo, *args, str(written))
        assert result.exit_code == 0, result.output
        assert written.is_file() and f"wrote {written}" in result.output
    new = _run(repo, "bundle", "13", "--output", str(tmp_path / "new"), "--draft")
    assert new.exit_code == 0 and "deprecated" not in new.output
    old = _run(repo, "bundle", "13", "--out", str(tmp_path / "old"), "--draft")
    assert old.exit_code == 0
    assert "renkei: --out is deprecated; use -o/--output." in old.stderr
    assert [p.name for p in (tmp_path / "old").glob("*.zip")] == [
        p.name for p in (tmp_path / "new").glob("*.zip")
    ]
    help_lines = _run(repo, "bundle", "--help").output.splitlines()
    assert not any(line.strip().startswith("--out") for line in help_lines)
    ja = _run(repo, "bundle", "13", "--out", str(tmp_path / "old"), "--draft", lang="ja")
    assert "--out は非推奨です。-o/--output を使ってください。" in ja.stderr


def test_a_revision_is_named_by_revision(repo: Registry) -> None:
    by_option = _run(repo, "diff", "--revision", "HEAD", "--format", "json")
    positional = _run(repo, "diff", "HEAD", "--format", "json")
    assert by_option.exit_code == 0 and by_option.output == positional.output
    both = _run(repo, "diff", "HEAD", "--revision", "HEAD")
    assert both.exit_code == 2 and "--revision cannot be combined" in both.output
    for command in ("scope", "change-kind"):
        assert _run(repo, command, "--revision", "main").exit_code == 0


def test_the_importers_speak_json_and_take_strict(repo: Registry) -> None:
    result = _run(repo, "import-csv", "13", str(repo.path(TOKYO_CSV)), "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["valid"] is True and document["summary"] == {"errors": 0, "warnings": 0}
    assert document["would_change"] == [] and document["written"] == []
    strict = _run(repo, "import-csv", "13", str(repo.path(TOKYO_CSV)), "--strict")
    assert strict.exit_code == 0, strict.output
    broken = repo.path("broken.csv")
    broken.write_text(repo.read(TOKYO_CSV).replace("131016", "13101"), encoding="utf-8")
    refused = _run(repo, "import-csv", "13", str(broken), "--format", "json", "--write")
    assert refused.exit_code == 1
    document = json.loads(refused.output)
    assert document["valid"] is False and document["written"] == []
    assert document["summary"]["errors"] >= 1 and document["findings"]


def test_no_english_outcome_word_in_a_japanese_run(repo: Registry, tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    runs = [
        ["scaffold", "13"],
        ["export-xlsx", "東京都", "-o", str(book)],
        ["import-xlsx", "13", str(book)],
        ["import-csv", "13", str(repo.path(TOKYO_CSV))],
        ["summary", "-o", str(tmp_path / "summary.md"), "--format", "markdown"],
        ["diff", "13", "-o", str(tmp_path / "diff.md"), "--format", "markdown"],
        ["bundle", "13", "-o", str(tmp_path / "dist"), "--draft"],
        ["bundle", "--all", "-o", str(tmp_path / "all"), "--draft"],
        ["validate", "13"],
    ]
    for args in runs:
        result = _run(repo, *args, lang="ja")
        assert result.exit_code == 0, (args, result.output)
        text = result.output
        if args[0] == "validate":  # the finding lines are for editors; the verdict is Japanese
            text = text.splitlines()[-1]
        assert not ENGLISH.search(text), (args, text)
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text), (args, text)
