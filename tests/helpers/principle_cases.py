"""One case per principle code (A001…): the documents that trigger it, where, and the same state
with a recorded plan or reason that satisfies it. tests/checks/test_principles.py runs them;
the catalogue test (tests/findings/test_finding_codes.py) counts their codes."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.documents import platform, platforms_file, vision_file
from helpers.registry import SYNTHETIC_PLATFORMS

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
AS_OF = ("--as-of", "2025-06-01")


@dataclass
class PrincipleCase:
    """A principle code, where it is reported, the documents that trigger it and satisfy it."""

    code: str
    file: str
    line: int
    platforms: str
    vision: str
    satisfied_vision: str | None = None  # the same state with a recorded plan or reason
    satisfied_platforms: str | None = None
    args: tuple[str, ...] = AS_OF


TWO_CROSS = platforms_file(platform("p1"), platform("p2"))
TWO_MOBILITY = platforms_file(
    platform("p1"),
    platform("m1", kind="field_specific", fields="[mobility]"),
    platform("m2", kind="field_specific", fields="[mobility]"),
)
OTHER_MODULE = platforms_file(platform("p1", technology="other"))
OUTSIDER = platforms_file(
    platform("p1")
    .replace('lg_code: "131016"', 'lg_code: "011002"')
    .replace("name: 千代田区", "name: 札幌市")
)
LINE_OF_SECOND_ID = 4 + SYNTHETIC_PLATFORMS.split("platforms:\n", 1)[1].count("\n")

PRINCIPLE_CASES = [
    PrincipleCase(
        "A001", PLATFORMS, LINE_OF_SECOND_ID, TWO_CROSS, vision_file(),
        satisfied_vision=vision_file(consolidation="\n  - platform_id: p2\n    target_platform_id: p1\n    by_fiscal_year: 2027"),
    ),
    PrincipleCase(
        "A002", VISION, 13, platforms_file(platform("p1")), vision_file(cross_field_platform="none"),
        satisfied_vision=vision_file(cross_field_platform="\n  plan: 県の基盤を指定する（合成）\n  by_fiscal_year: 2026"),
    ),
    PrincipleCase(
        "A003", PLATFORMS, 2 * LINE_OF_SECOND_ID - 4 + 1 - 1, TWO_MOBILITY, vision_file(),
        satisfied_vision=vision_file(field_policies="\n  - field: mobility\n    platform_ids: [m1, m2]\n    exception_reason: 合成の理由"),
    ),
    PrincipleCase(
        "A004", PLATFORMS, 29, OTHER_MODULE, vision_file(),
        satisfied_platforms=platforms_file(platform("p1", technology="other").replace("api: ngsi_v2", "api: ngsi_v2\n        reason: 合成の理由")),
    ),
    PrincipleCase("A005", VISION, 5, platforms_file(platform("p1")), vision_file(), args=("--as-of", "2026-04-01")),
    PrincipleCase(
        "A006", VISION, 9, platforms_file(platform("p1")),
        vision_file().replace("publication_url: https://example.org/vision", "publication_url: unknown"),
    ),
    PrincipleCase(
        "A007", VISION, 18, platforms_file(platform("p1"), platform("p2", status="retired")),
        vision_file(consolidation="\n  - platform_id: p1\n    target_platform_id: p2"),
    ),
    PrincipleCase(
        "A008", VISION, 17, platforms_file(platform("p1"), platform("p2", kind="field_specific")),
        vision_file(consolidation="\n  - platform_id: p1\n    target_platform_id: p2\n  - platform_id: p2\n    target_platform_id: p1"),
    ),
    PrincipleCase(
        "A009", PLATFORMS, 34, OUTSIDER, vision_file(),
        satisfied_platforms=OUTSIDER.replace("cross_prefecture: false", "cross_prefecture: true"),
    ),
    PrincipleCase(
        "A010", VISION, 12, platforms_file(platform("p1")), vision_file(migration_pattern="A"),
        satisfied_vision=vision_file(migration_pattern="B").replace('platform_id: p1', 'platform_id: p1'),
        satisfied_platforms=platforms_file(platform("p1", lead_body='"131016"')),
    ),
    PrincipleCase(
        "A011", VISION, 11, platforms_file(platform("p1")), vision_file(current_type='"2.4"', target_type='"2.1"'),
        satisfied_vision=vision_file(current_type='"2.1"', target_type='"2.4"'),
    ),
    PrincipleCase(
        "A012", VISION, 18, platforms_file(platform("p1"), platform("m1", kind="field_specific", fields="[mobility]")),
        vision_file(field_policies="\n  - field: mobility\n    platform_ids: [m1]\n    exception_reason: もう不要な理由"),
    ),
]  # fmt: skip
