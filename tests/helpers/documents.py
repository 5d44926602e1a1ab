"""Synthetic registry documents (no real platform or vision): platforms built from the
blank registry's SYNTHETIC entry with fields replaced, and visions with sections set."""

from __future__ import annotations

from helpers.registry import SYNTHETIC_PLATFORMS


def platform(pid: str, **changes: str) -> str:
    """One synthetic platform entry (the blank registry's SYNTHETIC entry with fields replaced)."""
    text = SYNTHETIC_PLATFORMS.split("platforms:\n", 1)[1].replace("test-platform", pid)
    for key, value in changes.items():
        lines = text.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.strip().startswith(f"{key}:") or line.strip().startswith(f"- {key}:"):
                indent = line[: len(line) - len(line.lstrip())]
                dash = "- " if line.strip().startswith("- ") else ""
                lines[i] = f"{indent}{dash}{key}: {value}\n"
                break
        else:
            raise AssertionError(key)
        text = "".join(lines)
    return text


def platforms_file(*entries: str) -> str:
    """A platforms.yaml holding the entries made by `platform`."""
    return "# SYNTHETIC TEST DATA\nschema_version: 1\nplatforms:\n" + "".join(entries)


def vision_file(**sections: str) -> str:
    """An adopted vision (FY2025 r1) with every section unknown unless given."""
    base = {
        "status": "adopted",
        "title": "テストビジョン（合成）",
        "revisions": (
            '\n  - fiscal_year: 2025\n    number: 1\n    adopted_on: "2025-05-01"\n'
            "    summary: unknown\n    publication_url: https://example.org/vision"
        ),
        "current_type": '"2.1"',
        "target_type": '"2.4"',
        "migration_pattern": "unknown",
        "cross_field_platform": "\n  platform_id: p1",
        "field_policies": "unknown",
        "consolidation": "unknown",
        "cost_sharing": "unknown",
        "governance": "unknown",
        "interoperability": "unknown",
        "data_minimisation": "unknown",
        "consultation_desk": "unknown",
        "schedule": "unknown",
        "sections": "unknown",
        "sources": "[]",
    }
    base.update(sections)
    return "schema_version: 1\n" + "".join(f"{k}: {v}\n" for k, v in base.items())


def vision_text(revisions: list[tuple[int, int]], summary: str = "unknown") -> str:
    """An adopted vision with the given (fiscal year, number) revisions and summary."""
    lines = [
        "schema_version: 1",
        "status: adopted",
        "title: テストビジョン",
        "revisions:",
    ]
    for fiscal_year, number in revisions:
        lines += [
            f"  - fiscal_year: {fiscal_year}",
            f"    number: {number}",
            f'    adopted_on: "{fiscal_year + 1}-03-31"',
            "    summary: unknown",
            "    publication_url: unknown",
        ]
    rest = [
        "current_type",
        "unknown",
        "target_type",
        "unknown",
        "migration_pattern",
        "unknown",
        "cross_field_platform",
        "unknown",
        "field_policies",
        "unknown",
        "consolidation",
        "unknown",
        "cost_sharing",
        "unknown",
        "governance",
        "unknown",
        "interoperability",
        "unknown",
        "data_minimisation",
        "unknown",
        "consultation_desk",
        "unknown",
        "schedule",
        "unknown",
    ]
    lines += [f"{rest[i]}: {rest[i + 1]}" for i in range(0, len(rest), 2)]
    lines += [f"sections:\n  vision: {summary}", "sources: []"]
    return "\n".join(lines) + "\n"
