"""The fields GB3 names outside §10.3 (infrastructure, geospatial, agriculture, industry) and the
consent-management module role (GB3 §15.3 ②)."""

from __future__ import annotations

from helpers.documents import platform, platforms_file
from helpers.registry import Registry
from renkei.registry.reference import Reference


def test_the_new_fields_are_in_the_reference_with_their_source(registry: Registry) -> None:
    fields = Reference(registry.root).fields
    assert {"infrastructure", "geospatial", "agriculture", "industry"} <= set(fields)
    assert fields["geospatial"].name_ja == "地理空間情報（GIS）"
    assert fields["agriculture"].name_ja == "農林水産"


def test_a_platform_may_use_the_new_fields_and_the_consent_role(registry: Registry) -> None:
    # SYNTHETIC: a field-specific GIS platform with a consent-management module.
    entry = platform("g1", fields="[geospatial, infrastructure, agriculture]").replace(
        "      - role: non_personal_broker\n",
        "      - role: consent_management\n        technology: other\n        product: unknown\n"
        "        version: unknown\n        api: unknown\n      - role: non_personal_broker\n",
    )
    registry.write("registry/prefectures/13-tokyo/platforms.yaml", platforms_file(entry))
    errors = [f for f in registry.findings() if f["severity"] == "error"]
    assert errors == []


def test_an_unlisted_field_is_still_refused(registry: Registry) -> None:
    entry = platform("g1", fields="[geospatial, payments]")
    registry.write("registry/prefectures/13-tokyo/platforms.yaml", platforms_file(entry))
    errors = [f for f in registry.findings() if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["R007"]
    assert "'payments'" in errors[0]["message"]["en"]
