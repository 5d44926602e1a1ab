"""Characters that Japanese input mode types in place of YAML's own, named by the real CLI at
their own line and column, in Japanese and English, before libyaml runs; the same characters
inside a value are data and never reported."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.registry import TOKYO_PLATFORMS, Registry
from renkei.registry.loaders import yaml_scan
from renkei.registry.loaders.yaml_loader import load_yaml_bytes
from renkei.registry.loaders.yaml_scan import scan_yaml_text


def _findings_of(registry: Registry, relative: str, lang: str = "en") -> list[dict[str, Any]]:
    exit_code, report = registry.validate(lang=lang)
    found = [f for f in report["findings"] if f["file"] == relative]
    assert exit_code == (1 if found else exit_code)
    return found


#: (line as written, line as typed, column of the character, code point, name ja, name en).
STRUCTURAL = {
    "full-width space indenting": (
        "    name: テスト基盤",
        "  \u3000 name: テスト基盤",
        3,
        "U+3000",
        "全角スペース",
        "Full-width space",
    ),
    "full-width colon after a key": (
        "    operator: テスト部",
        "    operator： テスト部",
        13,
        "U+FF1A",
        "全角コロン",
        "Full-width colon",
    ),
    "full-width colon, no space": (
        "    operator: テスト部",
        "    operator：テスト部",
        13,
        "U+FF1A",
        "全角コロン",
        "Full-width colon",
    ),
    "tab indenting": ("    kind: cross_field", "  \tkind: cross_field", 3, "U+0009", "タブ", "Tab"),
    "full-width hyphen as the list marker": (
        "  - id: test-platform",
        "  － id: test-platform",
        3,
        "U+FF0D",
        "全角ハイフン",
        "hyphen",
    ),
    "long-vowel mark as the list marker": (
        "      - role: non_personal_broker",
        "      ー role: non_personal_broker",
        7,
        "U+30FC",
        "長音記号",
        "Prolonged sound mark",
    ),
    "hyphen as the list marker": (
        "      - title: synthetic",
        "      \u2010 title: synthetic",
        7,
        "U+2010",
        "ハイフン",
        "Hyphen",
    ),
    "full-width space after the list marker": (
        "  - id: test-platform",
        "  -\u3000id: test-platform",
        4,
        "U+3000",
        "全角スペース",
        "space",
    ),
    "full-width brackets": (
        "    fields: [disaster_prevention, mobility]",
        "    fields: ［disaster_prevention, mobility］",
        13,
        "U+FF3B",
        "角括弧",
        "square bracket",
    ),
    "a full-width closing bracket": (
        "    fields: [disaster_prevention, mobility]",
        "    fields: [disaster_prevention, mobility］",
        43,
        "U+FF3D",
        "角括弧",
        "square bracket",
    ),
    "full-width braces": (
        '    timeline:\n      operating: "2024-04"',
        '    timeline: ｛operating: "2024-04"｝',
        15,
        "U+FF5B",
        "波括弧",
        "curly bracket",
    ),
    "curly quotes": (
        "    name: テスト基盤",
        "    name: “テスト基盤”",
        11,
        "U+201C",
        "二重引用符",
        "double quotation mark",
    ),
    "no-break space after the colon": (
        "    status: operating",
        "    status:\u00a0operating",
        12,
        "U+00A0",
        "ノーブレーク",
        "No-break space",
    ),
    "no-break space indenting": (
        "    status: operating",
        "\u00a0   status: operating",
        1,
        "U+00A0",
        "ノーブレーク",
        "No-break space",
    ),
}


@pytest.mark.parametrize("case", STRUCTURAL.values(), ids=STRUCTURAL.keys())
def test_each_character_is_named_at_its_own_line_and_column(
    registry: Registry, case: tuple[str, str, int, str, str, str]
) -> None:
    written, typed, column, codepoint, name_ja, name_en = case
    registry.replace(TOKYO_PLATFORMS, written, typed)
    line = registry.read(TOKYO_PLATFORMS).split("\n").index(typed.split("\n")[0]) + 1
    [finding] = _findings_of(registry, TOKYO_PLATFORMS)
    assert (finding["code"], finding["line"], finding["column"]) == ("P022", line, column)
    message = finding["message"]
    assert f"（{codepoint}）" in message["ja"] and name_ja in message["ja"]
    assert f"({codepoint})" in message["en"] and name_en.lower() in message["en"].lower()
    assert "日本語入力" in finding["hint"]["ja"] and "input mode" in finding["hint"]["en"]


def test_the_text_report_names_the_place_in_japanese(registry: Registry) -> None:
    registry.replace(TOKYO_PLATFORMS, "    operator: テスト部", "    operator： テスト部")
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "ja")
    assert result.exit_code == 1
    assert f"{TOKYO_PLATFORMS}:7:13:" in result.output
    assert "キーの後ろ（「:」の位置）に全角コロン（U+FF1A）があります" in result.output
    assert "mapping values" not in result.output and "could not find" not in result.output


def test_several_characters_are_each_reported_in_order(registry: Registry) -> None:
    registry.replace(TOKYO_PLATFORMS, "    operator: テスト部", "    operator： テスト部")
    registry.replace(TOKYO_PLATFORMS, "    kind: cross_field", "\u3000\u3000kind: cross_field")
    found = [(f["code"], f["line"], f["column"]) for f in _findings_of(registry, TOKYO_PLATFORMS)]
    assert found == [("P022", 7, 13), ("P022", 8, 1)]


#: Values holding the same characters as data: none is structural.
DATA = """\
# SYNTHETIC TEST DATA
name: 東京都\u3000データ連携基盤
quoted_time: "10：00"
plain_time: 10：00
note: ［仮称］データ基盤
center: データセンター
quote: “連携” の基盤
items:
  - データ\u3000連携
  - "\u3000字下げ"
  - ー
  - 備考：なし
  - - ー なし
