"""`renkei export-xlsx`, `renkei import-xlsx` and `renkei import-csv`: the spreadsheet round trip.

The import prints the findings (pointing at the sheet cell, e.g. platforms!C7, with the same
codes, languages and hints as `renkei validate`) and the semantic diff of what would change. It
writes the registry files only with --write and only when the result is valid.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from renkei.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    missing_file_message,
    output_file,
    resolve_root,
)
from renkei.findings.model import Finding

if TYPE_CHECKING:
    from renkei.workbook.apply import Plan
    from renkei.workbook.source import PrefectureData

LAYOUT_OPTION = click.option(
    "--layout",
    type=click.Choice(["standard", "datamap"]),
    default="standard",
    show_default=True,
    help="standard: every table; datamap: the Agency's Data Map (services and data assets).",
)


def _folder(root: Path, text: str, lang: str) -> str:
    from renkei.revisions.compare import find_prefecture

    folder = find_prefecture(root, text)
    if folder is None or not (root / "registry" / "prefectures" / folder).is_dir():
        _fail(f"都道府県「{text}」はありません。", f"No prefecture '{text}'.", lang)
    return folder


def _source(root: Path, folder: str, lang: str) -> PrefectureData:
    from renkei.workbook.source import SourceUnreadable, read_prefecture

    try:
        return read_prefecture(root, folder)
    except SourceUnreadable as error:
        _fail(
            f"{error.file} を読めません（{error.reason}）。先に renkei validate で直してください。",
            f"{error.file} cannot be read ({error.reason}). Fix it first (renkei validate).",
            lang,
        )


def _render_finding(finding: Finding, display: str, lang: str) -> list[str]:
    place = (
        f"{display}:{finding.where}"
        if finding.file == display and finding.where
        else f"{finding.file}:{finding.line}:{finding.column}"
    )
    severity = (
        {"error": "エラー", "warning": "警告"}[finding.severity]
        if lang == "ja"
        else finding.severity
    )
    from renkei.escape.terminal import text as show

    lines = [f"{show(place)}: {severity}: {finding.code} {show(finding.message(lang))}"]
    if finding.hint(lang):
        lines.append(f"    {'ヒント' if lang == 'ja' else 'hint'}: {show(finding.hint(lang))}")
    return lines


@click.command("export-xlsx")
@click.argument("prefecture")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True)
@LAYOUT_OPTION
@ROOT_OPTION
@LANG_OPTION
@guarded
def export_xlsx(
    prefecture: str, output: Path, layout: str, root: Path | None, lang: str | None
) -> None:
    """Write PREFECTURE's data to an .xlsx workbook to edit and import back."""
    from renkei.workbook.export import UnwritableValue, export_workbook
    from renkei.workbook.source import SourceUnreadable

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if output.suffix.lower() != ".xlsx":
        _fail(
            "出力ファイルの拡張子は .xlsx にしてください。",
            "The output file must end in .xlsx.",
            lang,
        )
    output_file(output, lang)
    try:
        export_workbook(registry_root, folder, output, layout)
    except UnwritableValue as error:
        _unwritable(registry_root, folder, error.where, lang)
    except SourceUnreadable as error:
        _fail(
            f"{error.file} を読めません（{error.reason}）。先に renkei validate で直してください。",
            f"{error.file} cannot be read ({error.reason}). Fix it first (renkei validate).",
            lang,
        )
    click.echo(f"wrote {output}")


def _unwritable(root: Path, folder: str, where: str, lang: str) -> None:
    """Data no workbook can hold: the R013 findings of the folder at file:line, exit 1."""
    from renkei.checks.validate import ValidateOptions, validate
    from renkei.findings import codes
    from renkei.registry.layout import PREFECTURES_DIR
    from renkei.report.reporters import REPORTERS

    report = validate(
        root, ValidateOptions(paths=[root / PREFECTURES_DIR / folder], use_cache=False, jobs=1)
    )
    report.findings = [f for f in report.findings if f.code == codes.R013.code]
    click.echo(REPORTERS["text"].render(report, lang), nl=False)
    click.echo(
        f"renkei: {where} に書き出せない文字があります。ブックは作成していません。"
        if lang == "ja"
        else f"renkei: {where} holds a character no workbook can hold; no workbook was written.",
        err=True,
    )
    sys.exit(EXIT_FINDINGS)


