"""The checks on the Data Map and KPI dimensions and the survey rounds: X016 (a GB3 §14.2
touchpoint indicator without a touchpoint valid for it), X017 (a municipality's survey round not
in surveys.yaml, notice 記2(1)), X018 (a KPI's service not among its platform's services, GB3
§8.3) and A017 (pseudonymised data provided to others, GB3 §15.3 ①). Each triggered at its cell
in both languages, each satisfied by the guidebook's and the notice's own examples; all data
SYNTHETIC."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from helpers.registry import Registry, copy_registry
from renkei.checks.table_dimensions import TOUCHPOINT_INDICATORS
from renkei.findings.catalogue import CATALOGUE

TOKYO = "registry/prefectures/13-tokyo"
KPIS = f"{TOKYO}/kpis.csv"
SERVICES = f"{TOKYO}/services.csv"
ASSETS = f"{TOKYO}/data-assets.csv"
MUNICIPALITIES = f"{TOKYO}/municipalities.csv"
SURVEYS = f"{TOKYO}/surveys.yaml"
_KANA = re.compile(r"[\u3040-\u30ff]")

KPI_HEADER = (
    "platform_id,fiscal_year,indicator,value,unit,source,confirmed_on,"
    "service_name,attribute,touchpoint,value_kind\n"
)
SERVICE_HEADER = (
    "platform_id,service_name,ingested_data,provided_data,internal_only_data,provided_to,"
    "frequency,method,source,confirmed_on,survey_fiscal_year,template_version\n"
)
ASSET_HEADER = (
    "platform_id,dataset_name,owner_department,location_system,provided_to,frequency,method,"
    "source,confirmed_on,survey_fiscal_year,template_version,legal_class\n"
)
# SYNTHETIC: the survey round of the notice of 2024-05-10 (記2(1), 記3); the submission date
# and coverage are unknown, as they are for every real prefecture.
NOTICE_ROUND = """\
# SYNTHETIC TEST DATA
schema_version: 1
rounds:
  - id: fy2024-bessoe1
    instrument: bessoe1
    fiscal_year: 2024
    requested_by: 事務連絡 令和6年5月10日 デジタル庁
    due: "2024-05-31T18:00+09:00"
    submitted_on: unknown
    submitted_to: dd-rollout@digital.go.jp
    coverage: unknown
    sources:
      - title: synthetic
        url: https://example.org/synthetic
        confirmed_on: "2026-01-01"
"""


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """One registry for this module's cases: each case writes every file it changes."""
    yield copy_registry(tmp_path_factory.mktemp("dimensions") / "repo")


def _kpi(indicator: str, touchpoint: str = "", service: str = "", kind: str = "") -> str:
    return (
        f"test-platform,2025,{indicator},12.5,%,https://example.org/kpi,2026-01-01,"
        f"{service},,{touchpoint},{kind}\n"
    )


def _service(name: str, year: str = "") -> str:
    return f"test-platform,{name},,,,,,,https://example.org/s,2026-01-01,{year},\n"


def _column(row: str, column: str, header: str) -> int:
    """The 1-based column of a cell in a row without quotes."""
    cells = row.rstrip("\n").split(",")
    index = header.rstrip("\n").split(",").index(column)
    return sum(len(c) for c in cells[:index]) + index + 1


