"""SYNTHETIC surveys.yaml texts for the tests: the notice's own round (事務連絡 令和6年5月10日,
記2(1) and 記3), its submission date and coverage unknown as they are for every real prefecture."""

from __future__ import annotations

SURVEYS = "registry/prefectures/13-tokyo/surveys.yaml"


def surveys_file(
    submitted_on: str = "unknown", coverage: str = "unknown", extra_round: str = ""
) -> str:
    """surveys.yaml with the notice's round (fy2024-bessoe1), then `extra_round` (YAML text)."""
    return (
        "# SYNTHETIC TEST DATA\n"
        "schema_version: 1\n"
        "rounds:\n"
        "  - id: fy2024-bessoe1\n"
        "    instrument: bessoe1\n"
        "    fiscal_year: 2024\n"
        "    requested_by: 事務連絡 令和6年5月10日 デジタル庁\n"
        '    due: "2024-05-31T18:00+09:00"\n'
        f"    submitted_on: {submitted_on}\n"
        "    submitted_to: dd-rollout@digital.go.jp\n"
        f"    coverage: {coverage}\n"
        "    sources:\n"
        "      - title: synthetic\n"
        "        url: https://example.org/synthetic\n"
        '        confirmed_on: "2026-01-01"\n'
    ) + extra_round


#: A later round in the prefecture's own format (SYNTHETIC).
OWN_FORMAT_ROUND = (
    "  - id: fy2025-own\n"
    "    instrument: own_format\n"
    "    fiscal_year: 2025\n"
    '    due: "2025-06-30"\n'
    '    submitted_on: "2025-06-27"\n'
    "    coverage: {answered: 40, total: 62}\n"
    "    sources:\n"
    "      - title: synthetic\n"
    "        url: https://example.org/synthetic\n"
    '        confirmed_on: "2026-01-01"\n'
)