block: |
  \u3000段落の字下げ
  key： value
  ー 項目
folded: 'x
  \u3000y'
flow: ["a： b", "“q”", ［仮称］]
spaced: a\u3000b
tabbed:\tvalue
"""


def test_the_same_characters_inside_values_are_data() -> None:
    document, findings = load_yaml_bytes(DATA.encode(), "synthetic.yaml")
    assert findings == [] and document is not None
    data = document.data
    assert data["name"] == "東京都\u3000データ連携基盤"
    assert (data["quoted_time"], data["plain_time"]) == ("10：00", "10：00")
    assert data["items"] == ["データ\u3000連携", "\u3000字下げ", "ー", "備考：なし", ["ー なし"]]
    assert data["block"] == "\u3000段落の字下げ\nkey： value\nー 項目\n"
    assert data["flow"] == ["a： b", "“q”", "［仮称］"]
    assert (data["spaced"], data["tabbed"], data["quote"]) == ("a\u3000b", "value", "“連携” の基盤")


def test_values_with_these_characters_pass_validate(registry: Registry) -> None:
    registry.replace(
        TOKYO_PLATFORMS, "    name: テスト基盤", "    name: 東京都\u3000データ連携基盤"
    )
    registry.replace(TOKYO_PLATFORMS, "    operator: テスト部", '    operator: "窓口 10：00〜"')
    registry.replace(TOKYO_PLATFORMS, "product: FIWARE Orion", "product: ［仮称］FIWARE Orion")
    assert not [f for f in _findings_of(registry, TOKYO_PLATFORMS) if f["code"].startswith("P")]


_PIECES = st.sampled_from(
    [" ", "  ", "\t", "\u3000", "\u00a0", "-", "- ", "ー", "－", "—", ":", ": ", "：", "#", "|",
     ">", '"', "'", "“", "”", "‘", "’", "［", "］", "｛", "｝", "[", "]", "{", "}", ",", "a", "key",
     "データ", "東京都", "1", "\n", "\n", "\n"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_skipping_unsuspicious_lines_finds_what_a_full_scan_finds(text: str) -> None:
    """The scan passes over lines that cannot hold a finding; on any text it reports exactly
    what scanning every line reports."""
    scanner = yaml_scan._Scanner()
    for number, line in enumerate(text.split("\n"), start=1):
        scanner.line(number, line)
    assert scan_yaml_text(text) == scanner.found
