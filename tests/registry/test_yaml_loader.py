"""Strict YAML loading: what is refused, what is kept as text, and where values came from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from renkei.registry.loaders.text import Limits
from renkei.registry.loaders.yaml_loader import load_yaml_bytes


def load(text: str | bytes, **limits: int):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_yaml_bytes(data, "f.yaml", Limits(**limits) if limits else Limits())


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_only_true_and_false_are_booleans() -> None:
    document, findings = load("a: yes\nb: no\nc: on\nd: off\ne: true\nf: false\ng: True\n")
    assert not findings
    assert document.data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": True,
        "f": False,
        "g": "True",
    }


def test_dates_stay_text_and_numbers_are_numbers() -> None:
    document, _ = load("d: 2024-04-01\nn: 12\nf: 1.5\ns: '12'\nz: null\nt: ~\ne:\n")
    assert document.data == {
        "d": "2024-04-01",
        "n": 12,
        "f": 1.5,
        "s": "12",
        "z": None,
        "t": None,
        "e": None,
    }
    assert document.source_text[("n",)] == "12"


def test_leading_zero_codes_keep_their_source_text() -> None:
    document, _ = load("code: 010006\n")
    assert document.data["code"] == 10006
    assert document.source_text[("code",)] == "010006"


def test_positions_of_nested_values_and_keys() -> None:
    document, _ = load("a:\n  - x: 1\n    y: [2, 3]\n")
    assert document.position(("a", 0, "y", 1)).line == 3
    assert document.position(("a", 0, "y", 1)).column == 12
    assert document.key_position(("a", 0, "y")).column == 5
    assert document.position(("a", 0, "missing")).line == 2


def test_duplicate_key_points_to_second_and_names_first() -> None:
    _, findings = load("a: 1\nb: 2\na: 3\n")
    assert codes(findings) == ["P005"]
    assert findings[0].line == 3
    assert "line 1" in findings[0].message_en


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    _, findings = load(bomb)
    assert codes(findings) == ["P006"]


def test_tags_are_refused() -> None:
    _, findings = load("a: !!python/object:os.system x\n")
    assert codes(findings) == ["P007"]


def test_deep_nesting_is_refused_without_recursion_error() -> None:
    _, findings = load("a: " + "[" * 200 + "]" * 200 + "\n")
    assert codes(findings) == ["P008"]


def test_size_limit() -> None:
    _, findings = load("a: 1\n" * 100, max_file_size=50)
    assert codes(findings) == ["P001"]


def test_utf16_and_cp932_are_refused_with_a_hint() -> None:
    _, findings = load("a: 東京\n".encode("utf-16"))
    assert codes(findings) == ["P002"] and "UTF-16" in findings[0].message_en
    _, findings = load("a: 東京\n".encode("cp932"))
    assert codes(findings) == ["P002"]
    assert "iconv -f CP932 -t UTF-8" in findings[0].hint_en


def test_utf8_bom_is_accepted() -> None:
    document, findings = load(b"\xef\xbb\xbfa: 1\n")
    assert not findings and document.data == {"a": 1}


def test_tab_indentation_gets_a_tab_hint() -> None:
    # Named by the scan before libyaml (P022), at the tab itself.
    _, findings = load("a:\n\tb: 1\n")
    assert codes(findings) == ["P022"]
    assert (findings[0].line, findings[0].column) == (2, 1)
    assert "tab" in findings[0].hint_en.lower() and "タブ" in findings[0].message_ja


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_and_positions_lie_inside(data: bytes) -> None:
    document, findings = load_yaml_bytes(data, "f.yaml")
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    for finding in findings:
        assert 1 <= finding.line <= len(lines) + 1
        assert finding.column >= 1
    if document is not None:
        for position in document.positions.values():
            assert 1 <= position.line <= len(lines) + 1


_chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
yaml_text = st.recursive(
    st.one_of(st.text(_chars, max_size=8), st.integers(), st.booleans(), st.none()),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(_chars, max_size=5), children, max_size=3),
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(yaml_text)
def test_json_like_documents_round_trip_through_the_strict_loader(value) -> None:
    import json

    # JSON is YAML; every value the strict loader reads back must be the one written.
    text = json.dumps({"v": value}, ensure_ascii=False)
    document, findings = load(text)
    if findings:
        assert all(f.code in ("P004", "P008") for f in findings)
        return
    assert document.data == {"v": value}
    for position in document.positions.values():
        assert position.line == 1
        assert 1 <= position.column <= len(text) + 1


def test_syntax_error_at_the_end_of_the_file() -> None:
    _, findings = load("a: [unclosed\n")
    assert codes(findings) == ["P004"]
    assert findings[0].line == 2


def test_a_float_stays_a_float_even_when_its_value_is_whole() -> None:
    # 2024.0 and 2.024e3 must not become the integer 2024: the schemas refuse a float where
    # they say integer (S010), and only a float can be refused.
    document, findings = load_yaml_bytes(b"a: 2024.0\nb: 2.024e3\nc: 1e3\nd: 2024\n", "x.yaml")
    assert document is not None and not findings
    assert [type(document.data[k]) for k in "abcd"] == [float, float, float, int]
    assert document.source_text[("b",)] == "2.024e3"


def test_the_same_bytes_loaded_again_give_their_own_copy() -> None:
    """Later loads of the same bytes (kept from the second) are equal, under their own path,
    and changing one document's data changes no other."""
    data = b"platforms:\n  - id: synthetic-a\n    fields: [health]\n"
    load_yaml_bytes(data, "0/platforms.yaml")
    first, found = load_yaml_bytes(data, "a/platforms.yaml")
    assert first is not None and found == []
    first.data["platforms"][0]["fields"].append("CHANGED")
    second, found = load_yaml_bytes(data, "b/platforms.yaml")
    assert second is not None and found == []
    assert second.path == "b/platforms.yaml"
    assert second.data == {"platforms": [{"id": "synthetic-a", "fields": ["health"]}]}
    assert second.position(("platforms", 0, "fields")) == first.position(("platforms", 0, "fields"))
    second.data["platforms"].clear()
    third, _ = load_yaml_bytes(data, "c/platforms.yaml")
    assert third is not None and third.data["platforms"][0]["id"] == "synthetic-a"


def test_a_document_with_findings_reports_them_on_every_load() -> None:
    data = b"a: 1\na: 2\n"
    for path in ("x.yaml", "y.yaml"):
        document, found = load_yaml_bytes(data, path)
        assert document is None and [f.file for f in found] == [path]


def test_inside_documents_kept_the_first_load_is_kept() -> None:
    from renkei.registry.loaders import yaml_loader

    data = b"synthetic: kept-from-the-first-load\n"
    with yaml_loader.documents_kept():
        first, _ = load_yaml_bytes(data, "a.yaml")
    assert (data, Limits()) in yaml_loader._loaded
    outside = b"synthetic: kept-from-the-second-load\n"
    load_yaml_bytes(outside, "b.yaml")
    assert (outside, Limits()) not in yaml_loader._loaded
    second, _ = load_yaml_bytes(data, "c.yaml")
    assert first is not None and second is not None and second.data == first.data
