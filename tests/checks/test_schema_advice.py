"""The advice of a schema finding names the fix for what was written: a boolean written as
yes/no, a single value where a list belongs, an empty value, text where keys belong, a date
in another form, an id with capitals or spaces, a value outside a pattern."""

from __future__ import annotations

import pytest

from helpers.registry import Registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"


def finding(registry: Registry, code: str) -> dict:
    exit_code, report = registry.validate(str(registry.path("registry/prefectures/13-tokyo")))
    matching = [f for f in report["findings"] if f["code"] == code]
    assert matching, [(f["code"], f["message"]["en"]) for f in report["findings"]]
    assert exit_code == 1
    return matching[0]


@pytest.mark.parametrize(
    ("old", "new", "code", "hint"),
    [
        ("cross_prefecture: false", "cross_prefecture: yes", "S003", "Write true or false"),
        ("fields: [disaster_prevention, mobility]", "fields: mobility", "S003", "Write a list"),
        ("cross_prefecture: false", "cross_prefecture:", "S003", "The value is empty"),
        ("    personal_data: false", "    personal_data: false\n    colour: blue", "S002", "colour"),
        ("linkage:\n      authentication: false\n      data: true", "linkage: both", "S003",
         "Write 'key: value' pairs"),
        ("operating: \"2024-04\"", "operating: \"2024/04\"", "S005", "YYYY"),
        ("id: test-platform", "id: Test Platform", "S005", 'e.g. "test-platform"'),
        ("technology: fiware-orion", "technology: FIWARE_Orion", "S005", "pattern"),
    ],
    ids=["boolean-word", "single-for-list", "empty", "unknown-key", "text-for-keys", "date-form",
         "id-slug", "other-pattern"],
)  # fmt: skip
def test_the_advice_names_the_fix(
    registry: Registry, old: str, new: str, code: str, hint: str
) -> None:
    registry.replace(PLATFORMS, old, new)
    found = finding(registry, code)
    assert found["file"] == PLATFORMS
    assert hint in found["hint"]["en"] + found["message"]["en"], found
    assert found["hint"]["ja"]


def test_a_local_government_code_without_quotes_is_told_to_quote(registry: Registry) -> None:
    registry.replace(PLATFORMS, 'lead_body: "130001"', "lead_body: 130001")
    found = finding(registry, "S003")
    assert 'Quote it to make it text: "130001"' in found["hint"]["en"]
