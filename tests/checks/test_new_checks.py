"""The checks the guidebook and the notice imply that renkei lacked: X013 (a revision's fiscal
year against its adoption date), A014 (personal-data linkage without authentication linkage, GB3
§4.4), A015 (a cross-field platform with one field, GB3 §6.5) and A016 (a municipality that
plans a new platform beside an open prefectural one, notice 記2(3)). Each triggered with its
file, line and both languages, each satisfied, unknown values never judged, and the A codes
errors under --strict."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from helpers.documents import platform, platforms_file, vision_file
from helpers.registry import Registry, copy_registry
from renkei.findings.catalogue import CATALOGUE

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"
AS_OF = ("--as-of", "2025-06-01")
_KANA = re.compile(r"[\u3040-\u30ff]")


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """One registry for the cases of this module: each case writes every file it changes."""
    yield copy_registry(tmp_path_factory.mktemp("new-checks") / "repo")


def _validate(
    registry: Registry,
    platforms: str,
    vision: str | None = None,
    chiyoda: str = CHIYODA,
    *args: str,
) -> tuple[int, list[dict[str, Any]]]:
    registry.write(PLATFORMS, platforms)
    registry.write(VISION, vision or vision_file())
    text = registry.read(MUNICIPALITIES)
    line = next(row for row in text.splitlines(keepends=True) if row.startswith("131016,"))
    registry.write(MUNICIPALITIES, text.replace(line, chiyoda))
    folder = str(registry.path("registry/prefectures/13-tokyo"))
    code, report = registry.validate(folder, *(args or AS_OF))
    return code, report["findings"]


def _codes(registry: Registry, *documents: str) -> list[str]:
    return [f["code"] for f in _validate(registry, *documents)[1]]


def _line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first line equal to `needle` (stripped) after the line `after`."""
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(after) if after else 0
    return 1 + lines.index(needle, start)


def _assert_reported(finding: dict[str, Any], code: str, severity: str) -> None:
    """Code, name, severity and both languages of one finding."""
    assert finding["code"] == code and finding["name"] == CATALOGUE[code].name
    assert finding["severity"] == severity
    assert finding["message"]["ja"] and finding["hint"]["ja"]
    assert finding["message"]["en"] and finding["hint"]["en"]
    assert not _KANA.search(CATALOGUE[code].message_en + CATALOGUE[code].hint_en)


# --- X013: a revision whose fiscal year does not contain its adoption date ----------------


def _revision(fiscal_year: int, adopted_on: str) -> str:
    return vision_file(
        revisions=f'\n  - fiscal_year: {fiscal_year}\n    number: 1\n    adopted_on: "{adopted_on}"\n'
        "    summary: unknown\n    publication_url: https://example.org/vision"
    )


REVISION_DATES = [
    # (fiscal_year, adopted_on, suggested fiscal year or None when it fits)
    (2024, "2025-03", None),  # 鳥取県: 「2025年3月に策定」, 令和6年度 (GB3 §9.5)
    (2024, "2025", None),  # a year alone: January to March are FY2024
    (2025, "2025", None),
    (2025, "2025-05-01", None),
    (2024, "2025-03-31", None),  # the notice: 「令和6年度中(令和7年3月31日まで)」
    (2025, "2025-03", "2024"),
    (2023, "2025", "2024 or 2025"),
    (2024, "2025-04-01", "2025"),
]


@pytest.mark.parametrize(
    ("fiscal_year", "adopted_on", "suggested"),
    REVISION_DATES,
    ids=[f"FY{fy}-{day}" for fy, day, _ in REVISION_DATES],
)
def test_x013_the_fiscal_year_contains_the_adoption_date(
    shared: Registry, fiscal_year: int, adopted_on: str, suggested: str | None
) -> None:
    vision = _revision(fiscal_year, adopted_on)
    code, findings = _validate(shared, platforms_file(platform("p1")), vision)
    x013 = [f for f in findings if f["code"] == "X013"]
    if suggested is None:
        assert not x013 and code == 0, findings
        return
    assert len(x013) == 1 and code == 1
    _assert_reported(x013[0], "X013", "error")
    assert (x013[0]["file"], x013[0]["line"]) == (
        VISION,
        _line_of(vision, f"- fiscal_year: {fiscal_year}"),
    )
    assert f"Set fiscal_year to {suggested} or check adopted_on." in x013[0]["hint"]["en"]


