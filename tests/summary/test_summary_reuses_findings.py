"""The national summary from findings already checked (as `bundle --all` passes them) is the
summary that validates for itself, in every format."""

from __future__ import annotations

import datetime as dt

from helpers.registry import Registry
from renkei.checks.validate import PRINCIPLE_FAMILY, ValidateOptions, validate
from renkei.summary.build import national_summary
from renkei.summary.render import RENDERERS

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"


def test_summary_from_given_principle_findings_is_the_same(registry: Registry) -> None:
    # Two field-specific platforms for one field: an A003 in Tokyo's summary row.
    text = registry.read(PLATFORMS)
    entry = text.split("platforms:\n", 1)[1]
    for n in range(2):
        text += (
            entry.replace("test-platform", f"m{n}")
            .replace("kind: cross_field", "kind: field_specific")
            .replace("fields: [disaster_prevention, mobility]", "fields: [mobility]")
        )
    registry.write(PLATFORMS, text)
    today = dt.date(2026, 6, 1)
    report = validate(registry.root, ValidateOptions(as_of=today, use_cache=False))
    principles: dict[str, list[str]] = {}
    for finding in report.findings:
        if finding.code.startswith(PRINCIPLE_FAMILY):
            principles.setdefault(finding.file.split("/")[2], []).append(finding.code)
    assert "A003" in principles["13-tokyo"]
    given = national_summary(registry.root, today, principles)
    own = national_summary(registry.root, today)
    for fmt in ("json", "csv", "svg", "markdown"):
        assert RENDERERS[fmt].render(given, "ja", "s.svg") == RENDERERS[fmt].render(
            own, "ja", "s.svg"
        )
