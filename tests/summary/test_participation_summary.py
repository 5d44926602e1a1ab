"""The platform model's operating model and participation (GB3 §9.5, §9.6), and the summary's
§6.6 categories derived from them beside the Agency's counts."""

from __future__ import annotations

import json

from helpers.documents import platform, platforms_file
from helpers.registry import Registry

NO_PARTICIPANTS = (
    'participants:\n      - lg_code: "131016"\n        name: 千代田区\n        since: "2024"\n',
    "participants: unknown\n",
)


def _platform(pid: str, lead: str, extra: str = "") -> str:
    """A SYNTHETIC platform without named participants, with EXTRA fields appended."""
    return platform(pid, lead_body=f'"{lead}"').replace(*NO_PARTICIPANTS) + extra


def _summary(registry: Registry) -> dict:
    result = registry.run(
        "summary", "--root", str(registry.root), "--format", "json", "--as-of", "2025-06-01"
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _findings(registry: Registry, folder: str) -> list[dict]:
    return [f for f in registry.findings() if f"/{folder}/" in f["file"]]


def test_a_stated_number_of_participants_gives_the_category(registry: Registry) -> None:
    # SYNTHETIC: Tochigi's prefectural platform "used by 5 municipalities" (a number, no codes);
    # Gunma: a city's platform stated to be shared; Chiba: stated to be used by the city alone;
    # Osaka: participation unknown.
    tochigi = _platform(
        "t1", "090000",
        '    participation:\n      shared: true\n      municipalities: 5\n'
        '      as_of: "2024-03"\n      note: 県下5市\n',
    )  # fmt: skip
    gunma = _platform("g1", "102016", "    participation:\n      shared: true\n")
    chiba = _platform("c1", "121002", "    participation:\n      shared: false\n")
    osaka = _platform("o1", "270008", "    participation:\n      shared: unknown\n")
    for folder, entry in (("09-tochigi", tochigi), ("10-gunma", gunma), ("12-chiba", chiba),
                          ("27-osaka", osaka)):  # fmt: skip
        registry.write(f"registry/prefectures/{folder}/platforms.yaml", platforms_file(entry))
    assert not [f for f in registry.findings() if f["severity"] == "error"]
    by_code = {p["code"]: p for p in _summary(registry)["prefectures"]}
    assert by_code["09"]["category"] == "prefectural_shared"
    assert by_code["09"]["municipalities"]["on_shared_platform"] == 5
    assert by_code["10"]["category"] == "municipal_shared"
    assert by_code["10"]["municipalities"]["on_shared_platform"] == 1  # the lead city only
    assert by_code["12"]["category"] == "platforms_no_sharing"
    assert by_code["27"]["category"] == "not_reported"


def test_planned_numbers_and_a_count_of_zero_are_not_sharing(registry: Registry) -> None:
    # SYNTHETIC: a prefectural platform with 0 participants now and 20 planned.
    entry = _platform(
        "t1", "090000",
        "    participation:\n      shared: unknown\n      municipalities: 0\n"
        "      planned:\n        - municipalities: 20\n          by_fiscal_year: 2025\n",
    )  # fmt: skip
    registry.write("registry/prefectures/09-tochigi/platforms.yaml", platforms_file(entry))
    assert not [f for f in _findings(registry, "09-tochigi") if f["severity"] == "error"]
    by_code = {p["code"]: p for p in _summary(registry)["prefectures"]}
    assert by_code["09"]["category"] == "platforms_no_sharing"
    assert by_code["09"]["municipalities"]["on_shared_platform"] == 0


def test_shared_with_an_unknown_lead_body_stays_not_reported(registry: Registry) -> None:
    entry = platform("t1", lead_body="unknown").replace(*NO_PARTICIPANTS)
    entry += "    participation:\n      shared: true\n"
    registry.write("registry/prefectures/09-tochigi/platforms.yaml", platforms_file(entry))
    by_code = {p["code"]: p for p in _summary(registry)["prefectures"]}
    assert by_code["09"]["category"] == "not_reported"


def test_participation_and_operating_model_values_are_checked(registry: Registry) -> None:
    entry = _platform(
        "t1", "090000",
        "    operating_model: municipal_direct\n"
        "    participation:\n      shared: yes-ish\n      municipalities: -1\n",
    )  # fmt: skip
    registry.write("registry/prefectures/09-tochigi/platforms.yaml", platforms_file(entry))
    errors = [f for f in _findings(registry, "09-tochigi") if f["severity"] == "error"]
    where = " ".join(f["where"] for f in errors)
    assert "operating_model" in where and "participation.shared" in where
    assert "participation.municipalities" in where


def test_the_summary_sets_the_agency_counts_beside_the_derived_ones(registry: Registry) -> None:
    data = _summary(registry)
    comparison = data["agency_comparison"]
    assert comparison["as_of"] == "2026-09-04"
    rows = {r["category"]: r for r in comparison["categories"]}
    # The conftest platform makes Tokyo prefectural_shared; the rest are not reported.
    assert rows["prefectural_shared"] == {
        "category": "prefectural_shared", "registry": 1, "agency": 13, "difference": -12,
    }  # fmt: skip
    assert rows["not_reported"]["registry"] == 46 and rows["not_reported"]["agency"] is None
    assert "published sources" in comparison["explanation"]["en"]
    assert "公開資料" in comparison["explanation"]["ja"]
    text = registry.run("summary", "--root", str(registry.root), "--lang", "ja").output
    assert "デジタル庁（GB3 §6.6、2026-09-04）" in text and "-12" in text
    assert comparison["explanation"]["ja"] in text
    page = registry.run(
        "summary", "--root", str(registry.root), "--format", "markdown", "--lang", "en"
    ).output
    assert "| category | registry | Agency (GB3 §6.6, 2026-09-04) | difference |" in page
    assert "| Sharing the prefectural platform | 1 | 13 | -12 |" in page
    assert "counts only what published sources support" in page
