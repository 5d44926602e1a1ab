"""libyaml's errors in Japanese and English, through the real CLI, at the line of the mistake
where libyaml names the one after; an unknown problem keeps libyaml's English words."""

from __future__ import annotations

from typing import Any

import pytest

from helpers.registry import TOKYO_PLATFORMS, Registry
from renkei.registry.loaders.yaml_loader import load_yaml_bytes


def _parse_finding(registry: Registry) -> dict[str, Any]:
    exit_code, report = registry.validate()
    assert exit_code == 1
    [finding] = [f for f in report["findings"] if f["file"] == TOKYO_PLATFORMS]
    assert finding["code"] == "P004"
    return finding


#: (line as written, as broken, line and column reported, Japanese words, English words).
KNOWN = {
    # libyaml says line 6, where the next quote closes the value and the key after it cannot
    # follow; the quote left open is on line 5.
    "unclosed quote": (
        "    name: テスト基盤\n",
        '    name: "テスト基盤\n',
        (5, 11),
        "引用符が閉じていません",
        "quote that opens here is never closed",
    ),
    # libyaml says line 8, after the key; the key without its colon is on line 7.
    "key without a colon": (
        "    operator: テスト部\n",
        "    operator テスト部\n",
        (7, 5),
        "キーの後ろに半角のコロン「:」がありません",
        "has no ':' after it",
    ),
    "a colon inside a plain value": (
        "    operator: テスト部\n",
        "    operator: 担当: テスト部\n",
        (7, 17),
        "ここには「キー: 値」を書けません",
        "mapping values are not allowed in this context",
    ),
    "a key indented out of line": (
        "    operator: テスト部\n",
        "   operator: テスト部\n",
        (7, 4),
        "リストの項目があるべき位置に「- 」がありません",
        "did not find expected '-' indicator",
    ),
    "a value starting with a reserved character": (
        "    operator: テスト部\n",
        "    operator: @テスト部\n",
        (7, 15),
        "この文字から値を始めることはできません",
        "found character that cannot start any token",
    ),
    "an unclosed list": (
        "    fields: [disaster_prevention, mobility]\n",
        "    fields: [disaster_prevention, mobility\n",
        (10, 11),
        "（9 行 13 列目の「[」）",
        "the '[' on line 9, column 13",
    ),
}


@pytest.mark.parametrize("case", KNOWN.values(), ids=KNOWN.keys())
def test_a_known_problem_is_told_in_both_languages_at_the_mistake(
    registry: Registry, case: tuple[str, str, tuple[int, int], str, str]
) -> None:
    written, broken, position, words_ja, words_en = case
    registry.replace(TOKYO_PLATFORMS, written, broken)
    finding = _parse_finding(registry)
    assert (finding["line"], finding["column"]) == position
    assert words_ja in finding["message"]["ja"] and words_en in finding["message"]["en"]
    assert finding["message"]["ja"].startswith("YAML の構文エラーです: ")
    assert finding["hint"]["ja"] and finding["hint"]["en"]


def test_an_unknown_problem_keeps_libyamls_words_behind_a_japanese_lead_in(
    registry: Registry,
) -> None:
    registry.write(TOKYO_PLATFORMS, "%YAML 1.1\n%YAML 1.1\nschema_version: 1\nplatforms: []\n")
    finding = _parse_finding(registry)
    assert (finding["line"], finding["column"]) == (2, 1)
    assert finding["message"]["en"] == "YAML syntax error: found duplicate %YAML directive"
    assert "YAML として読めません" in finding["message"]["ja"]
    assert "found duplicate %YAML directive" in finding["message"]["ja"]


def test_the_japanese_text_report_shows_the_opening_line(registry: Registry) -> None:
    registry.replace(TOKYO_PLATFORMS, "    name: テスト基盤\n", '    name: "テスト基盤\n')
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "ja")
    assert result.exit_code == 1
    assert f"{TOKYO_PLATFORMS}:5:11:" in result.output
    assert "ここで始まる引用符が閉じていません" in result.output


@pytest.mark.parametrize(
    ("text", "position", "words_en"),
    [
        ("a:\n  b: 1\n c: 2\n", (3, 2), "did not find expected key"),
        ('a: "never closed\nb: 2\n', (1, 4), "found unexpected end of stream"),
        ("a: 1\nb\uff1a 2\n", (2, 2), "U+FF1A"),
    ],
)
def test_the_loader_reports_at_the_mistake(
    text: str, position: tuple[int, int], words_en: str
) -> None:
    _, findings = load_yaml_bytes(text.encode(), "synthetic.yaml")
    [finding] = findings
    assert (finding.line, finding.column) == position and words_en in finding.message_en
