"""`renkei fix` repairs a YAML file typed in a Japanese input mode (P022): full-width spaces in
the indentation, a full-width colon after a key, a long-vowel mark as a list marker, full-width
brackets and curly quotes; validate then passes and the file is the one meant. Where the
indentation can be read two ways that give different documents, nothing is touched. Through the
real CLI on the tests' synthetic registry."""

from __future__ import annotations

from typing import Any

import pytest

from helpers.registry import TOKYO_PLATFORMS, Registry

VISION = "registry/prefectures/13-tokyo/vision.yaml"
WIDE = "\u3000"


def fix(registry: Registry, *args: str, lang: str = "en") -> Any:
    return registry.run("fix", "--root", str(registry.root), "--lang", lang, *args)


def japanese_input(text: str) -> str:
    """TEXT as typed with a Japanese input mode left on: the platform's indentation in
    full-width spaces, a full-width colon, curly quotes and full-width brackets."""
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        depth = len(line) - len(body)
        if line.startswith("    ") and depth % 2 == 0:
            line = WIDE * (depth // 2) + body  # one full-width space for two spaces
        lines.append(line)
    typed = "\n".join(lines)
    typed = typed.replace(f"{WIDE * 2}name: テスト基盤", f"{WIDE * 2}name：テスト基盤")
    typed = typed.replace('lead_body: "130001"', "lead_body: \u201c130001\u201d")
    return typed.replace(
        "[disaster_prevention, mobility]", "\uff3bdisaster_prevention, mobility\uff3d"
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_the_japanese_input_is_repaired_to_the_file_meant(registry: Registry, newline: str) -> None:
    meant = registry.read(TOKYO_PLATFORMS).replace("\n", newline)
    registry.write(
        TOKYO_PLATFORMS, japanese_input(registry.read(TOKYO_PLATFORMS)).replace("\n", newline)
    )
    code, report = registry.validate()
    assert code == 1 and "P022" in {f["code"] for f in report["findings"]}
    shown = fix(registry, lang="ja")
    assert "全角スペース（U+3000）→ 半角スペース 4 個" in shown.output, shown.output
    assert "全角コロン（U+FF1A）→ :" in shown.output and '左二重引用符（U+201C）→ "' in shown.output
    result = fix(registry, "--write")
    assert result.exit_code == 0, result.output
    assert registry.path(TOKYO_PLATFORMS).read_bytes() == meant.encode("utf-8")
    assert registry.validate()[0] == 0


def test_a_list_marker_typed_as_a_long_vowel_mark(registry: Registry) -> None:
    meant = registry.read(TOKYO_PLATFORMS)
    registry.write(
        TOKYO_PLATFORMS, meant.replace("  - id: test-platform", "  ー id: test-platform")
    )
    result = fix(registry, "--write")
    assert result.exit_code == 0, result.output
    assert registry.read(TOKYO_PLATFORMS) == meant


def test_an_indentation_read_two_ways_is_left_alone(registry: Registry) -> None:
    # A tab as two spaces puts `name` beside `department`; as four, beneath it: both load, so
    # which was meant is a guess.
    text = "schema_version: 1\nconsultation_desk:\n  department:\n\tname: x\n"
    registry.write(VISION, text)
    before = registry.path(VISION).read_bytes()
    result = fix(registry, "--write")
    assert registry.path(VISION).read_bytes() == before
    assert "P022" in result.output, result.output
