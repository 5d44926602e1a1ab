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
    """The prefecture folder the user means (exit 2 when there is none)."""
    from renkei.registry.prefecture_lookup import find_prefecture

    folder = find_prefecture(root, text)
    if folder is None or not (root / "registry" / "prefectures" / folder).is_dir():
        _fail(f"都道府県「{text}」はありません。", f"No prefecture '{text}'.", lang)
    return folder


def _source(root: Path, folder: str, lang: str) -> PrefectureData:
    """The prefecture's current data (exit 2 when a file of it cannot be read)."""
    from renkei.workbook.source import SourceUnreadable, read_prefecture

    try:
        return read_prefecture(root, folder)
    except SourceUnreadable as error:
        _fail(
            f"{error.file} を読めません（{error.reason}）。先に renkei validate で直してください。",
            f"{error.file} cannot be read ({error.reason}). Fix it first (renkei validate).",
            lang,
        )


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


def _unwritable(root: Path, folder: str, where: str, lang: str) -> NoReturn:
    """Data no workbook can hold: the R013 findings of the folder at file:line, exit 1."""
    from renkei.report.reporters import REPORTERS
    from renkei.workbook.outcome import unwritable_line, unwritable_report

    click.echo(REPORTERS["text"].render(unwritable_report(root, folder), lang), nl=False)
    click.echo(unwritable_line(where, lang), err=True)
    sys.exit(EXIT_FINDINGS)


def _finish(root: Path, plan: Plan, display: str, write: bool, lang: str) -> NoReturn:
    """Show an import's findings, diff and verdict; write the files with --write when valid."""
    from renkei.workbook.apply import write_plan
    from renkei.workbook.outcome import (
        refused_line,
        render_plan,
        unchanged_line,
        would_change_line,
    )

    click.echo(render_plan(plan, display, lang), nl=False)
    if plan.errors:
        click.echo(refused_line(plan, lang))
        sys.exit(EXIT_FINDINGS)
    if not plan.changed:
        click.echo(unchanged_line(lang))
        sys.exit(EXIT_OK)
    if not write:
        click.echo(would_change_line(plan, lang))
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
    from renkei.workbook.importing import plan_workbook_import

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if not os.path.lexists(workbook):
        _fail(*missing_file_message(workbook), lang)
    display = workbook.name
    data = _source(registry_root, folder, lang)
    plan = plan_workbook_import(registry_root, data, workbook, layout, display)
    _finish(registry_root, plan, display, write, lang)


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
    from renkei.workbook.importing import plan_csv_import

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if not os.path.lexists(csv_file):
        _fail(*missing_file_message(csv_file), lang)
    data = _source(registry_root, folder, lang)
    display = csv_file.name
    plan = plan_csv_import(registry_root, data, csv_file, table, display)
    _finish(registry_root, plan, display, write, lang)
