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

from renkei.cli.bilingual import command, option
from renkei.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORMAT_HELP,
    FORMAT_HELP_JA,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    missing_file_message,
    output_file,
    prefecture_folder,
    resolve_root,
    wrote_line,
)

if TYPE_CHECKING:
    from renkei.workbook.apply import Plan
    from renkei.workbook.source import PrefectureData

LAYOUT_OPTION = option(
    "--layout",
    type=click.Choice(["standard", "datamap"]),
    default="standard",
    show_default=True,
    help="standard: every table; datamap: the Agency's Data Map (services and data assets).",
    help_ja="standard: すべての表、datamap: デジタル庁のデータマップ（サービスとデータ資産）。",
)
FORMAT_OPTION = option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
STRICT_OPTION = option(
    "--strict",
    is_flag=True,
    help="Refuse the import on warnings too (exit 1, nothing written).",
    help_ja="警告があっても取り込みません（終了コード 1、何も書き込みません）。",
)
WRITE_HELP_JA = "ファイルを書き込みます（結果が有効なときだけ）。"


def _folder(root: Path, text: str, lang: str) -> str:
    """The prefecture folder the user means (exit 2 when there is none)."""
    folder = prefecture_folder(root, text, lang)
    if not (root / "registry" / "prefectures" / folder).is_dir():
        _fail(
            f"都道府県のフォルダ registry/prefectures/{folder} がありません（renkei scaffold で"
            "作れます）。",
            f"The prefecture folder registry/prefectures/{folder} does not exist (renkei "
            "scaffold makes it).",
            lang,
        )
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


@command(
    "export-xlsx",
    help_ja="""PREFECTURE のデータを .xlsx のブックに書き出します（編集して取り込み直せます）。

    PREFECTURE は 09、09-tochigi、tochigi、栃木県、またはフォルダのパスです。
    """,
)
@click.argument("prefecture")
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The workbook to write (NAME.xlsx).",
    help_ja="書き出すブック（NAME.xlsx）。",
)
@LAYOUT_OPTION
@ROOT_OPTION
@LANG_OPTION
@guarded
def export_xlsx(
    prefecture: str, output: Path, layout: str, root: Path | None, lang: str | None
) -> None:
    """Write PREFECTURE's data to an .xlsx workbook to edit and import back.

    PREFECTURE is 09, 09-tochigi, tochigi, 栃木県 or the folder's path."""
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
    click.echo(wrote_line(output, lang))


def _unwritable(root: Path, folder: str, where: str, lang: str) -> NoReturn:
    """Data no workbook can hold: the R013 findings of the folder at file:line, exit 1."""
    from renkei.bundle.outcome_text import report_text
    from renkei.workbook.outcome import unwritable_line, unwritable_report

    click.echo(report_text(unwritable_report(root, folder), lang), nl=False)
    click.echo(unwritable_line(where, lang), err=True)
    sys.exit(EXIT_FINDINGS)


def _finish(
    root: Path, plan: Plan, display: str, write: bool, lang: str, output_format: str, strict: bool
) -> NoReturn:
    """Show an import's findings, diff and verdict (or all of it as JSON); write the files with
    --write when valid (under --strict, only without warnings)."""
    from renkei.workbook.apply import write_plan
    from renkei.workbook.outcome import (
        plan_json,
        refused,
        refused_line,
        render_plan,
        unchanged_line,
        would_change_line,
    )

    if output_format == "json":
        written = (
            write_plan(root, plan) if write and plan.changed and not refused(plan, strict) else []
        )
        click.echo(plan_json(plan, written, strict), nl=False)
        sys.exit(EXIT_FINDINGS if refused(plan, strict) else EXIT_OK)
    click.echo(render_plan(plan, display, lang), nl=False)
    if refused(plan, strict):
        click.echo(refused_line(plan, lang, strict))
        sys.exit(EXIT_FINDINGS)
    if not plan.changed:
        click.echo(unchanged_line(lang))
        sys.exit(EXIT_OK)
    if not write:
        click.echo(would_change_line(plan, lang))
        sys.exit(EXIT_OK)
    for path in write_plan(root, plan):
        click.echo(wrote_line(path, lang))
    sys.exit(EXIT_OK)


@command(
    "import-xlsx",
    help_ja="""WORKBOOK を PREFECTURE に取り込みます: 指摘、次に差分。--write で（有効なら）書き込みます。

    PREFECTURE は 09、09-tochigi、tochigi、栃木県、またはフォルダのパスです。
    """,
)
@click.argument("prefecture")
@click.argument("workbook", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--write",
    is_flag=True,
    help="Write the files (only when the result is valid).",
    help_ja=WRITE_HELP_JA,
)
@LAYOUT_OPTION
@FORMAT_OPTION
@STRICT_OPTION
@ROOT_OPTION
@LANG_OPTION
@guarded
def import_xlsx(
    prefecture: str,
    workbook: Path,
    write: bool,
    layout: str,
    output_format: str,
    strict: bool,
    root: Path | None,
    lang: str | None,
) -> None:
    """Read WORKBOOK back into PREFECTURE: findings, then the diff; --write writes if valid.

    PREFECTURE is 09, 09-tochigi, tochigi, 栃木県 or the folder's path."""
    from renkei.workbook.importing import plan_workbook_import

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if not os.path.lexists(workbook):
        _fail(*missing_file_message(workbook), lang)
    display = workbook.name
    data = _source(registry_root, folder, lang)
    plan = plan_workbook_import(registry_root, data, workbook, layout, display)
    _finish(registry_root, plan, display, write, lang, output_format, strict)


@command(
    "import-csv",
    help_ja="""CSV（UTF-8 または Shift_JIS/CP932）を PREFECTURE の表に取り込みます: 差分。
    --write で（有効なら）書き込みます。--merge では CSV にある行だけを更新・追加します。

    PREFECTURE は 09、09-tochigi、tochigi、栃木県、またはフォルダのパスです。
    """,
)
@click.argument("prefecture")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--table",
    type=click.Choice(["municipalities", "municipal-platforms", "services", "data-assets", "kpis"]),
    default="municipalities",
    show_default=True,
    help="Which table the CSV holds.",
    help_ja="CSV がどの表か。",
)
@option(
    "--merge",
    is_flag=True,
    help="Update only the rows the CSV holds (by the table's key) and keep the others.",
    help_ja="CSV にある行（表のキーで照合）だけを更新し、ほかの行はそのまま残します。",
)
@option(
    "--write",
    is_flag=True,
    help="Write the file (only when the result is valid).",
    help_ja=WRITE_HELP_JA,
)
@FORMAT_OPTION
@STRICT_OPTION
@ROOT_OPTION
@LANG_OPTION
@guarded
def import_csv(
    prefecture: str,
    csv_file: Path,
    table: str,
    merge: bool,
    write: bool,
    output_format: str,
    strict: bool,
    root: Path | None,
    lang: str | None,
) -> None:
    """Read a CSV (UTF-8 or Shift_JIS/CP932) into PREFECTURE's TABLE: diff; --write if valid.
    With --merge, only the rows the CSV holds are updated or added.

    PREFECTURE is 09, 09-tochigi, tochigi, 栃木県 or the folder's path."""
    from renkei.workbook.importing import plan_csv_import

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = _folder(registry_root, prefecture, lang)
    if not os.path.lexists(csv_file):
        _fail(*missing_file_message(csv_file), lang)
    data = _source(registry_root, folder, lang)
    display = csv_file.name
    plan = plan_csv_import(registry_root, data, csv_file, table, display, merge)
    _finish(registry_root, plan, display, write, lang, output_format, strict)
