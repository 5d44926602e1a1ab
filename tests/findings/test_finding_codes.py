"""Every finding code: a small fixture that triggers it; code, file, line and both languages."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers.codes_tested import CODES_TESTED_IN
from helpers.principle_cases import PRINCIPLE_CASES
from helpers.registry import Registry
from helpers.workbook_cases import WORKBOOK_CASES
from renkei.findings.catalogue import CATALOGUE

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
PREFECTURE = "registry/prefectures/13-tokyo/prefecture.yaml"
MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
LINKS = "registry/prefectures/13-tokyo/municipal-platforms.csv"
DATAPACKAGE = "registry/prefectures/13-tokyo/datapackage.yaml"
KPIS = "registry/prefectures/13-tokyo/kpis.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"


@dataclass
class Case:
    code: str
    file: str
    line: int
    mutate: Callable[[Registry], Any]
    args: tuple[str, ...] = ()
    hint_contains: str = ""
    severity: str = "error"
    whole_registry: bool = False  # validate the whole registry, not the case's folder


def _append(relative: str, text: str) -> Callable[[Registry], None]:
    return lambda r: r.write(relative, r.read(relative) + text)


def _sub(relative: str, old: str, new: str) -> Callable[[Registry], None]:
    return lambda r: r.replace(relative, old, new)


def _nested(depth: int) -> str:
    return "schema_version: 1\nx: " + "[" * depth + "]" * depth + "\n"


def _rename_folder(r: Registry) -> None:
    shutil.move(r.path("registry/prefectures/13-tokyo"), r.path("registry/prefectures/13-tokio"))


def _symlink(r: Registry) -> None:
    r.path(KPIS).unlink()
    r.path(KPIS).symlink_to("/etc/hostname")


def _fifo(r: Registry) -> None:
    r.path(KPIS).unlink()
    os.mkfifo(r.path(KPIS))


def _engines_disagree(r: Registry) -> None:
    """A schema that allows any number, and a number JSON cannot hold (1e999 reads as infinity):
    jsonschema-rs refuses it, python-jsonschema accepts it."""
    common = "schemas/common.schema.json"
    r.replace(common, '{ "type": "integer", "minimum": 0 }', '{ "type": "number" }')
    r.replace(PLATFORMS, "scale: unknown", "scale: {accounts: 1e999, monthly_api_calls: 0}")


def _duplicate_platform(r: Registry) -> None:
    text = r.read(PLATFORMS).replace('lead_body: "130001"', 'lead_body: "140007"')
    r.write("registry/prefectures/14-kanagawa/platforms.yaml", text)


CASES = [
    Case("P001", PLATFORMS, 1, lambda r: None, ("--max-file-size", "100")),
    Case(
        "P002",
        MUNICIPALITIES,
        2,
        lambda r: r.write(MUNICIPALITIES, r.read(MUNICIPALITIES).encode("cp932")),
        hint_contains="iconv -f CP932 -t UTF-8",
    ),
    Case("P003", PLATFORMS, 2, lambda r: r.write(PLATFORMS, b"schema_version: 1\n\x00\n")),
    Case("P004", PLATFORMS, 3, lambda r: r.write(PLATFORMS, "a: 1\nb: [1,\nc: d: e\n")),
    Case("P022", PLATFORMS, 7, _sub(PLATFORMS, "operator: テスト部", "operator： テスト部")),
    Case(
        "P005",
        PLATFORMS,
        6,
        _sub(PLATFORMS, "    name: テスト基盤\n", "    name: a\n    name: b\n"),
    ),
    Case("P006", PLATFORMS, 7, _sub(PLATFORMS, "operator: テスト部", "operator: &a テスト部")),
    Case("P007", PLATFORMS, 7, _sub(PLATFORMS, "operator: テスト部", "operator: !!str テスト部")),
    Case("P008", VISION, 2, lambda r: r.write(VISION, _nested(40))),
    Case("P009", PREFECTURE, 11, _append(PREFECTURE, "---\nx: 1\n")),
    Case("P010", PREFECTURE, 11, _append(PREFECTURE, "? [a, b]\n: 1\n")),
    Case("P011", MUNICIPALITIES, 2, _sub(MUNICIPALITIES, CHIYODA, '131016,"千代田区,x\n')),
    Case("P012", KPIS, 1, lambda r: r.path(KPIS).unlink()),
    Case(
        "P013",
        "registry/prefectures/13-tokyo/platform.yaml",
        1,
        lambda r: r.write("registry/prefectures/13-tokyo/platform.yaml", "x: 1\n"),
        severity="warning",
    ),
    Case("P014", MUNICIPALITIES, 7, lambda r: None, ("--max-rows", "5")),
    Case("P015", KPIS, 1, _symlink),
    Case(
        "P018",
        MUNICIPALITIES,
        1064,
        lambda r: r.write(
            MUNICIPALITIES, r.read(MUNICIPALITIES) + "13101,x,not_answered,,,,,,\n" * 1100
        ),
    ),
    Case("P016", PLATFORMS, 5, lambda r: None, ("--max-entries", "5")),
    Case("P019", KPIS, 1, _fifo),
    Case(
        "P017",
        "registry/prefectures/99-elsewhere",
        1,
        lambda r: r.path("registry/prefectures/99-elsewhere").symlink_to("/etc"),
    ),
    Case(
        "S001", PLATFORMS, 4, _sub(PLATFORMS, "    vendor: unknown\n", ""), hint_contains="vendor"
    ),
    Case("S002", PLATFORMS, 42, _sub(PLATFORMS, "vendor:", "vender:"), hint_contains="vendor"),
    Case(
        "S003",
        PLATFORMS,
        6,
        _sub(PLATFORMS, 'lead_body: "130001"', "lead_body: 130001"),
        hint_contains='"130001"',
    ),
    Case(
        "S004",
        PLATFORMS,
        10,
        _sub(PLATFORMS, "status: operating", "status: operatng"),
        hint_contains="operating",
    ),
    Case(
        "S005",
        PLATFORMS,
        12,
        _sub(PLATFORMS, 'operating: "2024-04"', "operating: 令和6年4月"),
        hint_contains='"2024-04"',
    ),
    Case(
        "S006",
        PLATFORMS,
        38,
        _sub(PLATFORMS, "scale: unknown", "scale: {accounts: -1, monthly_api_calls: 0}"),
    ),
    Case(
        "S007",
        PLATFORMS,
        9,
        _sub(PLATFORMS, "[disaster_prevention, mobility]", "[mobility, mobility]"),
    ),
    Case(
        "S008",
        PLATFORMS,
        4,
        _sub(PLATFORMS, "  - id: test-platform\n", "  - id: |\n      test-platform\n"),
        hint_contains='"test-platform"',
    ),
    Case("S009", PLATFORMS, 38, _engines_disagree, hint_contains="1e999"),
    Case(
        "S010",
        PLATFORMS,
        38,
        _sub(PLATFORMS, "scale: unknown", "scale: {accounts: 1.0e0, monthly_api_calls: 0}"),
        hint_contains="Write 1 ",
    ),
    Case("T001", MUNICIPALITIES, 1, _sub(MUNICIPALITIES, "answer_status", "answerstatus")),
    Case(
        "T002",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区,not_answered,,,,,,,\n"),
    ),
    Case("T003", MUNICIPALITIES, 2, _sub(MUNICIPALITIES, CHIYODA, "131016,,not_answered,,,,,,\n")),
    Case(
        "T004",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区,answered,,none,２０２５,,,\n"),
        hint_contains="2025",
    ),
    Case(
        "T005",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区,answerd,,,,,,\n"),
        hint_contains="answered",
    ),
    Case(
        "T006",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区,answered,,none,1999,,,\n"),
    ),
    Case("T007", MUNICIPALITIES, 3, _sub(MUNICIPALITIES, CHIYODA, CHIYODA + CHIYODA)),
    Case("T008", MUNICIPALITIES, 3, _sub(MUNICIPALITIES, CHIYODA, CHIYODA + "\n")),
    Case(
        "T009",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区 ,not_answered,,,,,,\n"),
        severity="warning",
    ),
    Case(
        "T010",
        LINKS,
        2,
        _append(LINKS, "131016,test-platform\u200b,uses,2024\n"),
        hint_contains='"test-platform"',
    ),
    Case(
        "R001",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "13101,千代田区,not_answered,,,,,,\n"),
        hint_contains='"131016" 千代田区',
    ),
    Case(
        "R002",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131017,千代田区,not_answered,,,,,,\n"),
        hint_contains="131016",
    ),
    Case(
        "R003",
        MUNICIPALITIES,
        3,
        _sub(MUNICIPALITIES, CHIYODA, CHIYODA + "139998,x,not_answered,,,,,,\n"),
    ),
    Case(
        "R004",
        MUNICIPALITIES,
        3,
        _sub(MUNICIPALITIES, CHIYODA, CHIYODA + "011002,札幌市,not_answered,,,,,,\n"),
    ),
    Case(
        "R005",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田,not_answered,,,,,,\n"),
        hint_contains="千代田区",
    ),
    Case("R006", "registry/prefectures/13-tokio/prefecture.yaml", 4, _rename_folder),
    Case(
        "R007",
        PLATFORMS,
        9,
        _sub(PLATFORMS, "[disaster_prevention, mobility]", "[disaster, mobility]"),
        hint_contains="disaster_prevention",
    ),
    Case(
        "R008",
        PLATFORMS,
        29,
        _sub(PLATFORMS, "technology: fiware-orion", "technology: fiware-orian"),
        hint_contains="fiware-orion",
    ),
    Case(
        "R009",
        PLATFORMS,
        5,
        _sub(PLATFORMS, "name: テスト基盤", 'name: "テスト\u202e盤基"'),
        severity="warning",
    ),
    Case(
        "R010",
        PLATFORMS,
        7,
        _sub(PLATFORMS, "operator: テスト部", 'operator: "テスト部\u0301\u0302\u0303\u0304"'),
        severity="warning",
    ),
    Case(
        "R011",
        PLATFORMS,
        30,
        _sub(PLATFORMS, "product: FIWARE Orion", 'product: "FIWARE\u200bOrion\nsecond line"'),
        severity="warning",
    ),
    Case(
        "R012",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区,not_answered,,,,,第①期,\n"),
        hint_contains="第1期",
    ),
    Case("R013", PLATFORMS, 7, _sub(PLATFORMS, "operator: テスト部", 'operator: "テスト\\x07部"')),
    Case(
        "R014",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, '131016,千代田区,not_answered,,,,,"第一\n第二",\n'),
    ),
    Case("X001", PLATFORMS, 4, _duplicate_platform),
    Case("X002", LINKS, 2, _append(LINKS, "131016,no-such-platform,uses,2024\n")),
    Case(
        "X003",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, ""),
        hint_contains="131016,千代田区",
    ),
    Case(
        "X004",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "130001,東京都,not_answered,,,,,,\n" + CHIYODA),
    ),
    Case(
        "X007",
        "registry/prefectures/14-kanagawa/kpis.csv",
        2,
        _append(
            "registry/prefectures/14-kanagawa/kpis.csv",
            "test-platform,2025,api_calls,10,回,synthetic,2026-01-01,,,,\n",
        ),
    ),
    Case(
        "X012",
        "registry/prefectures/47-okinawa",
        1,
        lambda r: shutil.rmtree(r.path("registry/prefectures/47-okinawa")),
        hint_contains="renkei scaffold 47",
        whole_registry=True,
    ),
    Case("X005", DATAPACKAGE, 1, _sub(DATAPACKAGE, "path: kpis.csv", "path: kpi.csv")),
    Case(
        "X006",
        MUNICIPALITIES,
        2,
        _sub(MUNICIPALITIES, CHIYODA, "131016,千代田区,not_answered,,,,情報政策課,,\n"),
    ),
]

_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")


def test_every_catalogue_code_has_a_case() -> None:
    # Principle (A), bundle (B) and workbook (W) codes are triggered in their own test modules:
    # test_principles.py, test_bundle.py and test_workbook.py::test_workbook_finding_code.
    elsewhere = [code for listed in CODES_TESTED_IN.values() for code in listed]
    codes = (
        [c.code for c in CASES]
        + [c.code for c in WORKBOOK_CASES]
        + [c.code for c in PRINCIPLE_CASES]
        + elsewhere
    )
    assert len(codes) == len(set(codes))
    assert sorted(CATALOGUE) == sorted(codes)
    tests = Path(__file__).resolve().parents[1]
    for module, listed in CODES_TESTED_IN.items():
        source = (tests / module).read_text(encoding="utf-8")
        # A code listed for a module that no longer names it has lost its test.
        assert not [code for code in listed if not re.search(rf"\b{code}\b", source)], module


@pytest.mark.parametrize("case", CASES, ids=[c.code for c in CASES])
def test_finding_code(registry: Registry, case: Case) -> None:
    case.mutate(registry)
    folder = case.file.split("/")[2]
    paths = [] if case.whole_registry else [str(registry.path(f"registry/prefectures/{folder}"))]
    exit_code, report = registry.validate(*paths, *case.args)
    matching = [f for f in report["findings"] if f["code"] == case.code]
    assert matching, f"{case.code} not reported; got {[f['code'] for f in report['findings']]}"
    found = next((f for f in matching if f["file"] == case.file), matching[0])
    assert found["file"] == case.file
    assert found["line"] == case.line
    assert found["column"] >= 1
    assert found["severity"] == case.severity
    assert found["name"] == CATALOGUE[case.code].name
    assert _KANA_OR_KANJI.search(found["message"]["ja"] + found["hint"]["ja"])
    assert found["message"]["en"] and not _KANA.search(CATALOGUE[case.code].message_en), (
        "English template must not hold kana"
    )
    assert found["hint"]["ja"] and found["hint"]["en"]
    if case.hint_contains:
        assert case.hint_contains in found["hint"]["ja"] + found["hint"]["en"]
    expected_exit = 1 if case.severity == "error" else 0
    assert exit_code == expected_exit
