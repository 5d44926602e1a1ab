"""One verdict per document: patterns match the whole value, integers are written as integers,
and the two JSON Schema engines never disagree silently. All data here is synthetic."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.documents import vision_text
from helpers.registry import REPO, SYNTHETIC_PLATFORMS, Registry
from renkei.checks.json_schema import (
    INTEGER_LITERAL,
    IntegerLiteralKeyword,
    SchemaSet,
    integer_literal_python,
)
from renkei.checks.patterns import (
    PatternError,
    has_stray_characters,
    python_matcher,
    whole_value_pattern,
)
from renkei.registry.loaders.yaml_loader import load_yaml_bytes

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
KANAGAWA = "registry/prefectures/14-kanagawa/platforms.yaml"
KPIS = "registry/prefectures/13-tokyo/kpis.csv"
ID_LINE = "  - id: test-platform\n"
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _at(registry: Registry, code: str, where: str) -> dict[str, Any]:
    exit_code, report = registry.validate(str(registry.path("registry/prefectures/13-tokyo")))
    assert exit_code == 1
    found = [f for f in report["findings"] if f["code"] == code and f["where"] == where]
    assert found, [(f["code"], f["where"]) for f in report["findings"]]
    return found[0]


# --- patterns mean the whole value --------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "clean"),
    [
        ('lg_code: "131016"', 'lg_code: "131016\\n"', "participants[0].lg_code", '"131016"'),
        (ID_LINE, "  - id: |\n      test-platform\n", "id", '"test-platform"'),
        (ID_LINE, "  - id: >\n      test-platform\n", "id", '"test-platform"'),
        (
            "url: https://example.org/synthetic",
            "url: 'https://example.org/synthetic '",
            "sources[0].url",
            '"https://example.org/synthetic"',
        ),
        (ID_LINE, '  - id: "test\\u200b-platform"\n', "id", '"test-platform"'),
        (ID_LINE, '  - id: "test-platform\\u2060"\n', "id", '"test-platform"'),
        (ID_LINE, '  - id: "\\ufefftest-platform"\n', "id", '"test-platform"'),
        (ID_LINE, '  - id: " test-platform"\n', "id", '"test-platform"'),
        ('since: "2024"', 'since: "2024\\n"', "participants[0].since", '"2024"'),
    ],
    ids=["lg-code-newline", "id-block", "id-folded", "url-space", "id-zwsp", "id-wj", "id-bom",
         "id-leading-space", "date-newline"],
)  # fmt: skip
def test_a_pattern_matches_the_whole_value(
    registry: Registry, old: str, new: str, where: str, clean: str
) -> None:
    registry.replace(PLATFORMS, old, new)
    finding = _at(registry, "S008", f"$.platforms[0].{where}")
    assert f"Write {clean}" in finding["hint"]["en"]
    assert (
        "\\u" in finding["message"]["en"]
        or "\\n" in finding["message"]["en"]
        or (" " in finding["message"]["en"])
    )


def test_the_newline_hint_names_the_yaml_block_scalar(registry: Registry) -> None:
    registry.replace(PLATFORMS, ID_LINE, "  - id: |\n      test-platform\n")
    finding = _at(registry, "S008", "$.platforms[0].id")
    assert "block scalar" in finding["hint"]["en"]
    assert "末尾の改行" in finding["message"]["ja"]


def test_a_duplicate_id_written_with_a_final_newline_is_reported(registry: Registry) -> None:
    text = registry.read(PLATFORMS).replace('lead_body: "130001"', 'lead_body: "140007"')
    registry.write(KANAGAWA, text.replace(ID_LINE, "  - id: |\n      test-platform\n"))
    exit_code, report = registry.validate()
    assert exit_code == 1
    codes = {(f["code"], f["file"]) for f in report["findings"]}
    assert ("S008", KANAGAWA) in codes
    assert ("X001", PLATFORMS) in codes and ("X001", KANAGAWA) in codes
    x001 = next(f for f in report["findings"] if f["code"] == "X001" and f["file"] == KANAGAWA)
    assert "\n" not in x001["message"]["en"]  # one line, the newline shown as \n


def test_a_clean_value_still_passes(registry: Registry) -> None:
    exit_code, report = registry.validate(str(registry.path("registry/prefectures/13-tokyo")))
    assert exit_code == 0, report["findings"]


# --- integers are integers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "integer"), [("2024.0", 2024), ("2.024e3", 2024), ("20240e-1", 2024)]
)
def test_a_fiscal_year_written_as_a_float_is_refused(
    registry: Registry, written: str, integer: int
) -> None:
    text = vision_text([(2024, 1)]).replace("fiscal_year: 2024", f"fiscal_year: {written}")
    registry.write(VISION, text)
    finding = _at(registry, "S010", "$.revisions[0].fiscal_year")
    assert written in finding["message"]["en"]
    assert f"Write {integer} " in finding["hint"]["en"]


def test_a_count_written_1e3_is_refused(registry: Registry) -> None:
    registry.replace(PLATFORMS, "scale: unknown", "scale: {accounts: 1e3, monthly_api_calls: 0}")
    finding = _at(registry, "S010", "$.platforms[0].scale.accounts")
    assert "Write 1000 " in finding["hint"]["en"]


def test_the_fiscal_year_written_as_an_integer_passes(registry: Registry) -> None:
    registry.write(VISION, vision_text([(2024, 1)]))
    _, report = registry.validate(str(registry.path("registry/prefectures/13-tokyo")))
    assert not [f for f in report["findings"] if f["code"].startswith("S")]


@pytest.mark.parametrize(("cell", "integer"), [("2024.0", 2024), ("2.024e3", 2024)])
def test_a_csv_integer_written_as_a_float_is_refused(
    registry: Registry, cell: str, integer: int
) -> None:
    registry.write(
        KPIS,
        registry.read(KPIS) + f"test-platform,{cell},api_calls,10,回,synthetic,2026-01-01,,,,\n",
    )
    finding = _at(registry, "T004", "row 2, column fiscal_year")
    assert f"write {integer}" in finding["hint"]["en"]


# --- the engines agree, or the document is refused ----------------------------------------------


def test_an_engine_disagreement_is_refused_not_passed(registry: Registry) -> None:
    # A schema that accepts any number, and a number JSON cannot hold: jsonschema-rs refuses
    # infinity, python-jsonschema accepts it. Before, an empty explanation meant "valid".
    registry.replace(
        "schemas/common.schema.json", '{ "type": "integer", "minimum": 0 }', '{ "type": "number" }'
    )
    registry.replace(PLATFORMS, "scale: unknown", "scale: {accounts: 1e999, monthly_api_calls: 0}")
    finding = _at(registry, "S009", "$.platforms[0].scale.accounts")
    assert finding["line"] == 38
    assert "jsonschema-rs" in finding["message"]["en"] and finding["hint"]["ja"]
    assert "the value 1e999" in finding["message"]["en"]


@pytest.fixture(scope="module")
def schemas() -> SchemaSet:
    return SchemaSet(REPO)


def _python_validator(schema: dict[str, Any]) -> Any:
    cls = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {INTEGER_LITERAL: integer_literal_python}
    )
    return cls(schema)


def _rs_validator(schema: dict[str, Any]) -> Any:
    return jsonschema_rs.validator_for(schema, keywords={INTEGER_LITERAL: IntegerLiteralKeyword})


# Characters where the regular-expression dialects differ, and the usual suspects.
TRICKY = "ab0_-. \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2028\u2029\u200b\u2060\ufeff\u3000é١９"
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=8)


def _perturbed(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    edge = st.sampled_from(["", "\n", " ", "\u200b", "\ufeff", "\u2060", "\r\n", "\u3000"])
    return st.one_of(
        base,
        st.tuples(edge, base, edge).map("".join),
        st.tuples(base, tricky_text, base).map("".join),
        st.text(max_size=12),
    )


def _shipped_patterns() -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.append(value)
                elif key not in ("enum", "const"):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((REPO / "schemas").rglob("*.json")):
        walk(json.loads(path.read_text("utf-8")))
    return sorted(set(found))


@pytest.mark.parametrize("pattern", _shipped_patterns())
def test_the_engines_agree_on_every_shipped_pattern(pattern: str) -> None:
    schema = {"type": "string", "pattern": whole_value_pattern(pattern)}
    fast, slow = _rs_validator(schema), _python_validator(schema)

    @PROPERTY
    @given(_perturbed(st.from_regex(pattern, fullmatch=True)))
    def agree(value: str) -> None:
        assert fast.is_valid(value) == slow.is_valid(value), repr(value)
        assert python_matcher(pattern)(value) == slow.is_valid(value), repr(value)
        if slow.is_valid(value):  # and a valid value is clean
            assert not has_stray_characters(value), repr(value)

    agree()


ATOMS = ["a", "b", "0", "-", r"\.", ".", r"\d", r"\D", r"\w", r"\W", r"\s", r"\S", "[a-z]",
         "[^0-9]", r"[\d_]", r"[\s-]", "(a|b)", "(?:0|-)"]  # fmt: skip
QUANTIFIERS = ["", "*", "+", "?", "{2}", "{1,3}"]
generated_patterns = st.tuples(
    st.booleans(),
    st.lists(
        st.tuples(st.sampled_from(ATOMS), st.sampled_from(QUANTIFIERS)), min_size=1, max_size=5
    ),
    st.booleans(),
    st.booleans(),
).map(
    lambda p: (
        ("^" if p[0] else "")
        + "".join(a + q for a, q in p[1])
        + ("|b" if p[3] else "")
        + ("$" if p[2] else "")
    )
)


@PROPERTY
@given(generated_patterns, st.lists(tricky_text, min_size=1, max_size=6))
def test_the_engines_agree_on_generated_patterns(pattern: str, values: list[str]) -> None:
    schema = {"type": "string", "pattern": whole_value_pattern(pattern)}
    fast, slow = _rs_validator(schema), _python_validator(schema)
    matches = python_matcher(pattern)  # the CSV checker's shortcut
    for value in values:
        assert fast.is_valid(value) == slow.is_valid(value) == matches(value), (pattern, value)


@pytest.mark.parametrize(
    "pattern", [r"^a\b", r"\Aabc", r"abc\Z", "(?i)abc", "(?P<x>a)", "[]a]", r"[\S]", "[a"]
)
def test_a_pattern_the_dialects_read_differently_is_refused(pattern: str) -> None:
    with pytest.raises(PatternError):
        whole_value_pattern(pattern)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*prefix, index)))
    return out


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


SYNTHETIC_PREFECTURE = """\
# SYNTHETIC TEST DATA
schema_version: 1
code: "13"
lg_code: "130001"
name: 東京都
romaji: tokyo
maintainers: ["@synthetic-org/team"]
contact:
  department: テスト部
  url: https://example.org/synthetic
