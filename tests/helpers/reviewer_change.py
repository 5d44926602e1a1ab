"""A realistic change of a synthetic registry, as reviewers see one: a committed Tokyo with a
platform and an adopted vision, then a new platform, a platform's status and fields changed, and
a new vision revision with a consultation desk (all synthetic)."""

from __future__ import annotations

from pathlib import Path

from helpers.documents import platform, platforms_file, vision_file
from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
NEW_PLATFORM = "tokyo-health-hub"

_BASE_VISION = vision_file(cross_field_platform="\n  platform_id: test-platform")
_NEW_REVISION = (
    '\n  - fiscal_year: 2025\n    number: 1\n    adopted_on: "2025-05-01"\n'
    "    summary: unknown\n    publication_url: https://example.org/vision"
    '\n  - fiscal_year: 2025\n    number: 2\n    adopted_on: "2025-09-01"\n'
    "    summary: 相談窓口を設置し、目標の型を見直した（合成）\n"
    "    publication_url: https://example.org/vision-2"
)


def _base(registry: Registry) -> None:
    registry.write(VISION, _BASE_VISION)


def changed_registry(target: Path) -> Registry:
    """The registry at TARGET: the base committed, the change committed after it (HEAD~1..HEAD)."""
    repo = committed_registry(target, "reviewer-change", _base)
    second = platform(
        NEW_PLATFORM,
        name="テスト健康基盤（合成）",
        kind="field_specific",
        status="building",
        fields="[health]",
        lead_body='"131016"',
    )
    first = platform("test-platform", status="building", fields="[disaster_prevention, health]")
    repo.write(PLATFORMS, platforms_file(first, second))
    repo.write(
        VISION,
        vision_file(
            cross_field_platform="\n  platform_id: test-platform",
            revisions=_NEW_REVISION,
            target_type='"1.2"',
            consultation_desk="\n  department: 情報政策課（合成）\n  established: true",
        ),
    )
    commit(repo, "a realistic change", "2025-09-01T10:00:00+09:00")
    return repo
