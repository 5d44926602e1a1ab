"""`renkei migrate` on the tests' own registry: the former `counts` of a platform becomes
`components` (GB3 §4.2), comments and other keys are kept, a changed file is written atomically,
an unchanged one is not touched, a second run changes nothing, and nothing is invented for the
area (vision.yaml's area_inventory)."""

from __future__ import annotations

import os

from helpers.registry import SYNTHETIC_PLATFORMS, TOKYO_PLATFORMS, Registry
from renkei.registry.migration import components_of, migrate_text

OSAKA = "registry/prefectures/27-osaka/platforms.yaml"
TOKYO_VISION = "registry/prefectures/13-tokyo/vision.yaml"

#: SYNTHETIC: the tests' platform written the former way (known counts, a comment inside).
#: SYNTHETIC: the tests' platform with a comment of its own, in the current shape.
CURRENT = SYNTHETIC_PLATFORMS.replace("schema_version: 1\n", "schema_version: 1  # kept\n")
FORMER_KNOWN = CURRENT.replace(
    "    components:\n      personal_auth: true\n      non_personal_broker: true\n"
    "      personal_broker: false\n",
    "    counts:\n      # synthetic comment kept\n      personal_auth_services: 2\n"
    "      non_personal_platforms: 1\n      personal_platforms: 0\n",
)
#: SYNTHETIC: counts unknown, in another prefecture.
FORMER_UNKNOWN = (
    SYNTHETIC_PLATFORMS.replace("test-platform", "osaka-test-platform")
    .replace('"130001"', '"270008"')
    .replace(
        "    components:\n      personal_auth: true\n      non_personal_broker: true\n"
        "      personal_broker: false\n",
        "    counts: unknown\n",
    )
    .replace('      - lg_code: "131016"\n        name: 千代田区\n        since: "2024"\n', "")
    .replace("    participants:\n", "    participants: []\n")
)


def test_known_counts_map_to_booleans_and_unknown_stays() -> None:
    assert components_of("unknown") == "unknown"
    assert components_of(
        {"personal_auth_services": 2, "non_personal_platforms": 1, "personal_platforms": 0}
    ) == {"personal_auth": True, "non_personal_broker": True, "personal_broker": False}
    assert components_of(
        {"personal_auth_services": "unknown", "non_personal_platforms": 0, "personal_platforms": 3}
    ) == {"personal_auth": "unknown", "non_personal_broker": False, "personal_broker": True}
    assert components_of({"personal_auth_services": -1}) is None
    assert components_of({"personal_auth_services": True, "non_personal_platforms": 0,
                          "personal_platforms": 0}) is None  # fmt: skip


def test_the_rewrite_keeps_everything_else() -> None:
    migrated = migrate_text(FORMER_KNOWN, "p.yaml")
    # The comment inside the former block goes with it; everything around it is kept.
    assert migrated == CURRENT
    assert migrate_text(migrated, "p.yaml") == migrated
    unknown = migrate_text(FORMER_UNKNOWN, "p.yaml")
    assert "    components: unknown\n" in unknown and "counts" not in unknown
    assert len(unknown.splitlines()) == len(FORMER_UNKNOWN.splitlines())


def test_migrate_on_a_registry_writes_only_what_changes(registry: Registry) -> None:
    registry.write(TOKYO_PLATFORMS, FORMER_KNOWN)
    registry.write(OSAKA, FORMER_UNKNOWN)
    untouched = "registry/prefectures/01-hokkaido/platforms.yaml"
    before_untouched = os.stat(registry.path(untouched))
    vision_before = registry.read(TOKYO_VISION)
    tokyo_inode = os.stat(registry.path(TOKYO_PLATFORMS)).st_ino

    dry = registry.run("migrate", "--root", str(registry.root), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (
        f"would rewrite {OSAKA}" in dry.output and f"would rewrite {TOKYO_PLATFORMS}" in dry.output
    )
    assert registry.read(TOKYO_PLATFORMS) == FORMER_KNOWN

    result = registry.run("migrate", "--root", str(registry.root))
    assert result.exit_code == 0, result.output
    assert "2 file(s) rewritten, 45 already current, 0 not migrated" in result.output
    assert registry.read(TOKYO_PLATFORMS) == CURRENT
    assert "    components: unknown\n" in registry.read(OSAKA)
    # Written atomically (a new file renamed into place), the others left alone.
    assert os.stat(registry.path(TOKYO_PLATFORMS)).st_ino != tokyo_inode
    after_untouched = os.stat(registry.path(untouched))
    assert (after_untouched.st_ino, after_untouched.st_mtime_ns) == (
        before_untouched.st_ino,
        before_untouched.st_mtime_ns,
    )
    assert not list(registry.path("registry/prefectures/13-tokyo").glob(".*.tmp"))
    # The area's numbers are never invented from a platform's parts.
    assert registry.read(TOKYO_VISION) == vision_before
    assert "area_inventory" not in registry.read(TOKYO_VISION)
    code, report = registry.validate()
    assert code == 0, report

    stamp = os.stat(registry.path(TOKYO_PLATFORMS)).st_mtime_ns
    again = registry.run("migrate", "--root", str(registry.root))
    assert again.exit_code == 0 and "0 file(s) rewritten, 47 already current" in again.output
    assert os.stat(registry.path(TOKYO_PLATFORMS)).st_mtime_ns == stamp


def test_a_value_that_cannot_be_mapped_is_reported_and_left(registry: Registry) -> None:
    bad = FORMER_KNOWN.replace("personal_platforms: 0", "personal_platforms: many")
    registry.write(TOKYO_PLATFORMS, bad)
    result = registry.run("migrate", "--root", str(registry.root))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{TOKYO_PLATFORMS}: not migrated: platform 1: counts must be" in result.output
    assert registry.read(TOKYO_PLATFORMS) == bad


def test_the_former_key_is_refused_with_the_migration_named(registry: Registry) -> None:
    registry.write(TOKYO_PLATFORMS, FORMER_KNOWN)
    code, report = registry.validate()
    assert code == 1
    s002 = [f for f in report["findings"] if f["code"] == "S002"]
    assert s002 and "components (renkei migrate)" in s002[0]["hint"]["en"]
