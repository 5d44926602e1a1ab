"""Reviewer labels for key paths and values: schema titles split by language, vocabulary labels
for enumerations, names for field ids, platform ids, local government codes and technologies,
nested values as sub-rows; a registry without schemas shows the paths as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.registry import copy_registry
from renkei.registry.display_labels import DisplayLabels, humanised, item_label, split_title


@pytest.fixture(scope="module")
def labels(tmp_path_factory: pytest.TempPathFactory) -> DisplayLabels:
    registry = copy_registry(tmp_path_factory.mktemp("labels") / "repo")
    found = DisplayLabels.from_root(registry.root)
    found.platform_names["test-platform"] = "テスト基盤"
    return found


def test_titles_follow_the_schema_and_split_by_language(labels: DisplayLabels) -> None:
    assert (
        labels.title("vision", "consultation_desk.established", "ja") == "相談窓口 › 相談体制の構築"
    )
    assert labels.title("vision", "consultation_desk.department", "en") == (
        "Consultation desk › Department"
    )
    assert labels.title("vision", "revisions[2025/2].summary", "ja") == (
        "改定履歴（2025年度 第2版） › 改定内容"
    )
    assert labels.title("platforms", "modules.role", "ja") == "モジュール › 役割"
    assert labels.title("municipalities", "answer_status", "en") == "Answer status"
    assert labels.title("vision", "no_such_key", "ja") == "no such key"
    # A field old revisions have and today's schema does not: named in a diff of them.
    assert labels.title("platforms", "counts", "ja") == "数（旧・GB3 §4）"


def test_values_show_their_labels(labels: DisplayLabels) -> None:
    assert labels.value("platforms", "status", "operating", "ja") == "運用中"
    assert labels.value("platforms", "kind", "cross_field", "en") == "Cross-field"
    assert labels.value("vision", "target_type", "1.2", "ja").startswith("型1.2 ")
    assert labels.value("platforms", "fields", ["health"], "ja") == "健康・医療"
    assert labels.value("platforms", "lead_body", "131016", "ja") == "千代田区（131016）"
    assert labels.value("vision", "cross_field_platform.platform_id", "test-platform", "ja") == (
        "テスト基盤（test-platform）"
    )
    assert labels.value("platforms", "modules.technology", "fiware-orion", "ja") == (
        "NGSI v2 FIWARE Orion"
    )
    assert labels.value("municipalities", "answer_status", "answered", "ja") == "回答済"
    assert labels.value("vision", "status", "unknown", "ja") == "不明"
    assert labels.value("platforms", "cross_prefecture", True, "ja") == "はい"
    assert labels.value("platforms", "cross_prefecture", False, "en") == "no"
    assert labels.value("platforms", "fields", [], "ja") == "—"
    assert labels.value("platforms", "name", None, "ja") == "—"


def test_a_value_shown_before_its_platform_was_named_shows_the_name_after(
    tmp_path: Path,
) -> None:
    """Labels are remembered (a site shows the same few hundred values many times), but a
    platform named later shows its name, and equal values of other types keep their own."""
    from renkei.registry.snapshot import PrefectureState, RegistryState

    found = DisplayLabels.from_root(copy_registry(tmp_path / "repo").root)
    path = "cross_field_platform.platform_id"
    assert found.value("vision", path, "later-platform", "ja") == "later-platform"
    state = PrefectureState("13-tokyo", platforms={"later-platform": {"name": "後の基盤"}})
    found.name_platforms([RegistryState({"13-tokyo": state})])
    assert found.value("vision", path, "later-platform", "ja") == "後の基盤（later-platform）"
    # True == 1 and 1 == 1.0 in Python: each is still shown as itself.
    assert found.value("platforms", "scale", True, "en") == "yes"
    assert found.value("platforms", "scale", 1, "en") == "1"
    assert found.value("platforms", "scale", 1.0, "en") == "1.0"
    assert found.title("platforms", "modules.role", "ja") == "モジュール › 役割"
    assert found.title("platforms", "modules.role", "en") == "Modules › Role (GB3 §3.2)"


def test_nested_values_are_sub_rows_never_json(labels: DisplayLabels) -> None:
    rows = labels.rows(
        "vision", "consultation_desk", {"department": "情報課", "established": True}, "ja"
    )
    assert rows == [("相談窓口 › 部署", "情報課"), ("相談窓口 › 相談体制の構築", "はい")]
    source = {"title": "t", "fields": ["status", "cost_sharing"]}
    rows = labels.rows("vision", "sources", [source], "ja")
    assert rows == [
        ("出典（1） › 名称", "t"),
        ("出典（1） › 出典が裏付ける項目", "登録状況、費用負担"),
    ]
    assert "{" not in labels.value("vision", "consultation_desk", {"department": "x"}, "ja")


def test_without_schemas_paths_are_shown_as_they_are(tmp_path: Path) -> None:
    empty = DisplayLabels.from_root(tmp_path)
    assert empty.title("vision", "consultation_desk.department", "ja") == (
        "consultation_desk.department"
    )
    assert (
        DisplayLabels.from_root(None).value("platforms", "status", "operating", "ja") == "operating"
    )


def test_helpers() -> None:
    assert split_title("状態 / Status", "en") == "Status" and split_title("状態", "en") == "状態"
    assert humanised("to_be_retired") == "to be retired"
    assert item_label("revisions", "2025/2", "en") == "FY2025 r2"
    assert item_label("participants", "131016", "ja") == "131016"