def test_x013_message_in_both_languages(shared: Registry) -> None:
    _, findings = _validate(shared, platforms_file(platform("p1")), _revision(2025, "2025-03"))
    x013 = next(f for f in findings if f["code"] == "X013")
    assert x013["message"]["ja"] == (
        "改定 1 の年度 令和7年度（FY2025）は策定日 2025-03 を含みません（2025-03 は 令和6年度（FY2024））。"
    )
    assert x013["message"]["en"] == (
        "Revision 1 is labelled 令和7年度 (FY2025), which does not contain its adoption date "
        "2025-03 (FY2024 (令和6年度))."
    )
    assert "fiscal_year を 2024 にするか" in x013["hint"]["ja"]


def test_x013_leaves_an_unknown_adoption_date_alone(shared: Registry) -> None:
    vision = _revision(2025, "2025-03").replace('adopted_on: "2025-03"', "adopted_on: unknown")
    assert "X013" not in _codes(shared, platforms_file(platform("p1")), vision)


def test_x013_reports_each_revision_at_its_own_line(shared: Registry) -> None:
    vision = vision_file(
        revisions='\n  - fiscal_year: 2024\n    number: 1\n    adopted_on: "2025-03"\n'
        "    summary: unknown\n    publication_url: unknown"
        '\n  - fiscal_year: 2024\n    number: 2\n    adopted_on: "2025-06"\n'
        "    summary: unknown\n    publication_url: https://example.org/vision"
    )
    _, findings = _validate(shared, platforms_file(platform("p1")), vision)
    x013 = [f for f in findings if f["code"] == "X013"]
    assert [f["line"] for f in x013] == [10]
    assert x013[0]["message"]["en"].startswith("Revision 2 is labelled")


# --- A014: personal-data linkage without authentication linkage (GB3 §4.4) ----------------

PERSONAL = platform("p1", personal_data="true", non_personal_broker="false")
AUTH_LINKAGE = "linkage:\n      authentication: false"


def _personal(authentication: str = "false", **changes: str) -> str:
    text = platform("p1", **{"personal_data": "true", "non_personal_broker": "false", **changes})
    return platforms_file(
        text.replace(AUTH_LINKAGE, f"linkage:\n      authentication: {authentication}")
    )


def test_a014_personal_linkage_without_authentication_linkage(shared: Registry) -> None:
    platforms = _personal()
    code, findings = _validate(shared, platforms)
    a014 = [f for f in findings if f["code"] == "A014"]
    assert len(a014) == 1 and code == 0
    _assert_reported(a014[0], "A014", "warning")
    assert a014[0]["file"] == PLATFORMS
    assert a014[0]["line"] == _line_of(platforms, "authentication: false", after="linkage:")
    assert "p1 は基盤間でパーソナルデータを連携" in a014[0]["message"]["ja"]
    assert "GB3 §4.4" in a014[0]["message"]["en"]
    strict_code, strict = _validate(shared, platforms, None, CHIYODA, *AS_OF, "--strict")
    assert strict_code == 1
    assert {f["severity"] for f in strict if f["code"] == "A014"} == {"error"}


@pytest.mark.parametrize(
    ("platforms", "why"),
    [
        (_personal("true"), "authentication linkage: GB3 §4.4's requirement is met"),
        (_personal("unknown"), "authentication linkage unknown"),
        (_personal(non_personal_broker="true"), "it also has a non-personal platform"),
        (_personal(non_personal_broker="unknown"), "its non-personal platforms are unknown"),
        (_personal(personal_data="false"), "no personal data"),
        (_personal(personal_data="unknown"), "personal data unknown"),
        (_personal(data="false"), "no data linkage"),
        (_personal(data="unknown"), "data linkage unknown"),
        (platforms_file(platform("p1")), "the synthetic platform: no personal data"),
    ],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value else "",
)
def test_a014_not_reported(shared: Registry, platforms: str, why: str) -> None:
    assert "A014" not in _codes(shared, platforms), why


# --- A015: a cross-field platform with one field or none (GB3 §6.5) -----------------------


def test_a015_cross_field_platform_with_one_field(shared: Registry) -> None:
    platforms = platforms_file(platform("p1", fields="[mobility]"))
    code, findings = _validate(shared, platforms)
    a015 = [f for f in findings if f["code"] == "A015"]
    assert len(a015) == 1 and code == 0
    _assert_reported(a015[0], "A015", "warning")
    assert (a015[0]["file"], a015[0]["line"]) == (
        PLATFORMS,
        _line_of(platforms, "fields: [mobility]"),
    )
    assert a015[0]["message"]["ja"].startswith(
        "p1 は分野間連携基盤（cross_field）ですが、分野が 1 つ（mobility）です。"
    )
    strict_code, strict = _validate(shared, platforms, None, CHIYODA, *AS_OF, "--strict")
    assert strict_code == 1
    assert {f["severity"] for f in strict if f["code"] == "A015"} == {"error"}


