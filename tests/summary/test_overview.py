"""`renkei validate --summary`: after the findings, what the registry holds (prefectures,
platforms by status, visions by status, municipalities' answers), in either language."""

from __future__ import annotations

from helpers.registry import Registry

MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"


def summary(registry: Registry, lang: str) -> str:
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--summary",
                          "--lang", lang)  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output[
        result.output.index("Registry overview" if lang == "en" else "レジストリの概要") :
    ]


def test_the_blank_registry_is_summarised(registry: Registry) -> None:
    text = summary(registry, "en")
    municipalities = sum(
        registry.read(f"registry/prefectures/{p.name}/municipalities.csv").count("\n") - 1
        for p in registry.path("registry/prefectures").iterdir()
    )
    assert text == (
        "Registry overview\n  prefectures: 47\n  platforms: 1 (operating 1)\n"
        "  platform facts: provenance not stated 1\n"
        f"  visions: not registered 47\n  municipal answers: 0 / {municipalities}\n"
    )


def test_answers_and_statuses_are_counted_in_japanese(registry: Registry) -> None:
    registry.replace(
        MUNICIPALITIES, CHIYODA, "131016,千代田区,answered,2026-05-01,none,,情報政策課,,\n"
    )
    registry.replace(PLATFORMS, "status: operating", "status: building")
    text = summary(registry, "ja")
    assert "  都道府県: 47\n" in text
    assert "  データ連携基盤: 1（構築中 1）\n" in text
    assert "  共同利用ビジョン: 未登録 47\n" in text
    assert "  市区町村の回答: 1 / " in text


def test_unreadable_files_are_left_out_of_the_counts(registry: Registry) -> None:
    registry.write(PLATFORMS, "platforms: [unclosed\n")
    registry.path(MUNICIPALITIES).unlink()
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--summary",
                          "--lang", "en")  # fmt: skip
    assert result.exit_code == 1
    assert "  platforms: 0 (-)\n  visions: not registered 47\n" in result.output
