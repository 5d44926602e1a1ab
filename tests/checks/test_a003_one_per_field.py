"""A003 (several field-specific platforms for one field): one finding per field, however many
platforms share it, naming every one of them with its line."""

from __future__ import annotations

from helpers.registry import SYNTHETIC_PLATFORMS, Registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
ENTRY = SYNTHETIC_PLATFORMS.split("platforms:\n", 1)[1]


def _platforms(count: int) -> str:
    """Tokyo's platforms: one cross-field, then COUNT field-specific ones for mobility."""
    entries = [ENTRY.replace("test-platform", "p1")]
    for n in range(count):
        entries.append(
            ENTRY.replace("test-platform", f"m{n}")
            .replace("kind: cross_field", "kind: field_specific")
            .replace("fields: [disaster_prevention, mobility]", "fields: [mobility]")
        )
    return "# SYNTHETIC TEST DATA\nschema_version: 1\nplatforms:\n" + "".join(entries)


def _a003(registry: Registry, count: int) -> list[dict[str, object]]:
    registry.write(PLATFORMS, _platforms(count))
    _, report = registry.validate(str(registry.path("registry/prefectures/13-tokyo")))
    return [f for f in report["findings"] if f["code"] == "A003"]


def test_one_finding_per_field_naming_every_platform(registry: Registry) -> None:
    entry_lines = ENTRY.count("\n")
    findings = _a003(registry, 5)
    assert len(findings) == 1
    finding = findings[0]
    assert finding["file"] == PLATFORMS
    # At the second platform of the field (m1), the fourth entry's id line.
    assert finding["line"] == 4 + 2 * entry_lines
    message = finding["message"]["en"]
    assert isinstance(message, str)
    for n in range(5):
        assert f"m{n} ({PLATFORMS}:{4 + (n + 1) * entry_lines})" in message


def test_output_grows_linearly_with_the_platforms(registry: Registry) -> None:
    small = len(str(_a003(registry, 4)))
    large = len(str(_a003(registry, 16)))
    assert large < 5 * small  # a finding per extra platform, each naming all, would be ~20×


def test_one_platform_per_field_gives_none(registry: Registry) -> None:
    assert _a003(registry, 1) == []
