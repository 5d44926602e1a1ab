"""The numbers a prefecture states against the platforms it registers: X014 (the GB3 §4.2 area
inventory below the running platforms with that component), X015 (participation.municipalities
against participants, all municipalities and shared), and A016 reading participation. Each
triggered with its file, line and both languages, GB3's own examples passing, unknown values
never judged. All platforms here are SYNTHETIC (helpers.documents)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from helpers.documents import platform, platforms_file, vision_file
from helpers.registry import REPO, Registry, copy_registry
from renkei.findings.catalogue import CATALOGUE
from renkei.registry.reference import Reference

TOKYO = "registry/prefectures/13-tokyo"
PLATFORMS = f"{TOKYO}/platforms.yaml"
VISION = f"{TOKYO}/vision.yaml"
MUNICIPALITIES = f"{TOKYO}/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"
BUILD_NEW = "131016,千代田区,answered,2025-05-01,build_new,2026,情報政策課,,\n"
AS_OF = ("--as-of", "2025-06-01")
_KANA = re.compile(r"[\u3040-\u30ff]")
ALL_PARTS = (
    "components:\n      personal_auth: true\n      non_personal_broker: true\n"
    "      personal_broker: true"
)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """One registry for the cases of this module: each case writes every file it changes."""
    yield copy_registry(tmp_path_factory.mktemp("area-counts") / "repo")


def _validate(
    registry: Registry, platforms: str, vision: str | None = None, row: str = CHIYODA
) -> tuple[int, list[dict[str, Any]]]:
    registry.write(PLATFORMS, platforms)
    registry.write(VISION, vision or vision_file())
    text = registry.read(MUNICIPALITIES)
    line = next(r for r in text.splitlines(keepends=True) if r.startswith("131016,"))
    registry.write(MUNICIPALITIES, text.replace(line, row))
    code, report = registry.validate(str(registry.path(TOKYO)), *AS_OF)
    return code, report["findings"]


def _of(findings: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"] == code]


def _assert_reported(finding: dict[str, Any], code: str) -> None:
    assert finding["code"] == code and finding["name"] == CATALOGUE[code].name
    assert finding["severity"] == "error"
    assert finding["message"]["ja"] and finding["hint"]["ja"] and finding["hint"]["en"]
    assert not _KANA.search(CATALOGUE[code].message_en + CATALOGUE[code].hint_en)


def _inventory(auth: str = '"2+"', non_personal: str = '"1"', personal: str = '"1"') -> str:
    return vision_file(
        area_inventory=f'\n  as_of: "2025-04"\n  personal_auth_services: {auth}\n'
        f"  non_personal_platforms: {non_personal}\n  personal_platforms: {personal}"
    )


def _with_parts(pid: str, parts: str = ALL_PARTS, **changes: str) -> str:
    text = platform(pid, **changes)
    start = text.index("    components:\n")
    end = text.index("    broker_data_management:")
    return text[:start] + f"    {parts}\n" + text[end:]


# --- X014: the area inventory (GB3 §4.2) below the registered platforms -----------------------


def test_x014_a_count_below_the_running_platforms(shared: Registry) -> None:
    vision = _inventory()
    code, findings = _validate(shared, platforms_file(platform("p1"), platform("p2")), vision)
    x014 = _of(findings, "X014")
    assert len(x014) == 1 and code == 1
    _assert_reported(x014[0], "X014")
    assert (
        x014[0]["file"] == VISION and x014[0]["where"] == "$.area_inventory.non_personal_platforms"
    )
    lines = vision.splitlines()
    assert x014[0]["line"] == 1 + lines.index('  non_personal_platforms: "1"')
    assert x014[0]["message"]["ja"] == (
        "域内の非パーソナルエリアデータ連携基盤の数は「1」とされていますが、レジストリには稼働中の"
        "該当基盤が 2 あります: p1, p2"
    )
    assert "non-personal area data platforms is stated as '1'" in x014[0]["message"]["en"]
    assert "GB3 §4.2" in x014[0]["hint"]["ja"]


def test_x014_zero_stated_with_one_running(shared: Registry) -> None:
    _, findings = _validate(shared, platforms_file(platform("p1")), _inventory(auth='"0"'))
    assert "p1" in platform("p1") and "personal_auth: true" in platform("p1")
    x014 = _of(findings, "X014")
    assert [f["where"] for f in x014] == ["$.area_inventory.personal_auth_services"]
    assert "個人認証サービスの数は「0」" in x014[0]["message"]["ja"]


@pytest.mark.parametrize(
    ("platforms", "vision", "why"),
    [
        # GB3 §7.1 型1.2 「基礎自治体が自前で1つの個人認証サービスと両基盤を運営」, and 型2.4
        # 「個人認証・非パーソナル・パーソナル各1つの単一構成」: one platform with all three.
        (platforms_file(_with_parts("p1")), _inventory('"1"'), "GB3 §7.1 型1.2 / 型2.4"),
        (platforms_file(platform("p1"), platform("p2")), _inventory(non_personal='"2+"'), "2つ以上"),
        (platforms_file(platform("p1"), platform("p2")), _inventory(non_personal="unknown"), "unknown"),
        (platforms_file(platform("p1"), platform("p2", status="planned")), _inventory(), "planned"),
        (platforms_file(platform("p1"), _with_parts("p2", "components: unknown")), _inventory(),
         "components unknown"),
        (platforms_file(platform("p1"), platform("p2").replace('operating: "2024-04"',
                                                                'operating: "2025-05"')),
         _inventory(), "operating only after the inventory's date"),
        (platforms_file(platform("p1"), platform("p2")), vision_file(), "no inventory"),
    ],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value else "",
)  # fmt: skip
def test_x014_not_reported(shared: Registry, platforms: str, vision: str, why: str) -> None:
    code, findings = _validate(shared, platforms, vision)
    assert not _of(findings, "X014"), why
    assert code == 0, findings


def test_an_unquoted_count_is_refused_with_the_quoted_value(shared: Registry) -> None:
    code, findings = _validate(shared, platforms_file(platform("p1")), _inventory(auth="1"))
    s004 = _of(findings, "S004")
    assert code == 1 and s004 and s004[0]["where"] == "$.area_inventory.personal_auth_services"


# --- X015: participation.municipalities against participants, all municipalities, shared -----

TOKYO_MUNICIPALITIES = len(Reference(REPO).municipalities_of("13"))


def _participation(pid: str = "p1", *, participants: bool = True, **values: str) -> str:
    text = platform(pid)
    if not participants:
        text = text.replace(
            '    participants:\n      - lg_code: "131016"\n        name: 千代田区\n'
            '        since: "2024"\n',
            "    participants: unknown\n",
        )
    block = "    participation:\n" + "".join(f"      {k}: {v}\n" for k, v in values.items())
    return text.replace("    sources:\n", block + "    sources:\n")


def test_x015_participants_disagree(shared: Registry) -> None:
    platforms = platforms_file(_participation(shared="true", municipalities="2"))
    code, findings = _validate(shared, platforms)
    x015 = _of(findings, "X015")
    assert len(x015) == 1 and code == 1
    _assert_reported(x015[0], "X015")
    assert x015[0]["where"] == "$.platforms[0].participation.municipalities"
    assert x015[0]["line"] == 1 + platforms.splitlines().index("      municipalities: 2")
    assert x015[0]["message"]["ja"] == (
        "p1 の participation.municipalities は 2 ですが、participants に主管団体以外の市区町村が "
        "1 件あります。"
    )
    assert x015[0]["message"]["en"] == (
        "p1: participation.municipalities is 2, but participants lists 1 municipalities other "
        "than the lead body."
    )


def test_x015_all_municipalities_disagree(shared: Registry) -> None:
    wrong = TOKYO_MUNICIPALITIES - 1
    platforms = platforms_file(
        _participation(participants=False, shared="true", municipalities=str(wrong),
                       all_municipalities="true")
    )  # fmt: skip
    _, findings = _validate(shared, platforms)
    [x015] = _of(findings, "X015")
    assert (
        f"東京都の市区町村は主管団体を除いて {TOKYO_MUNICIPALITIES} です" in x015["message"]["ja"]
    )


def test_x015_shared_with_none(shared: Registry) -> None:
    platforms = platforms_file(
        _participation(participants=False, shared="true", municipalities="0")
    )
    _, findings = _validate(shared, platforms)
    [x015] = _of(findings, "X015")
    assert x015["message"]["en"].endswith("but shared is true (the platform is shared).")


@pytest.mark.parametrize(
    ("platforms", "why"),
    [
        (platforms_file(_participation(shared="true", municipalities="1")), "one listed, one stated"),
        (platforms_file(_participation(participants=False, shared="true",
                                       municipalities=str(TOKYO_MUNICIPALITIES),
                                       all_municipalities="true")), "all of them"),
        (platforms_file(_participation(participants=False, shared="true", municipalities="5",
                                       note="県下5市")), "「県下5市」 as a number alone"),
        (platforms_file(_participation(shared="true", municipalities="unknown")), "unknown"),
        (platforms_file(_participation(participants=False, shared="false", municipalities="0")),
         "used by the lead body alone"),
    ],
    ids=lambda value: value if isinstance(value, str) and "\n" not in value else "",
)  # fmt: skip
def test_x015_not_reported(shared: Registry, platforms: str, why: str) -> None:
    code, findings = _validate(shared, platforms)
    assert not _of(findings, "X015"), why
    assert code == 0, findings


def test_x015_passes_gb3s_tochigi(shared: Registry) -> None:
    """GB3 §9.5 栃木県: 「県内全25市町のデータを集約・一元化」; the code list has 25 municipalities
    in 09, and the prefecture (090000) leads."""
    assert len(Reference(REPO).municipalities_of("09")) == 25
    tochigi = "registry/prefectures/09-tochigi/platforms.yaml"
    text = _participation("tochigi-test", participants=False, shared="true", municipalities="25",
                          all_municipalities="true").replace('"130001"', '"090000"')  # fmt: skip
    shared.write(tochigi, platforms_file(text))
    code, report = shared.validate(str(shared.path("registry/prefectures/09-tochigi")), *AS_OF)
    assert not _of(report["findings"], "X015") and code == 0, report
    shared.write(tochigi, platforms_file(text.replace("municipalities: 25", "municipalities: 24")))
    code, report = shared.validate(str(shared.path("registry/prefectures/09-tochigi")), *AS_OF)
    [x015] = _of(report["findings"], "X015")
    assert "栃木県の市区町村は主管団体を除いて 25 です" in x015["message"]["ja"] and code == 1
    shared.write(tochigi, "schema_version: 1\nplatforms: []\n")


# --- A016 reads participation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"shared": "true"}, True),
        ({"shared": "unknown", "municipalities": "25"}, True),
        ({"shared": "unknown", "all_municipalities": "true"}, True),
        ({"shared": "unknown", "municipalities": "unknown"}, False),
        ({"shared": "false", "municipalities": "0"}, False),
    ],
)
def test_a016_reads_participation(shared: Registry, values: dict[str, str], expected: bool) -> None:
    text = _participation(participants=False, **values).replace(
        "user_scope: prefecture_wide", "user_scope: within_municipality"
    )
    _, findings = _validate(shared, platforms_file(text), None, BUILD_NEW)
    assert bool(_of(findings, "A016")) is expected, findings
