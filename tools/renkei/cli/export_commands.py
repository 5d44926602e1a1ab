"""`renkei export sqlite`: the whole registry as one SQLite database with its Datasette
metadata (`renkei.export`)."""

from __future__ import annotations

from pathlib import Path

import click

from renkei.cli.bilingual import BilingualGroup, option
from renkei.cli.options import (
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    output_file,
    resolve_root,
    wrote_line,
)

_HISTORY_NOTES = {
    "read": ("{commits} 件のコミットから", "from {commits} commits"),
    "shallow": (
        "浅いクローンのため取得済みの {commits} 件のコミットだけです（すべては git fetch --unshallow）",
        "a shallow clone, {commits} commit(s) fetched (git fetch --unshallow for all)",
    ),
    "no_commits": ("コミットがありません", "no commits"),
    "not_a_repository": (
        "Git リポジトリではないため空です",
        "empty: the root is not in a Git repository",
    ),
    "not_read": ("--no-history のため空です", "empty: --no-history"),
}


@click.group(cls=BilingualGroup, help_ja="レジストリ全体を別の形式で書き出します。")
def export() -> None:
    """Write the whole registry in another format."""


@export.command(
    "sqlite",
    help_ja="""レジストリ全体を 1 つの SQLite データベースに書き出します（Datasette 用のメタデータ付き）。

    都道府県の表ごとに 1 表（全都道府県を prefecture_code 列で 1 表に）、platforms.yaml・vision.yaml・prefecture.yaml、参照データ、Git の変更履歴（history 表）。主キーと外部キー、索引、全文検索付き。メタデータ（既定: 同じフォルダの metadata.json）は日本語の表題と説明を持ち、datasette registry.sqlite --metadata metadata.json で表示できます。SQLite 以外の既存ファイルは上書きしません。
    """,
)
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The database to write (registry.sqlite).",
    help_ja="書き出すデータベース（registry.sqlite）。",
)
@option(
    "--metadata",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The Datasette metadata file to write (default: metadata.json beside the database).",
    help_ja="書き出す Datasette のメタデータ（既定: データベースと同じフォルダの metadata.json）。",
)
@option(
    "--history/--no-history",
    default=True,
    show_default=True,
    help="Fill the history table from Git.",
    help_ja="Git の履歴から history 表を作ります。",
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def export_sqlite(
    output: Path, metadata: Path | None, history: bool, root: Path | None, lang: str | None
) -> None:
    """Write the whole registry to one SQLite database, with Datasette metadata.

    One table per registry table (every prefecture in one, with a prefecture_code column),
    platforms.yaml, vision.yaml and prefecture.yaml, the reference tables and the history of
    changes from Git (the history table), with primary and foreign keys, indexes and full-text
    search. The metadata (default: metadata.json beside the database) holds Japanese titles and
    descriptions, English beside them: datasette registry.sqlite --metadata metadata.json. An
    existing file that is not an SQLite database is never overwritten."""
    from renkei.export.model import ExportError
    from renkei.export.sqlite import METADATA_FILE, write_sqlite

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    output_file(output, lang)
    metadata_path = metadata if metadata is not None else output.with_name(METADATA_FILE)
    output_file(metadata_path, lang)
    if metadata_path.absolute() == output.absolute():
        _fail(
            "メタデータはデータベースとは別のファイルにしてください。",
            "The metadata file must not be the database itself.",
            lang,
        )
    try:
        outcome = write_sqlite(registry_root, output, metadata=metadata_path, history=history)
    except ExportError as error:
        _fail(error.message_ja, error.message_en, lang)
    ja, en = _HISTORY_NOTES[outcome.history.state]
    note = (ja if lang == "ja" else en).format(commits=outcome.history.commits)
    rows, tables, changes = outcome.total_rows, len(outcome.rows), outcome.rows["history"]
    if lang == "ja":
        click.echo(
            f"{wrote_line(outcome.database, lang)}（{tables} 表、{rows} 行。履歴 {changes} 行: {note}）"
        )
    else:
        click.echo(
            f"{wrote_line(outcome.database, lang)} ({tables} tables, {rows} rows; "
            f"history {changes} rows: {note})"
        )
    click.echo(wrote_line(outcome.metadata, lang))
