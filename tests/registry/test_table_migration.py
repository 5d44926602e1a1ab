"""Migrating the CSV tables to their Table Schemas: missing optional columns appended empty,
renamed values rewritten, every other cell kept; a header that is not an older form of the
schema's is refused, never rewritten. SYNTHETIC tables."""

from __future__ import annotations

import pytest

from helpers.registry import Registry
from renkei.checks.table_schema import load_table_schema
from renkei.registry.table_migration import (
    RENAMED_VALUES,
    CannotMigrate,
    migrate_registry,
    migrate_table_text,
)

TOKYO = "registry/prefectures/13-tokyo"
OLD_KPIS = "platform_id,fiscal_year,indicator,value,unit,source,confirmed_on\n"
OLD_SERVICES = (
    "platform_id,service_name,ingested_data,provided_data,internal_only_data,provided_to,"
    "frequency,method,source,confirmed_on\n"
)


def test_old_tables_gain_the_new_columns_and_keep_their_rows(registry: Registry) -> None:
    registry.write(
        f"{TOKYO}/kpis.csv",
        OLD_KPIS
        + "test-platform,2025,active_within_30_days,41.5,%,https://example.org/k,2026-01-01\n",
    )
    registry.write(
        f"{TOKYO}/services.csv",
        OLD_SERVICES + 'test-platform,"防災アプリ, 地図",,,,,,,GB3 §9.5,2026-01-01\n',
    )
    done = {m.path: m for m in migrate_registry(registry.root)}
    kpis = done[f"{TOKYO}/kpis.csv"]
    assert kpis.added == ("service_name", "attribute", "touchpoint", "value_kind")
    assert kpis.renamed == 1
    assert registry.read(f"{TOKYO}/kpis.csv").splitlines()[1] == (
        "test-platform,2025,within_30_days_use_rate,41.5,%,https://example.org/k,2026-01-01,,,,"
    )
    services = registry.read(f"{TOKYO}/services.csv").splitlines()
    assert services[0].endswith(",confirmed_on,survey_fiscal_year,template_version")
    assert services[1] == 'test-platform,"防災アプリ, 地図",,,,,,,GB3 §9.5,2026-01-01,,'
    # The migrated kpis row names a touchpoint indicator without its touchpoint: X016 says so.
    codes = [f["code"] for f in registry.findings(str(registry.path(TOKYO)))]
    assert codes == ["X016"]
    assert migrate_registry(registry.root) == []  # a second run changes nothing


def test_a_current_table_is_left_byte_for_byte(registry: Registry) -> None:
    before = registry.read(f"{TOKYO}/kpis.csv")
    assert all(m.path != f"{TOKYO}/kpis.csv" for m in migrate_registry(registry.root))
    assert registry.read(f"{TOKYO}/kpis.csv") == before


@pytest.mark.parametrize(
    "header",
    [
        "platform_id,indicator,fiscal_year,value,unit,source,confirmed_on\n",  # out of order
        "platform_id,fiscal_year,indicator,value,unit,source,confirmed_on,extra\n",  # unknown
    ],
)
def test_a_header_that_is_not_an_older_form_is_refused(registry: Registry, header: str) -> None:
    schema = load_table_schema(registry.root, "kpis")
    with pytest.raises(CannotMigrate):
        migrate_table_text(header, schema, RENAMED_VALUES["kpis"])


def test_new_required_columns_are_refused_when_rows_exist(registry: Registry) -> None:
    schema = load_table_schema(registry.root, "kpis")
    text = "platform_id,fiscal_year\ntest-platform,2025\n"
    with pytest.raises(CannotMigrate):
        migrate_table_text(text, schema)
