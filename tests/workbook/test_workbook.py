"""The spreadsheet round trip: export-xlsx, import-xlsx, import-csv on real files through the
real CLI. All data written here is synthetic test data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.chart import BarChart, Reference

from helpers.registry import Registry, copy_registry
from helpers.workbook_cases import (
    TOKYO,
    WORKBOOK_CASES,
    WorkbookCase,
    edit,
    export,
    run_import,
    tree_hash,
)
from renkei.findings.catalogue import CATALOGUE
from renkei.workbook.apply import plan_files
from renkei.workbook.layout import standard_sheets
from renkei.workbook.read import read_workbook
from renkei.workbook.source import read_prefecture

MUNI = f"{TOKYO}/municipalities.csv"


def rows(registry: Registry, filename: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(registry.read(f"{TOKYO}/{filename}"))))


def municipality(registry: Registry, code: str) -> dict[str, str]:
    return next(r for r in rows(registry, "municipalities.csv") if r["lg_code"] == code)


# --- round trip -----------------------------------------------------------------------------


def test_export_then_import_changes_nothing(registry: Registry) -> None:
    before = tree_hash(registry.root)
    path = export(registry)
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.output
    assert tree_hash(registry.root) == before


def test_datamap_layout_round_trip(registry: Registry) -> None:
    registry.write(
        f"{TOKYO}/services.csv",
        "platform_id,service_name,ingested_data,provided_data,internal_only_data,provided_to,"
        "frequency,method,source,confirmed_on,survey_fiscal_year,template_version\n"
        "test-platform,防災マップ,避難所,避難所一覧,,防災アプリ,日次,REST API,synthetic,2026-01-01,"
        "2025,1.3\n",
    )
    path = export(registry, "datamap.xlsx", "--layout", "datamap")
    workbook = openpyxl.load_workbook(path)
    assert {"サービス側", "データセット側"} <= set(workbook.sheetnames)
    assert workbook["サービス側"]["B1"].value == "サービス名"
    before = tree_hash(registry.root)
    result = run_import(registry, path, "--layout", "datamap", "--write")
    assert result.exit_code == 0, result.output
    assert tree_hash(registry.root) == before

    def change(wb: openpyxl.Workbook) -> None:
        wb["サービス側"]["G2"] = "リアルタイム"

    edit(path, change)
    result = run_import(registry, path, "--layout", "datamap", "--write")
    assert result.exit_code == 0, result.output
    assert rows(registry, "services.csv")[0]["frequency"] == "リアルタイム"


@pytest.fixture(scope="module")
def round_trip_registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Registry, str]:
    """One registry for every example (each rewrites the tables it uses) and the original
    municipalities.csv."""
    registry = copy_registry(tmp_path_factory.mktemp("round-trip") / "repo")
    return registry, registry.read(MUNI)


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
)
_ROW = st.tuples(_TEXT, st.sampled_from(["", "日次", "=cmd|'/c calc'!A1", "+1", "-2", "@x"]))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    services=st.lists(_ROW, max_size=5, unique_by=lambda r: r[0]),
    values=st.lists(
        st.one_of(
            st.integers(0, 10**12).map(str),
            st.decimals(0, 10**6, places=3, allow_nan=False).map(str),
        ),
        max_size=4,
    ),
    department=st.one_of(st.just(""), _TEXT),
)
def test_round_trip_property(
    round_trip_registry: tuple[Registry, str],
    services: list[tuple[str, str]],
    values: list[str],
    department: str,
) -> None:
    """Generated (synthetic) tables: exporting and reading back plans no change to any file."""
    registry, municipalities = round_trip_registry
    registry.write(MUNI, municipalities)
    lines = ["platform_id,service_name,ingested_data,provided_data,internal_only_data,"
             "provided_to,frequency,method,source,confirmed_on,survey_fiscal_year,"
             "template_version"]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(lines[0].split(","))
    for name, frequency in services:
        writer.writerow(
            ["test-platform", name, "", "", "", "", frequency, "", "s", "2026-01-01", "", ""]
        )
    registry.write(f"{TOKYO}/services.csv", out.getvalue())
    kpis = io.StringIO()
    writer = csv.writer(kpis, lineterminator="\n")
    writer.writerow(["platform_id", "fiscal_year", "indicator", "value", "unit", "source",
                     "confirmed_on", "service_name", "attribute", "touchpoint",
                     "value_kind"])  # fmt: skip
    for year, value in enumerate(values, start=2020):
        writer.writerow(["test-platform", year, "api_calls", value, "回", "s", "2026-01-01",
                         "", "", "", ""])  # fmt: skip
    registry.write(f"{TOKYO}/kpis.csv", kpis.getvalue())
    if department:
        line = io.StringIO()
        csv.writer(line, lineterminator="\n").writerow(
            ["131016", "千代田区", "answered", "", "none", "", department, department, ""]
        )
        registry.replace(MUNI, "131016,千代田区,not_answered,,,,,,\n", line.getvalue())
    path = export(registry)
    data = read_prefecture(registry.root, "13-tokyo")
    result = read_workbook(registry.root, path, standard_sheets(registry.root), path.name)
    plan = plan_files(data, result, path.name)
    assert plan.changed == {}
    assert not [f for f in result.findings if f.severity == "error"]


# --- what the export looks like -------------------------------------------------------------


def test_export_layout(registry: Registry) -> None:
    registry.replace(f"{TOKYO}/platforms.yaml", "vendor: unknown", "vendor: '=HYPERLINK(\"x\")'")
    workbook = openpyxl.load_workbook(export(registry))
    assert workbook.sheetnames[:3] == ["説明", "項目定義", "コード表"]
    platforms = workbook["platforms"]
    assert platforms["A1"].value == "基盤 ID（id）"
    assert "Platform id" in platforms["A1"].comment.text
    assert platforms.freeze_panes == "A2"
    # the structure is protected, not the data: sorting and filtering work
    assert workbook.security.lockStructure and not platforms.protection.sheet
    assert platforms.auto_filter.ref == "A1:Q2"
    assert workbook["コード表"].protection.sheet and not workbook["コード表"].protection.sort
    assert platforms["Q1"].value == "元の基盤ID（変更しない）（_id）"
    assert not platforms.column_dimensions["Q"].hidden  # no hidden column (rule L1-13)
    assert platforms["Q2"].value == "test-platform"
    vendor = platforms["N2"]
    assert vendor.value == '=HYPERLINK("x")' and vendor.data_type == "s"  # text, not a formula
    municipalities = workbook["municipalities"]
    assert municipalities["A2"].value == "131016" and municipalities["A2"].data_type == "s"
    lists = {str(v.sqref): v.formula1 for v in municipalities.data_validations.dataValidation}
    assert any("コード表" in f for f in lists.values())
    codes = [r for r in workbook["コード表"].iter_rows(values_only=True) if r[0] == "lg_code"]
    assert codes[1][:3] == ("lg_code", "131016", "千代田区")
    assert workbook["platforms"].merged_cells.ranges == set()


def test_export_meets_machine_readability_rules(registry: Registry) -> None:
    path = export(registry)
    result = read_workbook(registry.root, path, standard_sheets(registry.root), path.name)
    assert [f.code for f in result.findings] == []


def test_formula_like_text_round_trips(registry: Registry) -> None:
    registry.replace(
        MUNI, "131016,千代田区,not_answered,,,,,", "131016,千代田区,not_answered,,,,,=1+1"
    )
    before = tree_hash(registry.root)
    path = export(registry)
    assert openpyxl.load_workbook(path)["municipalities"]["H2"].data_type == "s"
    assert run_import(registry, path, "--write").exit_code == 0
    assert tree_hash(registry.root) == before


# --- what people do in Excel ----------------------------------------------------------------


def _answer(wb: openpyxl.Workbook, row: int, **cells: object) -> None:
    ws = wb["municipalities"]
    columns = {"code": "A", "status": "C", "on": "D", "intention": "E", "year": "F", "dept": "G"}
    for key, value in cells.items():
        ws[f"{columns[key]}{row}"] = value


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("令和6年4月1日", "2024-04-01"),
        ("R6.4.1", "2024-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("２０２４－０４－０１", "2024-04-01"),
        ("2024/4/1", "2024-04-01"),
        (45383, "2024-04-01"),  # an Excel date serial shown as a number
        ("45383", "2024-04-01"),
        (dt.datetime(2024, 4, 1), "2024-04-01"),  # a real date cell
    ],
)
def test_dates_as_people_type_them(registry: Registry, typed: object, expected: str) -> None:
    path = edit(
        export(registry), lambda wb: _answer(wb, 2, status="answered", on=typed, intention="none")
    )
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert municipality(registry, "131016")["answered_on"] == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("２０２５", "2025"), ("2025", "2025"), (2025, "2025"), (2025.0, "2025"), ("令和7年度", "2025"),
     ("R7", "2025"), (" 2025　", "2025")],
)  # fmt: skip
def test_fiscal_years_and_numbers_as_text(registry: Registry, typed: object, expected: str) -> None:
    path = edit(
        export(registry),
        lambda wb: _answer(wb, 2, status="answered", intention="keep_own", year=typed),
    )
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert municipality(registry, "131016")["planned_fiscal_year"] == expected


def test_trailing_and_full_width_spaces_codes_and_empty_rows(registry: Registry) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        _answer(
            wb, 2, code="１３１０１６", status="answered ", intention="none", dept="情報政策課　 "
        )
        ws = wb["municipalities"]
        for row in range(ws.max_row + 1, ws.max_row + 4):  # empty trailing rows with blanks
            ws[f"A{row}"] = "  "

    result = run_import(registry, edit(export(registry), change), "--write")
    assert result.exit_code == 0, result.output
    row = municipality(registry, "131016")
    assert (row["answer_status"], row["department"]) == ("answered", "情報政策課")


def test_code_typed_as_number_keeps_its_leading_zero(registry: Registry) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["municipal-platforms"]
        ws["A2"], ws["B2"], ws["C2"], ws["D2"] = 131016, "test-platform", "uses", "令和6年度"

    result = run_import(registry, edit(export(registry), change), "--write")
    assert result.exit_code == 0, result.output
    assert rows(registry, "municipal-platforms.csv") == [
        {"lg_code": "131016", "platform_id": "test-platform", "relation": "uses",
         "since_fiscal_year": "2024"}
    ]  # fmt: skip


def test_reordered_columns_and_extra_sheet(registry: Registry) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["municipalities"]
        ws.protection.sheet = False
        ws.move_range("A1:A100", cols=10)  # the code column moved to the far right (K)
        ws.delete_cols(1)
        ws["B2"] = "answered"  # answer_status is now column B
        ws["D2"] = "none"  # intention is now column D
        wb.create_sheet("作業用")["A1"] = "メモ"

    path = edit(export(registry), change)
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert "W005" in result.output
    assert municipality(registry, "131016")["intention"] == "none"


def test_platform_edit_keeps_nested_fields_and_rename(registry: Registry) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["platforms"]
        ws["A2"] = "test-platform-renamed"
        ws["G2"] = "building"
        ws["K2"] = True  # a real boolean cell

    original = registry.read(f"{TOKYO}/platforms.yaml")
    result = run_import(registry, edit(export(registry), change), "--write")
    assert result.exit_code == 0, result.output
    assert "test-platform → test-platform-renamed" in result.output or "status" in result.output
    text = registry.read(f"{TOKYO}/platforms.yaml")
    assert text.startswith("# SYNTHETIC TEST DATA\n")
    assert 'lead_body: "130001"' in text and "id: test-platform-renamed" in text
    assert "status: building" in text and "cross_prefecture: true" in text
    assert "FIWARE Orion" in text and "https://example.org/synthetic" in text  # nested kept
    assert registry.validate(TOKYO.replace("registry", str(registry.root / "registry"), 1))[0] == 0
    assert text != original


# --- errors point at the cell; nothing is written ---------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code", "where"),
    [
        ("platforms", "G2", "operatng", "S004", "platforms!G2"),
        ("platforms", "C2", "13000", "R001", "platforms!C2"),
        ("municipalities", "C3", "answerd", "T005", "municipalities!C3"),
        ("municipalities", "D2", "令和6年13月1日", "T004", "municipalities!D2"),
        ("municipalities", "F2", "100件", "T004", "municipalities!F2"),
        ("municipal-platforms", "B2", "no-such-platform", "X002", "municipal-platforms!B2"),
    ],
)
def test_errors_point_at_the_cell(
    registry: Registry, sheet: str, cell: str, value: str, code: str, where: str
) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb[sheet][cell] = value
        if sheet == "municipal-platforms":
            ws = wb[sheet]
            ws["A2"], ws["C2"] = "131016", "uses"

    before = tree_hash(registry.root)
    path = edit(export(registry), change)
    for lang in ("en", "ja"):
        result = run_import(registry, path, "--write", lang=lang)
        assert result.exit_code == 1, result.output
        line = next(line for line in result.output.splitlines() if f" {code} " in line)
        assert line.startswith(f"tokyo.xlsx:{where}"), result.output
    assert "CATALOGUE" not in result.output and "Traceback" not in result.output
    assert "ヒント" in result.output
    assert tree_hash(registry.root) == before


@pytest.mark.parametrize(
    ("rule", "change", "where"),
    [
        ("L1-12", lambda wb: wb["platforms"].merge_cells("B2:C2"), "platforms!B2:C2"),
        ("L1-13", lambda wb: setattr(wb["municipalities"].row_dimensions[3], "hidden", True),
         "municipalities!A3"),
        ("L1-13", lambda wb: setattr(wb["municipalities"].column_dimensions["G"], "hidden", True),
         "municipalities!G1"),
        ("L2-06", lambda wb: wb["municipalities"].__setitem__("F2", "=2024+1"), "municipalities!F2"),
        ("L1-02", lambda wb: wb["kpis"].__setitem__("N2", "別の表"), "kpis!N2"),
        ("L3-01", lambda wb: wb["kpis"].insert_rows(1), "kpis!A2"),
    ],
)  # fmt: skip
def test_machine_readability_errors_name_rule_and_cell(
    registry: Registry, rule: str, change: object, where: str
) -> None:
    before = tree_hash(registry.root)
    path = edit(export(registry), change)  # type: ignore[arg-type]
    result = run_import(registry, path, "--write")
    assert result.exit_code == 1, result.output
    assert re.search(rf"tokyo\.xlsx:{re.escape(where)}: error: W008 .*{rule}", result.output)
    assert tree_hash(registry.root) == before


def test_machine_readability_warnings(registry: Registry) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        _answer(wb, 2, status="answered", intention="none", dept="情報課")
        wb["kpis"].append(["test-platform", 2024, "api_calls", "1,234", "回", "s", "2026-01-01"])
        chart = BarChart()
        chart.add_data(Reference(wb["kpis"], min_col=4, min_row=1, max_row=2))
        wb["kpis"].add_chart(chart, "K2")

    result = run_import(registry, edit(export(registry), change), "--write")
    assert result.exit_code == 0, result.output
    assert "kpis!D2: warning: W008" in result.output and "L2-01" in result.output
    assert "L1-10" in result.output
    assert rows(registry, "kpis.csv")[0]["value"] == "1234"


def test_platform_dependent_characters_are_refused_as_validate_refuses_them(
    registry: Registry,
) -> None:
    # The bundle cannot write them, so the import does not write them either (R012 at the cell).
    before = tree_hash(registry.root)
    change = lambda wb: _answer(wb, 2, status="answered", intention="none", dept="①情報課")  # noqa: E731
    result = run_import(registry, edit(export(registry), change), "--write")
    assert result.exit_code == 1, result.output
    assert "municipalities!G2: warning: W008" in result.output and "L1-08" in result.output
    assert "municipalities!G2: error: R012" in result.output
    assert tree_hash(registry.root) == before


def test_failed_import_leaves_every_file_untouched(registry: Registry) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        _answer(wb, 2, status="answered", intention="none")  # valid
        wb["platforms"]["E2"] = "crossfield"  # invalid

    before = tree_hash(registry.root)
    result = run_import(registry, edit(export(registry), change), "--write")
    assert result.exit_code == 1
    assert "no file was changed" in result.output
    assert tree_hash(registry.root) == before
    leftovers = [p for p in (registry.root / TOKYO).iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_preview_without_write_changes_nothing(registry: Registry) -> None:
    before = tree_hash(registry.root)
    path = edit(export(registry), lambda wb: _answer(wb, 2, status="answered", intention="none"))
    result = run_import(registry, path)
    assert result.exit_code == 0, result.output
    assert "Answer status: Not answered → Answered" in result.output  # labels, not ids
    assert "answer_status" not in result.output and "not_answered" not in result.output
    assert "--write" in result.output
    japanese = run_import(registry, path, lang="ja")
    assert "回答状況: 未回答 → 回答済" in japanese.output, japanese.output
    assert tree_hash(registry.root) == before


# --- CSV import -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_import_csv_encodings(registry: Registry, encoding: str) -> None:
    text = registry.read(MUNI).replace(
        "131016,千代田区,not_answered,,,,,",
        "131016,千代田区,answered,令和6年4月1日,none,,情報政策課 ,",
    )
    header = (
        "団体コード,団体名,回答状況,回答日,今後の意向,予定年度（西暦）,担当部署,備考,調査の回\n"
    )
    path = registry.root / "answers.csv"
    path.write_bytes((header + text.split("\n", 1)[1]).replace("\n", "\r\n").encode(encoding))
    before = tree_hash(registry.root)
    result = registry.run(
        "import-csv", "13", str(path), "--root", str(registry.root), "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert "Answered on: 2024-04-01" in result.output
    assert tree_hash(registry.root) == before
    result = registry.run("import-csv", "13", str(path), "--root", str(registry.root), "--write")
    assert result.exit_code == 0, result.output
    row = municipality(registry, "131016")
    assert (row["answered_on"], row["department"]) == ("2024-04-01", "情報政策課")
    assert "\r" not in registry.read(MUNI)
    assert (
        registry.path(MUNI).stat().st_mode & 0o777 == 0o644
        or registry.path(MUNI).stat().st_mode & 0o044
    )


def test_import_csv_error_points_at_line(registry: Registry) -> None:
    path = registry.root / "answers.csv"
    path.write_text(
        registry.read(MUNI).replace("131016,千代田区,not_answered", "131016,千代田区,answerd"),
        encoding="utf-8",
    )
    before = tree_hash(registry.root)
    result = registry.run(
        "import-csv", "13", str(path), "--root", str(registry.root), "--write", "--lang", "en"
    )
    assert result.exit_code == 1
    assert "answers.csv:line 2, column answer_status: error: T005" in result.output
    assert tree_hash(registry.root) == before


# --- every W code ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", WORKBOOK_CASES, ids=[c.code for c in WORKBOOK_CASES])
def test_workbook_finding_code(registry: Registry, case: WorkbookCase) -> None:
    path = case.make(registry)
    before = tree_hash(registry.root)
    outputs = {}
    for lang in ("en", "ja"):
        result = registry.run(case.command, "13", str(path), "--root", str(registry.root),
                              "--lang", lang, "--write")  # fmt: skip
        outputs[lang] = result.output
        assert "Traceback" not in result.output
        expected = case.exit_code if case.exit_code is not None else int(case.severity == "error")
        assert result.exit_code == expected, result.output
    line = next(line for line in outputs["en"].splitlines() if f" {case.code} " in line)
    assert case.where in line and f"{case.severity}: {case.code}" in line
    assert CATALOGUE[case.code].title_en
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", outputs["ja"])
    assert "ヒント" in outputs["ja"] and "hint" in outputs["en"]
    if expected:
        assert tree_hash(registry.root) == before


def test_usage_errors_exit_2(registry: Registry, tmp_path: Path) -> None:
    root = str(registry.root)
    assert (
        registry.run("export-xlsx", "99", "-o", str(tmp_path / "x.xlsx"), "--root", root).exit_code
        == 2
    )
    assert (
        registry.run("export-xlsx", "13", "-o", str(tmp_path / "x.csv"), "--root", root).exit_code
        == 2
    )
    assert (
        registry.run("import-xlsx", "13", str(tmp_path / "none.xlsx"), "--root", root).exit_code
        == 2
    )
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)
