"""The Agency's principles as checks: each triggered, each satisfied by a recorded plan or reason,
as warnings by default and errors under --strict; fiscal-year boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers.documents import platform, platforms_file, vision_file
from helpers.principle_cases import (
    AS_OF,
    LINE_OF_SECOND_ID,
    PLATFORMS,
    PRINCIPLE_CASES,
    TWO_CROSS,
    VISION,
    PrincipleCase,
)
from helpers.registry import Registry
from renkei.checks.principles import reachable_types
from renkei.revisions.dates import fiscal_year_of, parse_japanese_date, reiwa_label


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
