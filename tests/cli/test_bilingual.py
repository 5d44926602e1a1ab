"""The command line in two languages: help pages and click's own usage errors in Japanese under
a Japanese locale, --lang ja or RENKEI_LANG=ja, in English otherwise; and no English outcome
word in a Japanese run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from helpers.registry import REPO
from renkei.cli import main
from renkei.cli.bilingual import BilingualCommand, BilingualGroup, BilingualOption
from renkei.cli.help_format import display_width, wrap
from renkei.cli.language import current_language, language, language_of, set_language
from renkei.findings.model import Finding, Report
from renkei.report.reporters import summary_line

JA = {"LANG": "ja_JP.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "RENKEI_LANG": None}
EN = {"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "RENKEI_LANG": None}
WIDE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _commands() -> Iterator[tuple[str, click.Command]]:
    """Every command beneath `renkei`, with its name as typed after `renkei`."""
    context = click.Context(main, info_name="renkei")
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        yield name, command
        if isinstance(command, click.Group):
            for sub in command.list_commands(context):
                child = command.get_command(context, sub)
                assert child is not None
                yield f"{name} {sub}", child


def _invoke(args: list[str], env: dict[str, str | None]) -> str:
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False, prog_name="renkei")
    return result.output


def _subprocess(args: list[str], lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "RENKEI_LANG")}
    env["LANG"] = lang
    return subprocess.run(
        [str(Path(sys.executable).with_name("renkei")), *args],
        capture_output=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=120,
    )


def test_every_command_and_option_has_a_japanese_help() -> None:
    assert isinstance(main, BilingualGroup) and main.help_ja
    for name, command in _commands():
        assert isinstance(command, (BilingualCommand, BilingualGroup)), name
        assert command.help_ja and WIDE.search(command.help_ja), name
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and param.name != "version":
                assert isinstance(param, BilingualOption), (name, param.name)
                assert param.help_ja and WIDE.search(param.help_ja), (name, param.name)


def test_help_is_japanese_under_a_japanese_locale_in_a_real_process() -> None:
    completed = _subprocess(["--help"], "ja_JP.UTF-8")
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert out.startswith("使い方: renkei [オプション] COMMAND [ARGS]...")
    assert "オプション:" in out and "コマンド:" in out
    assert "このヘルプを表示して終了します。" in out and "バージョンを表示して終了します。" in out
    assert "validate       レジストリ全体" in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message and exit."):
        assert english not in out


def test_help_is_english_under_the_c_locale_in_a_real_process() -> None:
    completed = _subprocess(["validate", "--help"], "C.UTF-8")
    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert out.startswith("Usage: renkei validate [OPTIONS] [PATHS]...")
    assert "Options:" in out and "Show this message and exit." in out
    assert "Exit 1 on warnings too." in out and "使い方" not in out


def test_a_usage_error_is_japanese_in_a_real_process() -> None:
    completed = _subprocess(["export-xlsx"], "ja_JP.UTF-8")
    assert completed.returncode == 2
    assert completed.stderr.splitlines() == [
        "使い方: renkei export-xlsx [オプション] PREFECTURE",
        "ヘルプは 'renkei export-xlsx --help' で表示できます。",
        "",
        "エラー: 引数が足りません: 'PREFECTURE'.",
    ]


@pytest.mark.parametrize(("name", "command"), list(_commands()))
def test_every_help_page_is_japanese(name: str, command: click.Command) -> None:
    out = _invoke([*name.split(), "--help"], JA)
    assert out.startswith(f"使い方: renkei {name} [オプション]")
    assert "オプション:" in out and "このヘルプを表示して終了します。" in out
    assert "Usage:" not in out and "Options:" not in out and "Show this message" not in out
    # Each option's help is the Japanese one: every option line holds a wide character.
    options = out.split("オプション:\n", 1)[1]
    for line in options.splitlines():
        if line.startswith("  -"):
            assert WIDE.search(line) or line.rstrip().endswith(("]", "TEXT")), line
    # Laid out by display width: no line wider than the terminal click assumes (80).
    assert all(display_width(line) <= 80 for line in out.splitlines() if " " not in line[20:])
    english = _invoke([*name.split(), "--help"], EN)
    assert english.startswith(f"Usage: renkei {name} [OPTIONS]")
    assert "Show this message and exit." in english


@pytest.mark.parametrize(
    ("args", "japanese", "english"),
    [
        (
            ["export-xlsx"],
            "エラー: 引数が足りません: 'PREFECTURE'.",
            "Missing argument 'PREFECTURE'.",
        ),
        (
            ["validate", "--nope"],
            "エラー: オプション '--nope' はありません。",
            "Error: No such option '--nope'.",
        ),
        (
            ["validate", "--format", "xml"],
            "エラー: '--format' の値が正しくありません: 'xml' は使えません"
            "（使える値: 'text', 'json', 'github'）。",
            "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'.",
        ),
        (["no-such"], "エラー: コマンド 'no-such' はありません。", "No such command 'no-such'."),
        (
            ["summary", "--as-of", "2026"],
            "'--as-of' の値が正しくありません: '2026' は形式 '%Y-%m-%d' に合いません。",
            "Invalid value for '--as-of': '2026' does not match the format '%Y-%m-%d'.",
        ),
        (
            ["validate", "--jobs", "0"],
            "'--jobs' の値が正しくありません: 0 は使えません（1 以上）。",
            "Invalid value for '--jobs': 0 is not in the range x>=1.",
        ),
    ],
)
def test_usage_errors_in_both_languages(args: list[str], japanese: str, english: str) -> None:
    command = args[0] if args[0] != "no-such" else ""
    prog = f"renkei {command}".strip()
    out = _invoke(args, JA)
    assert japanese in out
    assert f"ヘルプは '{prog} --help' で表示できます。" in out and "使い方:" in out
    assert "Usage:" not in out and "Try " not in out and "Error:" not in out
    out = _invoke(args, EN)
    assert english in out and f"Try '{prog} --help' for help." in out and "Usage:" in out


def test_the_language_is_lang_then_renkei_lang_then_the_locale() -> None:
    assert language_of(["validate", "--lang", "ja"], {"LANG": "C.UTF-8"}) == "ja"
    assert language_of(["--lang=en", "validate"], {"LANG": "ja_JP.UTF-8"}) == "en"
    assert language_of(["validate"], {"LANG": "C.UTF-8", "RENKEI_LANG": "ja"}) == "ja"
    assert language_of(["validate"], {"LANG": "ja_JP.UTF-8", "RENKEI_LANG": "en"}) == "en"
    assert language_of(["validate"], {"LANG": "ja_JP.UTF-8"}) == "ja"
    assert language_of(["validate", "--", "--lang", "ja"], {"LANG": "C.UTF-8"}) == "en"
    assert _invoke(["--lang", "ja", "validate", "--help"], EN).startswith("使い方:")
    assert _invoke(["validate", "--help"], {**EN, "RENKEI_LANG": "ja"}).startswith("使い方:")
    assert _invoke(["validate", "--lang", "en", "--help"], JA).startswith("Usage:")
    # An English run after a Japanese one in the same process is English again.
    assert _invoke(["--help"], EN).startswith("Usage:") and current_language() == "en"


def test_japanese_text_is_wrapped_by_display_width() -> None:
    text = "都道府県ごとに 1 行: 状況の区分、類型、ビジョン、データ連携基盤、原則に関する指摘。"
    lines = wrap(text, 30)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(display_width(line) <= 30 for line in lines)
    assert not any(line.startswith(("、", "。")) for line in lines)
    assert not any(line.endswith("（") for line in wrap("あいうえおかきく（けこ）" * 4, 16))


def _warning() -> Finding:
    return Finding.from_dict(
        {
            "code": "Z999",  # a warning of no catalogue entry: only its severity counts
            "name": "example",
            "severity": "warning",
            "file": "registry/prefectures/13-tokyo/prefecture.yaml",
            "line": 1,
            "column": 1,
            "where": "",
            "message": {"ja": "例", "en": "example"},
            "hint": {"ja": "", "en": ""},
        }
    )


def test_a_valid_report_with_warnings_is_not_called_a_problem() -> None:
    report = Report(findings=[_warning()])
    line = summary_line(report, "ja")
    assert line.startswith("有効です: エラー 0 件、警告 1 件") and "問題があります" not in line
    assert summary_line(Report(findings=[]), "ja").startswith("問題はありません")
    assert summary_line(report, "en").startswith("valid: 0 error(s), 1 warning(s)")


def test_the_version_is_said_in_the_runs_language_in_a_real_process() -> None:
    from renkei import __version__

    assert _subprocess(["--version"], "ja_JP.UTF-8").stdout == f"renkei バージョン {__version__}\n"
    assert _subprocess(["--version"], "C.UTF-8").stdout == f"renkei, version {__version__}\n"
    assert _invoke(["--version", "--lang", "ja"], EN) == f"renkei バージョン {__version__}\n"


def test_values_show_placeholders_and_ranges_in_words() -> None:
    japanese = _invoke(["validate", "--help"], JA)
    assert "--as-of YYYY-MM-DD" in japanese and "--root DIR" in japanese
    assert "--max-rows N" in japanese and "[1 以上]" in japanese
    assert "%Y" not in japanese and "INTEGER" not in japanese and "x>=1" not in japanese
    english = _invoke(["validate", "--help"], EN)
    assert "--as-of YYYY-MM-DD" in english and "[x>=1]" in english


@pytest.mark.parametrize(
    ("click_range", "words"),
    [("x>=1", "1 以上"), ("x<10", "10 未満"), ("1<=x<=5", "1 以上、5 以下"), ("0<x", "0 より大きい"),
     ("odd", "odd")],
)  # fmt: skip
def test_click_ranges_in_japanese(click_range: str, words: str) -> None:
    from renkei.cli.bilingual import range_ja

    assert range_ja(click_range) == words


def test_a_block_in_one_language_gives_the_language_of_before_back() -> None:
    """`language` speaks its language inside the block, and the one of before after it, also
    when the block fails."""
    spoken = current_language()
    set_language("en")
    try:
        with language("ja"):
            assert current_language() == "ja"
        assert current_language() == "en"
        with pytest.raises(ValueError), language("ja"):
            raise ValueError("inside")
        assert current_language() == "en"
    finally:
        set_language(spoken)
