"""frictionless is the oracle for the CSV tables: on a SYNTHETIC registry from
benchmarks/generate_registry.py, valid and with one cell mutated, `renkei validate`'s verdict on
each table agrees with `frictionless validate` on the same data package.

Agreement means: whatever frictionless refuses, renkei refuses; whatever renkei refuses and
frictionless accepts is one of the documented cases where renkei is stricter on purpose
(`_renkei_is_stricter`)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.registry import REPO, Registry
from renkei.checks.patterns import has_stray_characters
from renkei.registry.reference import to_halfwidth

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_registry import generate

FOLDER = "registry/prefectures/13-tokyo"
TABLE_FILES = {
    "municipalities": "municipalities.csv",
    "municipal-platforms": "municipal-platforms.csv",
    "services": "services.csv",
    "data-assets": "data-assets.csv",
    "kpis": "kpis.csv",
}
#: Codes of reading a CSV file (P) and of the Table Schema layer (R001 is its pattern finding for
#: local government codes); reference and cross-file checks are beyond frictionless.
TABLE_SCHEMA_CODES = ("P", "T", "R001")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("generated") / "registry", platforms=60, seed=7)


@pytest.fixture
def small(generated: Path, tmp_path: Path) -> Registry:
    """Schemas, reference data and the generated 13-tokyo folder."""
    target = tmp_path / "repo"
    for part in ("schemas", "registry/reference", FOLDER):
        shutil.copytree(generated / part, target / part)
    return Registry(target)


def frictionless_verdicts(registry: Registry) -> dict[str, bool]:
    report = Package(str(registry.path(f"{FOLDER}/datapackage.yaml"))).validate()
    return {task.name: task.valid for task in report.tasks}


def renkei_verdicts(registry: Registry) -> dict[str, bool]:
    exit_code, report = registry.validate(str(registry.path(FOLDER)))
    assert exit_code in (0, 1)
    invalid = {
        f["file"].rsplit("/", 1)[-1]
        for f in report["findings"]
        if f["severity"] == "error" and f["code"].startswith(TABLE_SCHEMA_CODES)
    }
    return {name: file not in invalid for name, file in TABLE_FILES.items()}


def read_rows(registry: Registry, table: str) -> list[list[str]]:
    text = registry.read(f"{FOLDER}/{TABLE_FILES[table]}")
    return list(csv.reader(io.StringIO(text, newline="")))


def write_rows(registry: Registry, table: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    registry.write(f"{FOLDER}/{TABLE_FILES[table]}", out.getvalue())


def set_cell(table: str, column: str, value: str, row: int = 1) -> Callable[[Registry], None]:
    def mutate(registry: Registry) -> None:
        rows = read_rows(registry, table)
        rows[row][rows[0].index(column)] = value
        write_rows(registry, table, rows)

    return mutate


def duplicate_row(table: str, row: int = 1) -> Callable[[Registry], None]:
    def mutate(registry: Registry) -> None:
        rows = read_rows(registry, table)
        write_rows(registry, table, [*rows, rows[row]])

    return mutate


def test_the_generated_registry_is_valid_for_both(small: Registry) -> None:
    assert frictionless_verdicts(small) == dict.fromkeys(TABLE_FILES, True)
    assert renkei_verdicts(small) == dict.fromkeys(TABLE_FILES, True)


MUTATIONS = {
    "wrong-type-integer": ("kpis", set_cell("kpis", "fiscal_year", "二〇二四")),
    "float-for-integer": ("kpis", set_cell("kpis", "fiscal_year", "2024.0")),
    "exponent-for-integer": ("municipalities", set_cell("municipalities", "planned_fiscal_year", "2.025e3")),
    "wrong-type-number": ("kpis", set_cell("kpis", "value", "12件")),
    "separator-in-number": ("kpis", set_cell("kpis", "value", "1,000")),
    "wrong-type-date": ("services", set_cell("services", "confirmed_on", "2026/01/01")),
    "padded-date": ("data-assets", set_cell("data-assets", "confirmed_on", " 2026-01-01")),
    "missing-required": ("municipalities", set_cell("municipalities", "name", "")),
    "missing-required-key": ("kpis", set_cell("kpis", "indicator", "")),
    "over-max-length": ("services", set_cell("services", "platform_id", "a" * 65)),
    "bad-enum": ("municipal-platforms", set_cell("municipal-platforms", "relation", "own")),
    "bad-pattern-id": ("data-assets", set_cell("data-assets", "platform_id", "Synthetic_13")),
    "bad-pattern-code": ("municipal-platforms", set_cell("municipal-platforms", "lg_code", "13101")),
    "padded-id": ("services", set_cell("services", "platform_id", " synthetic-13-0")),
    "zero-width-in-id": ("kpis", set_cell("kpis", "platform_id", "synthetic\u200b-13-0")),
    "padded-enum": ("municipal-platforms", set_cell("municipal-platforms", "relation", " uses")),
    "spaces-for-empty-integer": ("municipal-platforms", set_cell("municipal-platforms", "since_fiscal_year", " ")),
    "below-minimum": ("kpis", set_cell("kpis", "fiscal_year", "1999")),
    "above-maximum": ("municipal-platforms", set_cell("municipal-platforms", "since_fiscal_year", "2101")),
    "duplicate-primary-key": ("kpis", duplicate_row("kpis")),
    "duplicate-unique-code": ("municipalities", duplicate_row("municipalities")),
}  # fmt: skip


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_a_broken_cell_is_refused_by_both(small: Registry, name: str) -> None:
    table, mutate = MUTATIONS[name]
    mutate(small)
    expected = {t: t != table for t in TABLE_FILES}
    assert frictionless_verdicts(small) == expected, "frictionless"
    assert renkei_verdicts(small) == expected, "renkei"


def _renkei_is_stricter(spec: dict[str, Any], cell: str) -> bool:
    """The documented cases where renkei refuses what frictionless (v5) accepts."""
    kind = spec.get("type", "string")
    constraints = spec.get("constraints", {})
    stripped = cell.strip()
    if "pattern" in constraints and has_stray_characters(cell):
        return True  # frictionless's pattern `$` also matches before a final line break
    if constraints.get("required") and not stripped:
        return True  # a required cell of spaces only is empty
    if "\x00" in cell:
        return True  # a NUL byte makes the file binary (P003)
    if kind in ("integer", "number") and to_halfwidth(stripped) != stripped:
        return True  # full-width digits: Python's int() reads them
    if kind == "number" and stripped.lower().lstrip("+-") in ("nan", "inf", "infinity"):
        return True  # not a figure a reader can use (machine-readability rules)
    # 2024-1-1: the Table Schema default date format is YYYY-MM-DD.
    return kind == "date" and bool(stripped) and len(stripped) != 10


#: Columns that renkei also checks against the row's answer status (beyond the Table Schema):
#: left out of the comparison.
ANSWER_RULES = frozenset({"answer_status", "answered_on", "intention", "planned_fiscal_year",
                          "department"})  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        ["", " ", "2024", "2024.0", "2.024e3", "1e3", "+2024", "02024", "-1", "2101", "1999",
         "NaN", "INF", "１２", "1,000", "12件", "2026-01-01", "2026-1-1", " 2026-01-01",
         "2026/01/01", "synthetic-13-0", "synthetic-13-0\n", " synthetic-13-0", "Bad_Id",
         "131016", "13101", "131016\u200b", "owns", "own", "uses", "api_calls", "true", "x" * 65]
    ),
    st.text(max_size=6),
)  # fmt: skip


@settings(
    max_examples=int(os.environ.get("ORACLE_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(table=st.sampled_from(sorted(TABLE_FILES)), column=st.integers(0, 20), cell=CELLS)
def test_renkei_refuses_whatever_frictionless_refuses(
    generated: Path, tmp_path_factory: pytest.TempPathFactory, table: str, column: int, cell: str
) -> None:
    target = tmp_path_factory.mktemp("case") / "repo"
    for part in ("schemas", "registry/reference", FOLDER):
        shutil.copytree(generated / part, target / part)
    registry = Registry(target)
    rows = read_rows(registry, table)
    column %= len(rows[0])
    if rows[0][column] in ANSWER_RULES:
        column = 0
    rows[1][column] = cell.replace("\r", "")  # line endings are normalised when read
    write_rows(registry, table, rows)
    fl = frictionless_verdicts(registry)[table]
    rk = renkei_verdicts(registry)[table]
    if not fl:
        assert not rk, f"frictionless refuses {cell!r} in {table}.{rows[0][column]}; renkei passes"
    elif not rk:
        import json

        schema = json.loads((REPO / "schemas" / "tables" / f"{table}.json").read_text("utf-8"))
        spec = schema["fields"][column]
        assert _renkei_is_stricter(spec, cell), f"renkei refuses {cell!r} in {spec['name']}"