def _findings(
    registry: Registry,
    *,
    kpis: str = "",
    services: str = "",
    assets: str = "",
    surveys: str | None = None,
    survey_round: str = "",
    strict: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    registry.write(KPIS, KPI_HEADER + kpis)
    registry.write(SERVICES, SERVICE_HEADER + services)
    registry.write(ASSETS, ASSET_HEADER + assets)
    path = registry.path(SURVEYS)
    if surveys is None:
        path.unlink(missing_ok=True)
    else:
        registry.write(SURVEYS, surveys)
    text = registry.read(MUNICIPALITIES)
    line = next(r for r in text.splitlines(keepends=True) if r.startswith("131016,"))
    row = f"131016,千代田区,not_answered,,,,,,{survey_round}\n"
    registry.write(MUNICIPALITIES, text.replace(line, row))
    args = ["--strict"] if strict else []
    code, report = registry.validate(str(registry.path(TOKYO)), *args)
    return code, report["findings"]


def _only(findings: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"] == code]


def _assert_reported(finding: dict[str, Any], code: str, severity: str) -> None:
    assert finding["code"] == code and finding["name"] == CATALOGUE[code].name
    assert finding["severity"] == severity
    assert finding["message"]["ja"] and finding["hint"]["ja"]
    assert finding["message"]["en"] and finding["hint"]["en"]
    assert not _KANA.search(CATALOGUE[code].message_en + CATALOGUE[code].hint_en)


# --- X016: touchpoint indicators (GB3 §14.2) ----------------------------------------------

#: GB3 §14.2, table タッチポイント施策の評価観点, row by row (タッチポイント — 評価指標).
GB3_TABLE = [
    ("my_number_card", "registration_rate"),
    ("my_number_card", "first_login_rate"),
    ("maternal_handbook", "registration_rate"),
    ("maternal_handbook", "checkup_booking_use_rate"),
    ("moving_in", "newcomer_registration_rate"),
    ("moving_in", "within_30_days_use_rate"),
    ("infant_checkup", "notification_open_rate"),
    ("infant_checkup", "continued_use_rate"),
    ("elderly_counter", "proxy_registration_rate"),
    ("elderly_counter", "enquiry_reduction_rate"),
]


def test_the_guidebooks_table_passes(shared: Registry) -> None:
    rows = "".join(_kpi(indicator, touchpoint) for touchpoint, indicator in GB3_TABLE)
    code, findings = _findings(shared, kpis=rows)
    assert code == 0, findings
    assert not findings


def test_the_mapping_is_the_guidebooks_table() -> None:
    pairs = {(t, i) for i, ts in TOUCHPOINT_INDICATORS.items() for t in ts}
    assert pairs == set(GB3_TABLE)
    assert len(TOUCHPOINT_INDICATORS) == 9


def test_x016_a_touchpoint_indicator_without_a_touchpoint(shared: Registry) -> None:
    code, findings = _findings(shared, kpis=_kpi("first_login_rate"))
    assert code == 1
    [finding] = _only(findings, "X016")
    _assert_reported(finding, "X016", "error")
    assert (finding["file"], finding["line"]) == (KPIS, 2)
    assert finding["column"] == _column(_kpi("first_login_rate"), "touchpoint", KPI_HEADER)
    assert "初回ログイン率" in finding["message"]["ja"] and "空" in finding["message"]["ja"]
    assert "マイナンバーカード交付（my_number_card）" in finding["message"]["ja"]
    assert "empty" in finding["message"]["en"] and "my_number_card" in finding["hint"]["en"]


@pytest.mark.parametrize(
    ("indicator", "touchpoint"),
    [
        ("first_login_rate", "moving_in"),  # 転入届's indicators are others
        ("newcomer_registration_rate", "birth_registration"),  # the figure's, no indicator
        ("enquiry_reduction_rate", "infant_checkup"),
    ],
)
def test_x016_a_touchpoint_not_valid_for_the_indicator(
    shared: Registry, indicator: str, touchpoint: str
) -> None:
    code, findings = _findings(shared, kpis=_kpi(indicator, touchpoint))
    assert code == 1
    [finding] = _only(findings, "X016")
    assert f"'{touchpoint}'" in finding["message"]["en"]


def test_x016_is_not_about_the_section_8_3_indicators(shared: Registry) -> None:
    code, findings = _findings(shared, kpis=_kpi("monthly_active_users"))
    assert code == 0 and not findings


def test_x016_leaves_a_bad_touchpoint_to_the_table_schema(shared: Registry) -> None:
    _, findings = _findings(shared, kpis=_kpi("first_login_rate", "mynumber"))
    assert not _only(findings, "X016")
    assert _only(findings, "T002") or _only(findings, "T006") or findings


# --- X018: a KPI's service (GB3 §8.3) -------------------------------------------------------


def test_x018_a_kpi_of_a_service_the_platform_does_not_list(shared: Registry) -> None:
    code, findings = _findings(
        shared,
        kpis=_kpi("monthly_active_users", service="防災アプリ"),
        services=_service("健康アプリ"),
    )
    assert code == 1
    [finding] = _only(findings, "X018")
    _assert_reported(finding, "X018", "error")
    assert (finding["file"], finding["line"]) == (KPIS, 2)
    assert "防災アプリ" in finding["message"]["ja"] and "test-platform" in finding["message"]["en"]


def test_x018_per_service_and_platform_wide_figures_pass(shared: Registry) -> None:
    """GB3 §8.3 「サービス毎の月間アクティブ利用者数」: one row per service, and one for the whole."""
    kpis = (
        _kpi("monthly_active_users", service="防災アプリ")
        + _kpi("monthly_active_users", service="健康アプリ")
        + _kpi("monthly_active_users")
        + _kpi("monthly_active_users", kind="target")
    )
    services = _service("防災アプリ", "2025") + _service("健康アプリ")
    code, findings = _findings(shared, kpis=kpis, services=services)
    assert code == 0, findings


def test_the_kpi_key_includes_service_and_value_kind(shared: Registry) -> None:
    kpis = _kpi("monthly_active_users") + _kpi("monthly_active_users")
    _, findings = _findings(shared, kpis=kpis)
    [duplicate] = _only(findings, "T007")
    assert duplicate["line"] == 3


def test_a_services_row_per_survey_year_is_one_key(shared: Registry) -> None:
    """The same service answered in two yearly Data Map surveys: two rows, no duplicate; the
    same survey year twice: a duplicate key."""
    _, findings = _findings(
        shared, services=_service("防災アプリ", "2024") + _service("防災アプリ", "2025")
    )
    assert not findings
    _, findings = _findings(shared, services=_service("防災アプリ", "2025") * 2)
    assert [f["code"] for f in findings] == ["T007"]


# --- X017: survey rounds (notice 記2(1)) ------------------------------------------------------


def test_the_notices_round_passes(shared: Registry) -> None:
    code, findings = _findings(shared, surveys=NOTICE_ROUND, survey_round="fy2024-bessoe1")
    assert code == 0, findings


def test_a_folder_without_surveys_yaml_is_valid(shared: Registry) -> None:
    code, findings = _findings(shared)
    assert code == 0 and not findings
    assert not shared.path(SURVEYS).exists()


def test_x017_a_round_not_in_surveys_yaml(shared: Registry) -> None:
    code, findings = _findings(shared, surveys=NOTICE_ROUND, survey_round="fy2024-bessoe")
    assert code == 1
    [finding] = _only(findings, "X017")
    _assert_reported(finding, "X017", "error")
    assert finding["file"] == MUNICIPALITIES
    assert "fy2024-bessoe" in finding["message"]["ja"] and SURVEYS in finding["message"]["en"]
    assert "fy2024-bessoe1" in finding["hint"]["en"]  # the nearest round


def test_x017_a_round_named_without_surveys_yaml(shared: Registry) -> None:
    code, findings = _findings(shared, survey_round="fy2024-bessoe1")
    assert code == 1
    [finding] = _only(findings, "X017")
    assert "none" in finding["hint"]["en"]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("    instrument: bessoe1\n", "    instrument: bessoe2\n", "instrument"),
        ('    due: "2024-05-31T18:00+09:00"\n', '    due: "2024-05-31 18:00"\n', "due"),
        ("    coverage: unknown\n", "    coverage: {answered: 3}\n", "coverage"),
        ("    submitted_on: unknown\n", "    submitted_on: 5/31\n", "submitted_on"),
    ],
)
def test_surveys_yaml_is_checked_against_its_schema(
    shared: Registry, old: str, new: str, where: str
) -> None:
    assert old in NOTICE_ROUND
    code, findings = _findings(shared, surveys=NOTICE_ROUND.replace(old, new))
    assert code == 1
    assert any(f["file"] == SURVEYS and where in f["where"] for f in findings), findings


