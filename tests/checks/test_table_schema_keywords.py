"""The Table Schema checker implements every keyword the table schemas use, or refuses the
schema as a usage error: no constraint is silently ignored. All data here is synthetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.registry import REPO, Registry
from renkei.checks import table_schema
from renkei.checks.table_schema import (
    CONSTRAINTS,
    DESCRIPTOR_KEYWORDS,
    FIELD_KEYWORDS,
    TYPES,
    load_table_schema,
)

KPIS = "registry/prefectures/13-tokyo/kpis.csv"
KPI_ROW = "test-platform,2025,api_calls,10,回,synthetic,2026-01-01,,,,\n"
LINKS = "registry/prefectures/13-tokyo/municipal-platforms.csv"


def _edit_schema(registry: Registry, name: str, edit: object) -> None:
    path = registry.path(f"schemas/tables/{name}.json")
    schema = json.loads(path.read_text("utf-8"))
    edit(schema)  # type: ignore[operator]
    path.write_text(json.dumps(schema, ensure_ascii=False), "utf-8")


def _field(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


def test_every_shipped_table_schema_loads_and_its_keywords_are_documented() -> None:
    doc = table_schema.__doc__ or ""
    for path in sorted((REPO / "schemas" / "tables").glob("*.json")):
        schema = load_table_schema(REPO, path.stem)
        used = set(schema) | {k for f in schema["fields"] for k in f}
        used |= {k for f in schema["fields"] for k in f.get("constraints", {})}
        used |= {f.get("type", "string") for f in schema["fields"]}
        for keyword in used:
            assert keyword in DESCRIPTOR_KEYWORDS | FIELD_KEYWORDS | CONSTRAINTS | TYPES
            assert f"`{keyword}`" in doc, keyword


def test_min_length_is_checked(registry: Registry) -> None:
    _edit_schema(registry, "kpis", lambda s: _field(s, "unit")["constraints"].update(minLength=2))
    registry.write(KPIS, registry.read(KPIS) + KPI_ROW)
    exit_code, report = registry.validate()
    assert exit_code == 1
    found = [f for f in report["findings"] if f["code"] == "T006" and f["file"] == KPIS]
    assert found and "minLength 2" in found[0]["message"]["en"]
    assert "at least 2" in found[0]["hint"]["en"]


def test_missing_values_are_read_as_missing(registry: Registry) -> None:
    _edit_schema(registry, "kpis", lambda s: s.update(missingValues=["", "NA"]))
    registry.write(KPIS, registry.read(KPIS) + KPI_ROW.replace(",回,", ",NA,"))
    _edit_schema(registry, "municipal-platforms", lambda s: s.update(missingValues=["", "NA"]))
    registry.write(LINKS, registry.read(LINKS) + "131016,test-platform,uses,NA\n")
    exit_code, report = registry.validate()
    assert exit_code == 1
    found = [(f["code"], f["file"], f["where"]) for f in report["findings"]]
    assert ("T003", KPIS, "row 2, column unit") in found  # required, and NA is missing
    assert not [f for f in found if f[1] == LINKS]  # an optional year may be NA


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (lambda s: s.update(foreignKeys=[]), "foreignKeys"),
        (lambda s: _field(s, "fiscal_year")["constraints"].update(exclusiveMinimum=1), "exclusiveMinimum"),
        (lambda s: _field(s, "fiscal_year").update(type="year"), "year"),
        (lambda s: _field(s, "value").update(bareNumber=False), "bareNumber"),
        (lambda s: _field(s, "confirmed_on").update(format="%d/%m/%Y"), "format"),
        (lambda s: _field(s, "platform_id")["constraints"].update(pattern="^a\\b"), "\\b"),
        (lambda s: s.update(primaryKey=["nope"]), "nope"),
    ],
    ids=["foreignKeys", "exclusiveMinimum", "year", "bareNumber", "format", "pattern", "primaryKey"],
)  # fmt: skip
def test_a_keyword_the_checker_does_not_implement_is_a_usage_error(
    registry: Registry, edit: object, named: str
) -> None:
    _edit_schema(registry, "kpis", edit)
    result = registry.run("validate", "--root", str(registry.root), "--lang", "en", "--no-cache")
    assert result.exit_code == 2, result.output
    assert "schemas/tables/kpis.json" in result.output and named in result.output
    assert "Traceback" not in result.output
    assert Path(registry.path("schemas/tables/kpis.json")).exists()
