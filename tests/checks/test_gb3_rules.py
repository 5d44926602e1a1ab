"""The rules made exact to the guidebook (GB3 = エリアデータ連携基盤の共同利用ガイドブック第3.0版,
commit 4225644) and to the notice of 2024-05-10: the guidebook's own examples pass, and the
states the guidebook rules out still fail.

A011 (GB3 §7.2, §8.2 type steps), A010 (GB3 §8.2 pattern A from types 1.1/1.2), A005 (notice
記2(2): a revision once a fiscal year, missed only once the year has ended), A004 (only roles the
catalog recommends a technology for; GB3 §3.2, §6.5) beside A013 (a technology of another role).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers.documents import platform, platforms_file, vision_file
from helpers.registry import Registry, copy_registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
AS_OF = ("--as-of", "2025-06-01")
CHIYODA, CHUO = '"131016"', '"131024"'


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """One registry for the cases of this module: each case writes both documents it needs."""
    yield copy_registry(tmp_path_factory.mktemp("gb3") / "repo")


def _codes(registry: Registry, platforms: str, vision: str, *args: str) -> list[str]:
    registry.write(PLATFORMS, platforms)
    registry.write(VISION, vision)
    folder = str(registry.path("registry/prefectures/13-tokyo"))
    return [f["code"] for f in registry.findings(folder, *(args or AS_OF))]


# --- A011: GB3 §7.2 (2つの発展経路) and §8.2 (移行パターンの対象) -----------------------------

REACHABLE = [
    ("1.1", "2.1", "§8.2 パターンA 対象 「【型 1.1】…➔【型 2.1】」"),
    ("1.1", "2.2", "§8.2 table パターンA 「型2.1、将来的に型2.2/2.4」"),
    ("1.1", "2.4", "§8.2 table パターンA 「型2.1、将来的に型2.2/2.4」"),
    ("1.2", "2.1", "§8.2 パターンA 対象 「【型 1.2】（単一市区町村基盤） ➔ 【型 2.1】」"),
    *[(c, "2.2", "§8.2 パターンB 対象 「【型 1.2～1.5】 ➔ 【型 2.2】」") for c in ("1.2", "1.3", "1.4", "1.5")],
    *[(c, "2.4", "§8.2 パターンD 対象 「【型 1.2～1.5】 ➔ 【型 2.4】」") for c in ("1.2", "1.3", "1.4", "1.5")],
    *[(c, "2.8", "§8.2 パターンC 対象 「【型 1.2～1.5】＋【型 1.2～1.5】 ➔ 【型 2.8】」") for c in ("1.2", "1.3", "1.4", "1.5")],
    *[(c, "2.6", "§8.2 table パターンC 「型2.6、型2.8」") for c in ("1.2", "1.3", "1.4", "1.5")],
    *[(c, t, "§7.2 「複数基盤が既に稼働している地域は現実経路（統合・整合）を経て」; figure 「型2.5 ／ 型2.7 拠点統合」") for c in ("1.2", "1.3", "1.4", "1.5") for t in ("2.5", "2.7")],
    ("2.1", "2.2", "figure 10_7-2 理想経路"),
    ("2.3", "2.2", "figure 10_7-2 理想経路"),
    ("2.2", "2.4", "figure 10_7-2 理想経路"),
    ("2.5", "2.6", "figure 10_7-2 現実経路 (2.5／2.7 → 2.6／2.8)"),
    ("2.7", "2.8", "figure 10_7-2 現実経路 (2.5／2.7 → 2.6／2.8)"),
    ("2.5", "2.8", "figure 10_7-2 現実経路 (2.5／2.7 → 2.6／2.8)"),
    ("2.6", "2.4", "「将来的な基盤統合（単一基盤への収斂）」"),
    ("2.8", "2.4", "§8.2 パターンC 「将来的な基盤統合により型2.4へ収斂」"),
]  # fmt: skip

UNREACHABLE = [
    ("2.4", "2.1"),  # the goal goes nowhere
    ("2.2", "2.1"),
    ("2.6", "2.5"),
    ("2.8", "2.6"),
    *[
        ("1.1", t) for t in ("2.5", "2.6", "2.7", "2.8")
    ],  # no platform: GB3 sends 型1.1 to パターンA
]


@pytest.mark.parametrize(
    ("current", "target", "passage"), REACHABLE, ids=[f"{c}->{t}" for c, t, _ in REACHABLE]
)
def test_a011_passes_the_guidebook_paths(
    shared: Registry, current: str, target: str, passage: str
) -> None:
    vision = vision_file(current_type=f'"{current}"', target_type=f'"{target}"')
    found = _codes(shared, platforms_file(platform("p1")), vision)
    assert "A011" not in found, f"{current} → {target} ({passage}): {found}"


@pytest.mark.parametrize(
    ("current", "target"), UNREACHABLE, ids=[f"{c}->{t}" for c, t in UNREACHABLE]
)
def test_a011_still_refuses_what_the_guidebook_rules_out(
    shared: Registry, current: str, target: str
) -> None:
    vision = vision_file(current_type=f'"{current}"', target_type=f'"{target}"')
    assert "A011" in _codes(shared, platforms_file(platform("p1")), vision)


# --- A010: GB3 §8.2 (パターンA の対象は型1.1/型1.2) -----------------------------------------

NO_PLATFORM = "# SYNTHETIC TEST DATA\nschema_version: 1\nplatforms: []\n"
ONE_MUNICIPAL = platforms_file(platform("p1", lead_body=CHIYODA))
TWO_MUNICIPAL = platforms_file(platform("p1", lead_body=CHIYODA), platform("p2", lead_body=CHUO))
ONE_PREFECTURAL = platforms_file(platform("p1"))
PLANNED_PREFECTURAL = platforms_file(platform("p1", status="planned"))
MUNICIPAL_ONLY_LOCAL = platforms_file(
    platform("p1", lead_body=CHIYODA, user_scope="within_municipality")
)
MUNICIPAL_AND_PREFECTURAL = platforms_file(
    platform("p1", lead_body=CHIYODA, user_scope="within_municipality"),
    platform("p2", status="building"),
)
MUNICIPAL_AND_WIDE = platforms_file(
    platform("p1", lead_body=CHIYODA, user_scope="within_municipality"),
    platform("p2", lead_body=CHUO, user_scope="prefecture_wide"),
)
UNKNOWN_LEAD = platforms_file(platform("p1", lead_body="unknown"))

PATTERN_CASES = [
    # (pattern, platforms, A010 expected, what it shows)
    ("A", NO_PLATFORM, False, "型1.1: 「【型 1.1】（基盤運営自治体なし）… ➔ 【型 2.1】」"),
    ("A", ONE_MUNICIPAL, False, "型1.2: 「【型 1.2】（単一市区町村基盤） ➔ 【型 2.1】」"),
    ("A", PLANNED_PREFECTURAL, False, "no platform runs yet"),
    ("A", UNKNOWN_LEAD, False, "whose platform it is is unknown: not judged"),
    ("A", TWO_MUNICIPAL, True, "複数乱立している → パターンC"),
    ("A", ONE_PREFECTURAL, True, "the prefecture's own platform runs"),
    ("B", ONE_MUNICIPAL, False, "「パターンB: 広域展開 | 単一市区町村基盤がある」"),
    ("B", PLANNED_PREFECTURAL, True, "no running municipal platform"),
    ("C", TWO_MUNICIPAL, False, "「パターンC … | 複数基盤が存在」"),
    ("C", ONE_MUNICIPAL, True, "only one platform runs"),
    ("D", MUNICIPAL_AND_PREFECTURAL, False, "「市区町村基盤から都道府県基盤へ参加」"),
    ("D", MUNICIPAL_AND_WIDE, False, "「広域で運営されている巨大な共通データハブへと合流」"),
    ("D", MUNICIPAL_ONLY_LOCAL, True, "no prefectural or wide-area platform"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "platforms", "expected", "shows"),
    PATTERN_CASES,
    ids=[f"{p}-{i}" for i, (p, *_rest) in enumerate(PATTERN_CASES)],
)
def test_a010_follows_the_targets_of_each_pattern(
    shared: Registry, pattern: str, platforms: str, expected: bool, shows: str
) -> None:
    vision = vision_file(migration_pattern=pattern, cross_field_platform="unknown")
    found = _codes(shared, platforms, vision)
    assert ("A010" in found) is expected, f"{pattern}: {shows}: {found}"


def test_a010_names_the_running_platforms_and_the_section(registry: Registry) -> None:
    registry.write(PLATFORMS, TWO_MUNICIPAL)
    registry.write(VISION, vision_file(migration_pattern="A", cross_field_platform="unknown"))
    folder = str(registry.path("registry/prefectures/13-tokyo"))
    found = next(f for f in registry.findings(folder, *AS_OF) if f["code"] == "A010")
    assert "p1, p2" in found["message"]["en"] and "GB3 §8.2" in found["message"]["ja"]
    assert "型1.1（基盤なし）または型1.2" in found["hint"]["ja"]


# --- A005: notice 記2(2) 「策定後は、毎年度末などの適時のタイミングで改訂」 -------------------

TOTTORI_LIKE = vision_file(
    revisions='\n  - fiscal_year: 2024\n    number: 1\n    adopted_on: "2025-03"\n'
    "    summary: unknown\n    publication_url: https://example.org/vision"
)
REVISION_CASES = [
    # (vision, as_of, A005 expected)
    (TOTTORI_LIKE, "2025-04-01", False),  # adopted in March, the day after: the case
    (TOTTORI_LIKE, "2026-03-31", False),  # FY2025 has not ended
    (TOTTORI_LIKE, "2026-04-01", True),  # FY2025 ended without a revision
    (vision_file(), "2026-04-01", False),  # FY2025, adopted 2025-05-01
    (vision_file(), "2027-03-31", False),
    (vision_file(), "2027-04-01", True),
]


@pytest.mark.parametrize(
    ("vision", "as_of", "expected"),
    REVISION_CASES,
    ids=[f"{'tottori' if v is TOTTORI_LIKE else 'fy2025'}-{d}" for v, d, _ in REVISION_CASES],
)
def test_a005_fires_only_once_a_fiscal_year_has_ended(
    shared: Registry, vision: str, as_of: str, expected: bool
) -> None:
    found = _codes(shared, platforms_file(platform("p1")), vision, "--as-of", as_of)
    assert ("A005" in found) is expected, found


def test_a005_names_the_missed_fiscal_year_and_when_it_ended(registry: Registry) -> None:
    registry.write(PLATFORMS, platforms_file(platform("p1")))
    registry.write(VISION, TOTTORI_LIKE)
    folder = str(registry.path("registry/prefectures/13-tokyo"))
    found = next(
        f for f in registry.findings(folder, "--as-of", "2026-06-01") if f["code"] == "A005"
    )
    assert found["message"]["ja"].startswith("ビジョンの最新の改定は 令和6年度（FY2024） です。")
    assert "令和7年度（FY2025）（2026-03-31 まで）の改定がありません" in found["message"]["ja"]
    assert "(which ended on 2026-03-31)" in found["message"]["en"]
    assert "令和8年度（FY2026） の改定を revisions に追加" in found["hint"]["ja"]


def test_a005_takes_the_fiscal_year_from_a_dated_adoption(shared: Registry) -> None:
    # Labelled FY2025 but adopted in March 2025, so of FY2024 (X013 reports the label): on
    # 2026-04-01 FY2025 has ended without a revision.
    mislabelled = TOTTORI_LIKE.replace("fiscal_year: 2024", "fiscal_year: 2025")
    found = _codes(shared, platforms_file(platform("p1")), mislabelled, "--as-of", "2026-04-01")
    assert "A005" in found and "X013" in found
    # A year alone leaves the label in charge.
    year_only = TOTTORI_LIKE.replace('adopted_on: "2025-03"', 'adopted_on: "2025"')
    found = _codes(shared, platforms_file(platform("p1")), year_only, "--as-of", "2026-03-31")
    assert "A005" not in found and "X013" not in found


# --- A004 / A013: GB3 §3.2 recommends technology for three roles only ---------------------


def _module(role: str, technology: str, reason: bool = False) -> str:
    text = platform("p1", role=role, technology=technology)
    if reason:
        text = text.replace("api: ngsi_v2", "api: ngsi_v2\n        reason: 合成の理由")
    return platforms_file(text)


MODULE_CASES = [
    # (role, technology, reason, findings among A004/A012/A013)
    ("authentication", "other", False, []),  # the catalog recommends nothing for this role
    ("device_management", "other", False, []),
    ("other", "other", False, []),
    ("authentication", "other", True, []),  # and a reason there is not "no longer needed"
    ("api_gateway", "kong-gateway", False, []),  # GB3 §3.2 ① Kong Gateway
    ("non_personal_broker", "fiware-orion", False, []),  # GB3 §3.2 ② NGSI v2 FIWARE Orion
    ("personal_broker", "pxr", False, []),  # GB3 §3.2 ② パーソナルデータ連携モジュール
    ("non_personal_broker", "kong-gateway", False, ["A013"]),  # Kong as a broker
    ("device_management", "fiware-orion", False, ["A013"]),
    ("non_personal_broker", "other", False, ["A004"]),  # must still fail
    ("personal_broker", "other", False, ["A004"]),
    ("api_gateway", "other", False, ["A004"]),
    ("api_gateway", "other", True, []),  # the reason is recorded
    ("non_personal_broker", "fiware-orion", True, ["A012"]),  # the reason is no longer needed
    ("non_personal_broker", "unknown", False, []),  # unknown is not judged
]


@pytest.mark.parametrize(
    ("role", "technology", "reason", "expected"),
    MODULE_CASES,
    ids=[f"{r}-{t}{'-reason' if why else ''}" for r, t, why, _ in MODULE_CASES],
)
def test_a004_only_where_the_catalog_recommends_and_a013_for_another_role(
    shared: Registry, role: str, technology: str, reason: bool, expected: list[str]
) -> None:
    found = _codes(shared, _module(role, technology, reason), vision_file())
    assert [c for c in found if c in ("A004", "A012", "A013")] == expected, found


def test_a004_and_a013_name_the_recommended_technology(registry: Registry) -> None:
    folder = str(registry.path("registry/prefectures/13-tokyo"))
    registry.write(VISION, vision_file())
    registry.write(PLATFORMS, _module("non_personal_broker", "other"))
    a004 = next(f for f in registry.findings(folder, *AS_OF) if f["code"] == "A004")
    assert "推奨技術（NGSI v2 FIWARE Orion (fiware-orion)）ではありません" in a004["message"]["ja"]
    registry.write(PLATFORMS, _module("non_personal_broker", "kong-gateway"))
    code, report = registry.validate(folder, *AS_OF)
    a013 = next(f for f in report["findings"] if f["code"] == "A013")
    assert a013["severity"] == "warning" and code == 0
    technology_line = 1 + registry.read(PLATFORMS).splitlines().index(
        "        technology: kong-gateway"
    )
    assert (a013["file"], a013["line"]) == (PLATFORMS, technology_line)
    assert a013["message"]["en"] == (
        "Module non_personal_broker names Kong Gateway (kong-gateway), whose role is "
        "api_gateway (GB3 §3.2)."
    )
    assert "NGSI v2 FIWARE Orion (fiware-orion)" in a013["hint"]["ja"]
    strict_code, strict = registry.validate(folder, *AS_OF, "--strict")
    assert strict_code == 1
    assert {f["severity"] for f in strict["findings"] if f["code"] == "A013"} == {"error"}