def test_a_known_coverage_and_submission_pass(shared: Registry) -> None:
    text = NOTICE_ROUND.replace("coverage: unknown", "coverage: {answered: 40, total: 62}")
    text = text.replace("submitted_on: unknown", 'submitted_on: "2024-05-31"')
    code, findings = _findings(shared, surveys=text)
    assert code == 0, findings


# --- A017: pseudonymised data provided (GB3 §15.3 ①) -----------------------------------------


def _asset(legal_class: str, provided_to: str) -> str:
    return (
        f"test-platform,健診データ,,,{provided_to},,,https://example.org/a,2026-01-01,,,"
        f"{legal_class}\n"
    )


def test_a017_pseudonymised_data_provided_to_others(shared: Registry) -> None:
    code, findings = _findings(shared, assets=_asset("pseudonymised", "民間事業者"))
    assert code == 0
    [finding] = _only(findings, "A017")
    _assert_reported(finding, "A017", "warning")
    assert (finding["file"], finding["line"]) == (ASSETS, 2)
    assert finding["column"] == _column(
        _asset("pseudonymised", "民間事業者"), "provided_to", ASSET_HEADER
    )
    assert (
        "仮名加工情報" in finding["message"]["ja"]
        and "第三者への提供は原則禁止" in finding["message"]["ja"]
    )
    strict_code, strict = _findings(
        shared, assets=_asset("pseudonymised", "民間事業者"), strict=True
    )
    assert strict_code == 1
    assert {f["severity"] for f in _only(strict, "A017")} == {"error"}


@pytest.mark.parametrize(
    ("legal_class", "provided_to"),
    [
        ("pseudonymised", ""),  # kept inside
        ("anonymised", "民間事業者"),  # 匿名加工情報: 「本人同意なしで第三者提供が可能」
        ("", "民間事業者"),  # class not recorded: never judged
    ],
)
def test_a017_not_reported(shared: Registry, legal_class: str, provided_to: str) -> None:
    code, findings = _findings(shared, assets=_asset(legal_class, provided_to))
    assert code == 0 and not findings
