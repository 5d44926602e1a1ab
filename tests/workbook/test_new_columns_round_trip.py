"""The survey and KPI columns through export-xlsx, import-xlsx and import-csv: a round trip
changes no file, an edited cell comes back into its column. SYNTHETIC data."""

from __future__ import annotations

import openpyxl

from helpers.registry import Registry
from helpers.surveys import SURVEYS, surveys_file
from helpers.workbook_cases import edit, export, run_import, tree_hash

TOKYO = "registry/prefectures/13-tokyo"
KPIS = (
    "platform_id,fiscal_year,indicator,value,unit,source,confirmed_on,"
    "service_name,attribute,touchpoint,value_kind\n"
    "test-platform,2025,first_login_rate,12.5,%,s,2026-01-01,防災アプリ,20代,my_number_card,actual\n"
    "test-platform,2025,first_login_rate,30,%,s,2026-01-01,防災アプリ,20代,my_number_card,target\n"
)
SERVICES = (
    "platform_id,service_name,ingested_data,provided_data,internal_only_data,provided_to,"
    "frequency,method,source,confirmed_on,survey_fiscal_year,template_version\n"
    "test-platform,防災アプリ,,,,,,,s,2026-01-01,2025,1.3\n"
)
ASSETS = (
    "platform_id,dataset_name,owner_department,location_system,provided_to,frequency,method,"
    "source,confirmed_on,survey_fiscal_year,template_version,legal_class\n"
    "test-platform,避難所,,,,,,s,2026-01-01,2025,1.3,anonymised\n"
)


def _prepare(registry: Registry) -> None:
    registry.write(f"{TOKYO}/kpis.csv", KPIS)
    registry.write(f"{TOKYO}/services.csv", SERVICES)
    registry.write(f"{TOKYO}/data-assets.csv", ASSETS)
    registry.write(SURVEYS, surveys_file())
    municipalities = registry.read(f"{TOKYO}/municipalities.csv")
    registry.write(
        f"{TOKYO}/municipalities.csv",
        municipalities.replace(
            "131016,千代田区,not_answered,,,,,,\n",
            "131016,千代田区,not_answered,,,,,,fy2024-bessoe1\n",
        ),
    )
    assert registry.validate(str(registry.path(TOKYO)))[0] == 0


def _header(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[str]:
    return [str(c.comment.text if c.comment else c.value) for c in sheet[1]]


def test_the_new_columns_round_trip_through_the_workbook(registry: Registry) -> None:
    _prepare(registry)
    path = export(registry)
    workbook = openpyxl.load_workbook(path)
    names = " ".join(workbook.sheetnames)
    assert "kpis" in names or "指標" in names
    before = tree_hash(registry.root)
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert tree_hash(registry.root) == before

    def change(wb: openpyxl.Workbook) -> None:
        for sheet in wb.worksheets:
            for column in sheet[1]:
                texts = f"{column.value} {column.comment.text if column.comment else ''}"
                target = sheet.cell(row=2, column=column.column)
                if "template_version" in texts and target.value is not None:
                    target.value = "1.4"

    edit(path, change)
    result = run_import(registry, path, "--write")
    assert result.exit_code == 0, result.output
    assert registry.read(f"{TOKYO}/services.csv").splitlines()[1].endswith(",2025,1.4")
    assert (
        registry.read(f"{TOKYO}/data-assets.csv").splitlines()[1].endswith(",2025,1.4,anonymised")
    )
    assert registry.read(f"{TOKYO}/kpis.csv") == KPIS


def test_import_csv_reads_the_survey_round_column(registry: Registry) -> None:
    _prepare(registry)
    text = registry.read(f"{TOKYO}/municipalities.csv")
    path = registry.root / "answers.csv"
    path.write_text(text.replace(",fy2024-bessoe1\n", ",\n", 1), encoding="utf-8")
    result = registry.run("import-csv", "13", str(path), "--root", str(registry.root), "--write")
    assert result.exit_code == 0, result.output
    row = next(
        r
        for r in registry.read(f"{TOKYO}/municipalities.csv").splitlines()
        if r.startswith("131016")
    )
    assert row == "131016,千代田区,not_answered,,,,,,"
