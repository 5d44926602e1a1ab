"""`renkei migrate`: rewrite the registry's platforms.yaml files written for an earlier model
into the current one (the former `counts` becomes `components`, GB3 §4.2). Idempotent."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from renkei.cli.bilingual import command, option
from renkei.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    LANG_OPTION,
    ROOT_OPTION,
    default_lang,
    guarded,
    resolve_root,
)


@command(
    help_ja="""以前のモデルで書いた platforms.yaml を今のモデルに書き換えます: 基盤の `counts` は
    `components` になります（counts: unknown → components: unknown、1 以上の数 → true、0 → false）。
    域内の数（vision.yaml の area_inventory）はここから作りません。

    コメントと他のキーはそのまま残し、変わるファイルだけを安全に書き換え、変わらないファイルには
    触れません。もう一度実行しても何も変わりません。書き換えられないファイルがあれば（そのままに
    します）終了コード 1 です。
    """
)
@ROOT_OPTION
@LANG_OPTION
@option(
    "--dry-run",
    is_flag=True,
    help="Only list the files that would change.",
    help_ja="変わるファイルを示すだけで、書き込みません。",
)
@guarded
def migrate(root: Path | None, lang: str | None, dry_run: bool) -> None:
    """Rewrite platforms.yaml files into the current model: a platform's former `counts`
    becomes `components` (counts: unknown → components: unknown; a count of 1 or more → true,
    0 → false). The area's numbers (vision.yaml area_inventory) are never derived from it.

    Comments and the other keys are kept; a changed file is written atomically, an unchanged
    one is not touched, and running it again changes nothing. Exit 1 when a file cannot be
    migrated (it is left as it was).
    """
    from renkei.registry.migration import migrate_registry

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    result = migrate_registry(registry_root, write=not dry_run)
    ja = lang == "ja"
    for path in result.changed:
        if ja:
            click.echo(f"{path} を書き換え{'ます' if dry_run else 'ました'}")
        else:
            click.echo(f"{'would rewrite' if dry_run else 'rewrote'} {path}")
    for path, detail_ja, detail_en in result.problems:
        if ja:
            click.echo(f"{path}: 書き換えませんでした: {detail_ja}", err=True)
        else:
            click.echo(f"{path}: not migrated: {detail_en}", err=True)
    changed, problems = len(result.changed), len(result.problems)
    if ja:
        click.echo(
            f"書き換え{'るファイル' if dry_run else 'たファイル'} {changed}、"
            f"すでに最新 {result.unchanged}、書き換えられないもの {problems}"
        )
    else:
        click.echo(
            f"{changed} file(s) {'to rewrite' if dry_run else 'rewritten'}, "
            f"{result.unchanged} already current, {problems} not migrated"
        )
    sys.exit(EXIT_FINDINGS if result.problems else EXIT_OK)
