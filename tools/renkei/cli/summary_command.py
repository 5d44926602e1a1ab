"""`renkei summary`: the national overview, one row per prefecture, in text, Markdown, JSON,
CSV or as the tile map of Japan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from renkei.cli.bilingual import command, option
from renkei.cli.options import (
    AS_OF_OPTION,
    FORMAT_HELP,
    FORMAT_HELP_JA,
    LANG_OPTION,
    ROOT_OPTION,
    default_lang,
    guarded,
    output_file,
    resolve_root,
    wrote_line,
)

if TYPE_CHECKING:
    import datetime as dt


@command(
    help_ja="""都道府県ごとに 1 行: 状況の区分、類型、ビジョン、データ連携基盤、原則に関する指摘、
    回答。`--format svg` は日本のタイルマップを描きます。
    """
)
@ROOT_OPTION
@LANG_OPTION
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json", "csv", "svg"]),
    default="text",
    show_default=True,
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
@AS_OF_OPTION
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to a file; markdown also writes the map beside it (NAME.svg).",
    help_ja="ファイルに書き込みます。markdown では地図も横に書きます（NAME.svg）。",
)
@guarded
def summary(
    root: Path | None,
    lang: str | None,
    output_format: str,
    as_of: dt.datetime | None,
    output: Path | None,
) -> None:
    """One row per prefecture: status category, types, vision, platforms, principle findings,
    answers; `--format svg` draws the tile map of Japan."""
    from renkei.summary.build import national_summary
    from renkei.summary.files import DEFAULT_MAP_NAME, write_summary
    from renkei.summary.render import RENDERERS

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    if output is not None:
        output_file(output, lang)
    data = national_summary(registry_root, as_of.date() if as_of else None)
    if output is None:
        click.echo(RENDERERS[output_format].render(data, lang, DEFAULT_MAP_NAME), nl=False)
        return
    for path in write_summary(data, output, output_format, lang):
        click.echo(wrote_line(path, lang))
