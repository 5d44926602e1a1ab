"""Reference tables parsed once per process for the same text: another registry's tables, a
changed file and a broken one are each read as they are, and every Reference has its own copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.registry import copy_registry
from renkei.registry.reference import Reference, ReferenceDataError

CODES = "registry/reference/local-governments.csv"
VOCABULARIES = "registry/reference/vocabularies.csv"


def test_each_registry_and_each_text_gets_its_own_tables(tmp_path: Path) -> None:
    first, second = copy_registry(tmp_path / "a"), copy_registry(tmp_path / "b")
    assert Reference(first.root).governments == Reference(second.root).governments
    second.replace(CODES, ",札幌市,", ",札幌市（改）,")
    assert Reference(first.root).governments["011002"].name == "札幌市"
    assert Reference(second.root).governments["011002"].name == "札幌市（改）"
    second.replace(CODES, ",札幌市（改）,", ",札幌市,")
    assert Reference(second.root).governments["011002"].name == "札幌市"


def test_a_reference_s_tables_are_its_own_to_change(tmp_path: Path) -> None:
    root = copy_registry(tmp_path / "a").root
    changed = Reference(root)
    changed.governments.clear()
    next(iter(changed.vocabularies.values())).clear()
    fresh = Reference(root)
    assert fresh.governments and all(fresh.vocabularies.values())


def test_a_broken_file_is_an_error_even_after_a_good_read(tmp_path: Path) -> None:
    registry = copy_registry(tmp_path / "a")
    Reference(registry.root).load()
    text = registry.read(VOCABULARIES)
    registry.write(VOCABULARIES, text.replace("label_ja", "label_xx", 1))
    with pytest.raises(ReferenceDataError, match="label_ja"):
        _ = Reference(registry.root).vocabularies
    (registry.root / CODES).unlink()
    with pytest.raises(ReferenceDataError, match=r"local-governments\.csv"):
        _ = Reference(registry.root).governments
