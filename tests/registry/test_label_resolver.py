"""The label resolver (renkei.registry.labels) on the real vocabularies and fields of a test
registry: labels and their common variants give the id, two fitting ids give nothing, and every
schema enumeration finds its labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers.registry import Registry
from renkei.registry.labels import (
    LabelResolver,
    enum_resolver,
    field_resolver,
    loose_form,
    near_form,
    vocabulary_labels,
)
from renkei.registry.reference import Reference


def _resolver(registry: Registry, vocabulary: str) -> LabelResolver:
    reference = Reference(registry.root)
    return enum_resolver(list(reference.vocabularies[vocabulary]), reference)


@pytest.mark.parametrize(
    ("vocabulary", "written", "expected"),
    [
        ("platform_kind", "分野間", "cross_field"),
        ("platform_kind", " 分野間\u3000", "cross_field"),
        ("platform_kind", "Cross-field", "cross_field"),
        ("platform_kind", "CROSS_FIELD", "cross_field"),
        ("platform_kind", "ｃｒｏｓｓ＿ｆｉｅｌｄ", "cross_field"),
        ("platform_kind", "cross field", "cross_field"),
        ("platform_status", "構築中", "building"),
        ("platform_status", "構築", "building"),
        ("platform_status", "運用", "operating"),
        ("platform_status", "廃止済み", "retired"),
        ("platform_status", "不明", "unknown"),
        ("answer_status", "回答済み", "answered"),
        ("answer_status", "回答済", "answered"),
        ("answer_status", "未回答", "not_answered"),
        ("intention", "未定", "undecided"),
        ("vision_status", "策定済み", "adopted"),
    ],
)
def test_a_label_and_its_variants_give_the_id(
    registry: Registry, vocabulary: str, written: str, expected: str
) -> None:
    assert _resolver(registry, vocabulary).resolve(written) == expected


@pytest.mark.parametrize("written", ["", "  ", "分野", "operatng", "不", "crossfield"])
def test_what_is_no_label_gives_nothing(registry: Registry, written: str) -> None:
    kind = written in ("分野", "crossfield")
    resolver = _resolver(registry, "platform_kind" if kind else "platform_status")
    assert resolver.resolve(written) is None
    assert not resolver.is_ambiguous(written)


def test_field_names_give_the_field_id(registry: Registry) -> None:
    resolver = field_resolver(Reference(registry.root))
    assert resolver.resolve("防災") == "disaster_prevention"
    assert resolver.resolve("Disaster prevention") == "disaster_prevention"
    assert resolver.resolve("交通・モビリティ") == "mobility"
    assert resolver.label("mobility") == "交通・モビリティ"


def test_a_stem_that_begins_two_labels_gives_nothing(registry: Registry) -> None:
    """廃止 could be 廃止予定 (to_be_retired) or 廃止済 (retired)."""
    resolver = _resolver(registry, "platform_status")
    assert resolver.candidates("廃止") == {"to_be_retired", "retired"}
    assert resolver.resolve("廃止") is None


def test_two_fitting_ids_give_nothing_and_the_exact_label_still_wins() -> None:
    resolver = LabelResolver({"a": ("構築中", "Building"), "b": ("構築済", "Built")})
    assert resolver.resolve("構築") is None
    assert resolver.candidates("構築") == {"a", "b"}
    assert resolver.is_ambiguous("構築")
    assert resolver.resolve("構築中") == "a"
    assert resolver.resolve("構築済み") == "b"


def test_only_the_allowed_ids_are_recognised(registry: Registry) -> None:
    reference = Reference(registry.root)
    resolver = enum_resolver(["planned", "operating"], reference)
    assert resolver.resolve("計画中") == "planned"
    assert resolver.resolve("構築中") is None


def test_loose_form_drops_spaces_and_the_final_chu_or_zumi() -> None:
    assert loose_form(" 構築中 ") == "構築"
    assert loose_form("回答済み") == "回答"
    assert loose_form("中") == "中"
    assert loose_form("Cross-Field") == loose_form("cross field") == "cross_field"
    assert near_form("廃止済み") == "廃止済"


def _enums(node: Any) -> list[list[Any]]:
    if isinstance(node, dict):
        found = [node["enum"]] if isinstance(node.get("enum"), list) else []
        return found + [e for k, v in node.items() if k != "enum" for e in _enums(v)]
    if isinstance(node, list):
        return [e for item in node for e in _enums(item)]
    return []


def test_every_schema_enumeration_finds_its_labels(registry: Registry) -> None:
    """What the hint and the fix need: each enumeration's values have labels, found from the
    values alone (no second table naming the vocabulary of each enumeration)."""
    reference = Reference(registry.root)
    schemas = sorted((registry.root / "schemas").rglob("*.json"))
    enums = [e for path in schemas for e in _enums(json.loads(Path(path).read_text("utf-8")))]
    assert len(enums) > 20
    for values in enums:
        labels = vocabulary_labels(values, reference)
        assert set(labels) == {str(v) for v in values}, values
        assert all(ja for ja, _ in labels.values()), values
    kind = vocabulary_labels(["cross_field", "field_specific", "unknown"], reference)
    assert kind["cross_field"] == ("分野間", "Cross-field")


def test_no_vocabulary_fits_gives_no_labels(registry: Registry) -> None:
    reference = Reference(registry.root)
    assert vocabulary_labels(["no_such_value"], reference) == {}
    assert vocabulary_labels([], reference) == {}
