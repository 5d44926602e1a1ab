"""The Agency's principles as checks: each triggered, each satisfied by a recorded plan or reason,
as warnings by default and errors under --strict; fiscal-year boundaries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from conftest import SYNTHETIC_PLATFORMS, Registry
from renkei.checks.principles import reachable_types
from renkei.revisions.dates import fiscal_year_of, parse_japanese_date, reiwa_label

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
AS_OF = ("--as-of", "2025-06-01")


def platform(pid: str, **changes: str) -> str:
    """One synthetic platform entry (the conftest template with fields replaced)."""
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
    return "# SYNTHETIC TEST DATA\nschema_version: 1\nplatforms:\n" + "".join(entries)


def vision_file(**sections: str) -> str:
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


@dataclass
class PrincipleCase:
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


def _write(registry: Registry, platforms: str, vision: str) -> None:
    registry.write(PLATFORMS, platforms)
    registry.write(VISION, vision)


def _tokyo(registry: Registry, *args: str) -> tuple[int, list[dict]]:
    code, report = registry.validate(str(registry.path("registry/prefectures/13-tokyo")), *args)
    return code, report["findings"]


@pytest.mark.parametrize("case", PRINCIPLE_CASES, ids=[c.code for c in PRINCIPLE_CASES])
def test_principle_check(registry: Registry, case: PrincipleCase) -> None:
    _write(registry, case.platforms, case.vision)
    code, findings = _tokyo(registry, *case.args)
    assert not [f for f in findings if f["severity"] == "error"], findings
    matching = [f for f in findings if f["code"] == case.code]
    assert matching, [f["code"] for f in findings]
    assert matching[0]["file"] == case.file
    assert matching[0]["line"] == case.line
    assert matching[0]["severity"] == "warning" and code == 0
    strict_code, strict = _tokyo(registry, *case.args, "--strict")
    assert strict_code == 1
    assert {f["severity"] for f in strict if f["code"] == case.code} == {"error"}
    if case.satisfied_vision or case.satisfied_platforms:
        _write(
            registry,
            case.satisfied_platforms or case.platforms,
            case.satisfied_vision or case.vision,
        )
        code, findings = _tokyo(registry, *case.args)
        assert case.code not in [f["code"] for f in findings], findings
        assert code == 0


def test_a001_names_every_platform_with_file_and_line(registry: Registry) -> None:
    _write(registry, TWO_CROSS, vision_file())
    _, findings = _tokyo(registry, *AS_OF)
    message = next(f for f in findings if f["code"] == "A001")["message"]["en"]
    assert f"p1 ({PLATFORMS}:4)" in message
    assert f"p2 ({PLATFORMS}:{LINE_OF_SECOND_ID})" in message


def test_unknown_values_are_not_judged(registry: Registry) -> None:
    _write(
        registry,
        platforms_file(platform("p1", status="unknown"), platform("p2", status="unknown")),
        vision_file(migration_pattern="A", cross_field_platform="unknown"),
    )
    _, findings = _tokyo(registry, *AS_OF)
    assert not {"A001", "A002", "A010"} & {f["code"] for f in findings}


def test_not_registered_vision_is_not_checked(registry: Registry) -> None:
    _write(registry, TWO_CROSS, registry.read(VISION))
    _, findings = _tokyo(registry, *AS_OF)
    assert [f["code"] for f in findings] == ["A001"]


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (dt.date(2025, 3, 31), 2024),
        (dt.date(2025, 4, 1), 2025),
        (dt.date(2026, 3, 31), 2025),
        (dt.date(2026, 4, 1), 2026),
        (dt.date(2019, 4, 30), 2019),
    ],
)
def test_fiscal_year_boundaries(day: dt.date, fiscal_year: int) -> None:
    assert fiscal_year_of(day) == fiscal_year


def test_outdated_check_turns_on_april_first(registry: Registry) -> None:
    _write(registry, platforms_file(platform("p1")), vision_file())
    assert "A005" not in [f["code"] for f in _tokyo(registry, "--as-of", "2026-03-31")[1]]
    assert "A005" in [f["code"] for f in _tokyo(registry, "--as-of", "2026-04-01")[1]]


def test_reiwa_conversion() -> None:
    assert reiwa_label(2019) == "令和元年度"
    assert reiwa_label(2024) == "令和6年度"
    assert reiwa_label(2018) == "平成30年度"
    assert parse_japanese_date("令和元年5月1日") == "2019-05-01"
    assert parse_japanese_date("R6.4.1") == "2024-04-01"
    assert parse_japanese_date("令和６年４月１日") == "2024-04-01"
    assert parse_japanese_date("平成31年4月30日") == "2019-04-30"
    assert parse_japanese_date("2024/4/1") == "2024-04-01"
    assert parse_japanese_date("令和6年2月30日") is None


def test_type_paths() -> None:
    assert reachable_types("2.1") == ["2.2", "2.3", "2.4"]
    assert "2.4" in reachable_types("2.5")
    assert reachable_types("2.4") == []
    assert "2.1" in reachable_types("1.1") and "2.8" not in reachable_types("1.1")