def test_a015_cross_field_platform_with_no_field(shared: Registry) -> None:
    _, findings = _validate(shared, platforms_file(platform("p1", fields="[]")))
    a015 = next(f for f in findings if f["code"] == "A015")
    assert "lists 0 field(s) (none)" in a015["message"]["en"]
    assert "分野が 0 つ（分野なし）" in a015["message"]["ja"]


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"fields": "[mobility, health]"}, "two fields"),
        # GB3 §9.5 福島県: 「オンライン行政手続き、防災アプリ、健康アプリ、ポイントサービスなど、住民
        # 生活に直結するパーソナルな複数分野のサービス」 (this registry's mapping to field ids).
        (
            {"fields": "[public_administration, disaster_prevention, health, resident_services]"},
            "GB3 §9.5 福島県",
        ),
        ({"fields": "unknown"}, "fields unknown"),
        ({"kind": "field_specific", "fields": "[mobility]"}, "a field-specific platform"),
        ({"kind": "unknown", "fields": "[mobility]"}, "kind unknown"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a015_not_reported(shared: Registry, changes: dict[str, str], why: str) -> None:
    assert "A015" not in _codes(shared, platforms_file(platform("p1", **changes))), why


# --- A016: a new build planned beside an open prefectural platform (notice 記2(3)) --------

BUILD_NEW = "131016,千代田区,answered,2025-05-01,build_new,2026,情報政策課,,\n"


def test_a016_build_new_beside_an_open_prefectural_platform(shared: Registry) -> None:
    code, findings = _validate(shared, platforms_file(platform("p1")), None, BUILD_NEW)
    a016 = [f for f in findings if f["code"] == "A016"]
    assert len(a016) == 1 and code == 0
    _assert_reported(a016[0], "A016", "warning")
    assert a016[0]["file"] == MUNICIPALITIES and a016[0]["line"] == 2
    assert a016[0]["column"] == len("131016,千代田区,answered,2025-05-01,") + 1
    assert a016[0]["message"]["ja"].startswith(
        "千代田区（131016）は新たな基盤の構築を予定していますが、県の基盤 p1 が市区町村に開かれています"
    )
    assert "notice 2(3)" in a016[0]["message"]["en"]
    assert "join_prefecture" in a016[0]["hint"]["en"]
    strict_code, strict = _validate(
        shared, platforms_file(platform("p1")), None, BUILD_NEW, *AS_OF, "--strict"
    )
    assert strict_code == 1
    assert {f["severity"] for f in strict if f["code"] == "A016"} == {"error"}


def test_a016_names_every_open_prefectural_platform(shared: Registry) -> None:
    platforms = platforms_file(platform("p1"), platform("p2", status="building"))
    _, findings = _validate(shared, platforms, None, BUILD_NEW)
    a016 = [f["message"]["en"] for f in findings if f["code"] == "A016"]
    assert len(a016) == 1 and "the prefecture's platform p1, p2 is open" in a016[0]


OPEN_BY_PARTICIPANTS = platforms_file(platform("p1", user_scope="within_municipality"))
CLOSED = OPEN_BY_PARTICIPANTS.replace(
    '    participants:\n      - lg_code: "131016"\n        name: 千代田区\n        since: "2024"\n',
    "    participants: unknown\n",
)


@pytest.mark.parametrize(
    ("platforms", "row", "expected", "why"),
    [
        (OPEN_BY_PARTICIPANTS, BUILD_NEW, True, "open through its participants"),
        (platforms_file(platform("p1", status="planned")), BUILD_NEW, False, "only planned"),
        (platforms_file(platform("p1", status="retired")), BUILD_NEW, False, "retired"),
        (CLOSED, BUILD_NEW, False, "within one municipality and no participants"),
        (platforms_file(platform("p1", lead_body='"131024"')), BUILD_NEW, False, "a municipality's platform"),
        (platforms_file(platform("p1")), BUILD_NEW.replace("build_new", "join_prefecture"), False, "joins the prefecture's"),
        (platforms_file(platform("p1")), BUILD_NEW.replace("build_new", "undecided"), False, "undecided"),
        (platforms_file(platform("p1")), CHIYODA, False, "not answered"),
    ],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value else "",
)  # fmt: skip
def test_a016_cases(shared: Registry, platforms: str, row: str, expected: bool, why: str) -> None:
    assert ("A016" in _codes(shared, platforms, None, row)) is expected, why
