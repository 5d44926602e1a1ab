"""YAML loaded as data only (`renkei.registry.loaders.yaml_data`): for any bytes, the data and
the findings are those of the positional loader, value for value and type for type; whatever
that loader refuses is refused with its own findings."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from renkei.registry.loaders import yaml_data, yaml_loader
from renkei.registry.loaders.text import Limits
from renkei.registry.loaders.yaml_data import data_kept, load_yaml_data
from renkei.registry.loaders.yaml_loader import documents_kept, load_yaml_bytes


def _positional(data: bytes, limits: Limits) -> tuple[Any, list[Any]]:
    document, findings = load_yaml_bytes(data, "f.yaml", limits)
    return (document.data if document is not None else None), findings


def _same(data: bytes, limits: Limits | None = None) -> tuple[Any, list[Any]]:
    """The data-only load of DATA, checked against the positional loader's (repr compares
    types too: 1 and 1.0 and True are different values here)."""
    limits = limits or Limits()
    yaml_loader._loaded.clear()
    yaml_loader._seen.clear()
    expected = _positional(data, limits)
    yaml_loader._loaded.clear()
    yaml_loader._seen.clear()
    found = load_yaml_data(data, "f.yaml", limits)
    assert repr(found[0]) == repr(expected[0])
    assert found[1] == expected[1]
    return found


_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
_scalars = st.one_of(
    st.text(_chars, max_size=8),
    st.sampled_from(["~", "null", "true", "false", "yes", "no", "on", "2024-04-01", "007"]),
    st.sampled_from(["1.0", "2.024e3", ".5", "-3", "+4", "1_000", "0x1F", ".inf", "1e3"]),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(_chars, max_size=5), children, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_documents, st.sampled_from(["block", "flow", "json"]))
def test_any_document_in_any_style_gives_the_positional_loaders_data(
    value: Any, style: str
) -> None:
    if style == "json":
        text = json.dumps({"v": value}, ensure_ascii=False)
    else:
        text = yaml.safe_dump({"v": value}, allow_unicode=True, default_flow_style=style == "flow")
    _same(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_the_positional_loaders_data_and_findings(data: bytes) -> None:
    _same(data)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab: -[]{},'\"\n#&*!|>~01.\t　東"), max_size=40))
def test_any_text_of_yamls_own_characters_gives_the_positional_loaders_result(text: str) -> None:
    _same(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("a: 1\nb: 2\na: 3\n", None),  # a duplicate key
        ("a: &x 1\nb: *x\n", None),  # an anchor and an alias
        ("a: &x 1\n", None),  # an anchor alone
        ("a: ! 1\nb: ! [x]\n", None),  # the non-specific tag, which is no tag
        ("a: !!str 1\n", None),  # a tag
        ("? [a, b]\n: c\n", None),  # a key that is not a scalar
        ("a: " + "[" * 200 + "]" * 200 + "\n", None),  # too deep
        ("a: [1, 2, 3, 4, 5]\n", Limits(max_entries=4)),  # too many entries
        ("a: 1\n---\nb: 2\n", None),  # two documents
        ("a:\n\tb: 1\n", None),  # a tab
        ("a: [unclosed\n", None),  # a syntax error
        ("", None),  # an empty document
        ("# only a comment\n", None),
        ("- a\n- b\n", None),  # not a mapping
        ("a: 1\n" * 100, Limits(max_file_size=50)),  # too large
    ],
)
def test_what_the_positional_loader_refuses_or_reports_is_its_own(
    text: str, limits: Limits | None
) -> None:
    _same(text.encode("utf-8"), limits)


@pytest.mark.parametrize(
    "data",
    ["a: 東京\n".encode("utf-16"), "a: 東京\n".encode("cp932"), b"\xef\xbb\xbfa: 1\n"],
)
def test_text_in_another_encoding_or_with_a_bom_is_read_as_the_positional_loader_reads_it(
    data: bytes,
) -> None:
    _same(data)


def test_a_document_kept_by_the_positional_loader_is_given_as_a_copy() -> None:
    data = b"platforms:\n  - id: synthetic-kept\n    fields: [a]\n"
    yaml_loader._loaded.clear()
    with documents_kept():
        load_yaml_bytes(data, "f.yaml")
    first, _ = load_yaml_data(data, "f.yaml")
    first["platforms"][0]["fields"].append("CHANGED")
    second, _ = load_yaml_data(data, "f.yaml")
    assert second == {"platforms": [{"id": "synthetic-kept", "fields": ["a"]}]}


def test_inside_data_kept_a_second_load_is_a_copy_of_the_first_and_nothing_is_kept_after() -> None:
    data = b"platforms:\n  - id: synthetic-data-kept\n    fields: [a]\n"
    yaml_loader._loaded.clear()
    with data_kept():
        first, _ = load_yaml_data(data, "f.yaml")
        assert yaml_data._kept  # the first load is kept ...
        first["platforms"][0]["fields"].append("CHANGED")
        second, findings = load_yaml_data(data, "f.yaml")
        assert second == {"platforms": [{"id": "synthetic-data-kept", "fields": ["a"]}]}
        assert findings == []
        with data_kept():  # an inner scope keeps what the outer one kept
            pass
        assert yaml_data._kept
    assert not yaml_data._kept  # ... and dropped on leaving the scope


def test_a_document_with_a_finding_is_never_kept() -> None:
    data = "id: 1\n".encode("utf-16")  # read, with a finding on its encoding
    with data_kept():
        document, findings = load_yaml_data(data, "f.yaml")
        assert findings and not yaml_data._kept
        assert load_yaml_data(data, "f.yaml") == (document, findings)