def _finish(root: Path, plan: Plan, display: str, write: bool, lang: str) -> NoReturn:
    from renkei.revisions.diff_render import TextRenderer
    from renkei.workbook.apply import write_plan

    for finding in sorted(
        plan.findings, key=lambda f: (f.file != display, f.file, f.line, f.column)
    ):
        for line in _render_finding(finding, display, lang):
            click.echo(line)
    errors = len(plan.errors)
    warnings = len(plan.findings) - errors
    if plan.diff is not None:
        text = TextRenderer().render(plan.diff, lang).splitlines()
        text[0] = f"renkei import: registry → {display}"
        click.echo("\n".join(text))
    files = ", ".join(sorted(plan.changed)) or "-"
    if errors:
        click.echo(
            f"取り込めません: エラー {errors} 件、警告 {warnings} 件。ファイルは変更していません。"
            if lang == "ja"
            else f"not imported: {errors} error(s), {warnings} warning(s); no file was changed."
        )
        sys.exit(EXIT_FINDINGS)
    if not plan.changed:
        click.echo("変更はありません。" if lang == "ja" else "nothing to change.")
        sys.exit(EXIT_OK)
    if not write:
        click.echo(
            f"検証に通りました（警告 {warnings} 件）。変更されるファイル: {files}。"
            "書き込むには --write を付けて実行します。"
            if lang == "ja"
            else f"valid ({warnings} warning(s)); would change: {files}. Run again with --write "
            "to write."
        )
        sys.exit(EXIT_OK)
    for path in write_plan(root, plan):
        click.echo(f"wrote {path}")
    sys.exit(EXIT_OK)


@click.command("import-xlsx")
@click.argument("prefecture")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--write", is_flag=True, help="Write the files (only when the result is valid).")
@LAYOUT_OPTION
@ROOT_OPTION
@LANG_OPTION
@guarded
def import_xlsx(
    prefecture: str, workbook: Path, write: bool, layout: str, root: Path | None, lang: str | None
) -> None:
    """Read WORKBOOK back into PREFECTURE: findings, then the diff; --write writes if valid."""
    from renkei.findings import codes
    from renkei.findings.model import Position
    from renkei.workbook.apply import Plan, import_rows
    from renkei.workbook.layout import datamap_sheets, standard_sheets
    from renkei.workbook.read import open_workbook, read_workbook
    from renkei.workbook.safety import UnsafeWorkbook, check_workbook_file

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if not os.path.lexists(workbook):
        _fail(*missing_file_message(workbook), lang)
    display = workbook.name
    data = _source(registry_root, folder, lang)
    try:
        check_workbook_file(workbook)
    except UnsafeWorkbook as error:
        plan = Plan(folder, display)
        params = {"name": workbook.name, "detail": "", **error.params}
        plan.findings.append(error.finding_type.make_from(display, Position(1, 1), params))
        _finish(registry_root, plan, display, False, lang)
    specs = (
        standard_sheets(registry_root) if layout == "standard" else datamap_sheets(registry_root)
    )
    try:
        loaded = open_workbook(workbook)
    except Exception as error:  # openpyxl's many ways of failing on a damaged file
        plan = Plan(folder, display)
        plan.findings.append(
            codes.W001.make(
                display, Position(1, 1), "", name=workbook.name, detail=f"{type(error).__name__}"
            )
        )
        _finish(registry_root, plan, display, False, lang)
    result = read_workbook(registry_root, workbook, specs, display, loaded)
    _finish(registry_root, import_rows(registry_root, data, result, display), display, write, lang)


@click.command("import-csv")
@click.argument("prefecture")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--table",
    type=click.Choice(["municipalities", "municipal-platforms", "services", "data-assets", "kpis"]),
    default="municipalities",
    show_default=True,
    help="Which table the CSV holds.",
)
@click.option("--write", is_flag=True, help="Write the file (only when the result is valid).")
@ROOT_OPTION
@LANG_OPTION
@guarded
def import_csv(
    prefecture: str, csv_file: Path, table: str, write: bool, root: Path | None, lang: str | None
) -> None:
    """Read a CSV (UTF-8 or Shift_JIS/CP932) into PREFECTURE's TABLE: diff; --write if valid."""
    from renkei.workbook.apply import import_rows
    from renkei.workbook.csv_read import read_csv
    from renkei.workbook.layout import table_sheet

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if not os.path.lexists(csv_file):
        _fail(*missing_file_message(csv_file), lang)
    data = _source(registry_root, folder, lang)
    display = csv_file.name
    result = read_csv(registry_root, csv_file, table_sheet(registry_root, table), display)
    _finish(registry_root, import_rows(registry_root, data, result, display), display, write, lang)