"""


def _base(text: str) -> Any:
    document, findings = load_yaml_bytes(text.encode(), "synthetic.yaml")
    assert document is not None and not findings
    return document.data


# Valid synthetic documents for each schema, and the paths inside them that edits replace.
BASES = {
    "platforms.schema.json": _base(SYNTHETIC_PLATFORMS),
    "vision.schema.json": _base(vision_text([(2024, 1)])),
    "prefecture.schema.json": _base(SYNTHETIC_PREFECTURE),
}
BASE_PATHS = {name: _paths(data) for name, data in BASES.items()}
scalar_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.sampled_from(
        [2024.0, 1e3, 0.0, -1.0, "unknown", "2024-04", "131016", "131016\n", "adopted"]
    ),
    _perturbed(
        st.sampled_from(["test-platform", "130001", "https://example.org/a", "2024", "@org/team"])
    ),
    tricky_text,
)
values = st.one_of(
    scalar_values,
    st.lists(scalar_values, max_size=3),
    st.dictionaries(st.sampled_from(["id", "url", "x"]), scalar_values, max_size=2),
)


def test_the_synthetic_base_documents_are_valid(schemas: SchemaSet) -> None:
    for name, data in BASES.items():
        assert schemas.is_valid(name, data), name


def _edits(name: str) -> st.SearchStrategy[tuple[str, list[tuple[tuple[Any, ...], Any]]]]:
    paths = st.sampled_from(BASE_PATHS[name])
    return st.tuples(st.just(name), st.lists(st.tuples(paths, values), min_size=1, max_size=3))


@PROPERTY
@given(st.sampled_from(sorted(BASES)).flatmap(_edits))
def test_the_engines_agree_on_generated_documents(
    schemas: SchemaSet, case: tuple[str, list[tuple[tuple[Any, ...], Any]]]
) -> None:
    name, edits = case
    document = copy.deepcopy(BASES[name])
    for path, value in edits:
        try:
            document = _set(document, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced this path's parent
    fast = schemas.is_valid(name, document)
    slow = schemas.validator(name).is_valid(document)
    assert fast == slow, (edits, document)


def test_a_broken_pattern_in_a_schema_is_a_usage_error(registry: Registry) -> None:
    registry.replace(
        "schemas/common.schema.json", '"pattern": "^[a-z_]+$"', '"pattern": "^[a-z_]+\\\\b$"'
    )
    result = registry.run("validate", "--root", str(registry.root), "--lang", "en")
    assert result.exit_code == 2
    assert "schemas/common.schema.json" in result.output and "\\b" in result.output
    assert "Traceback" not in result.output


def test_shipped_schemas_load_with_whole_value_patterns(schemas: SchemaSet) -> None:
    assert schemas.original_patterns
    assert all(p.startswith("^(?!") for p in schemas.original_patterns)
    assert Path(REPO / "schemas").is_dir()


def test_a_changed_check_is_a_cache_miss(tmp_path: Path) -> None:
    # A result cached by an older rule (say, one that let "foo\n" pass) must not be served.
    import shutil

    from renkei.registry.cache import source_digest

    package = tmp_path / "renkei"
    shutil.copytree(REPO / "tools" / "renkei", package)
    before = source_digest(package)
    assert before == source_digest(REPO / "tools" / "renkei")
    rule = package / "checks" / "patterns.py"
    rule.write_text(rule.read_text("utf-8") + "\n# changed\n", "utf-8")
    assert source_digest(package) != before


@pytest.mark.parametrize(
    ("accepts", "value"),
    [
        ("handle", "@tokyo-example"),
        ("folder", "13-tokyo"),
    ],
)
def test_every_whole_value_rule_refuses_a_trailing_newline(accepts: str, value: str) -> None:
    # Python's `$` also matches before a final newline: every rule must mean the whole value.
    from renkei.registry.layout import FOLDER_PATTERN
    from renkei.workflow.ownership import HANDLE

    rule = {
        "handle": lambda text: HANDLE.match(text) is not None,
        "folder": lambda text: FOLDER_PATTERN.match(text) is not None,
    }[accepts]
    assert rule(value)
    assert not rule(value + "\n")


def test_each_missing_property_is_reported_once(registry: Registry) -> None:
    platforms = registry.pref("platforms.yaml")
    registry.replace(platforms, "    operator: テスト部\n", "")
    registry.replace(platforms, "    scale: unknown\n", "")
    findings = [f for f in registry.findings() if f["code"] == "S001"]
    assert sorted(f["message"]["en"] for f in findings) == [
        "The required property 'operator' is missing.",
        "The required property 'scale' is missing.",
    ]
