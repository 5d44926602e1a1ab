"""`renkei fix`: show, and with --write apply, the safe fixes of the registry's YAML and CSV
files (labels to ids, full-width digits and spaces, era and slash dates, trailing spaces)."""

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
    _fail,
    default_lang,
    fail_on_unusable_setup,
    guarded,
    resolve_root,
)


@command(
    "fix",
    help_ja="""レジストリのファイル（または PATHS）の安全な修正を差分で表示し、--write で書き込みます。

    名称を id に（分野間 → cross_field、構築中 → building、防災 → disaster_prevention）、id・コード・
    日付の全角数字と空白を半角に、和暦やスラッシュの日付（令和6年4月1日、R6.4.1、2024/4/1）を
    スキーマが日付を求めるところで YYYY-MM-DD に直し、行末の空白を削除します。ほかは 1 バイトも
    変えません。2 つの id に当てはまる値は直しません。終了コード 0: 直すところなし・書き込み済み、
    1: 直せる箇所あり（--write なし）または読み込めないファイルあり。
    """,
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@option(
    "--write",
    is_flag=True,
    help="Write the fixes (default: only show them).",
    help_ja="修正を書き込みます（既定は表示だけ）。",
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def fix(paths: tuple[Path, ...], write: bool, root: Path | None, lang: str | None) -> None:
    """Show the safe fixes of the registry's files (or of PATHS) as a diff; --write applies them.

    A label becomes its id (分野間 → cross_field, 構築中 → building, 防災 → disaster_prevention),
    full-width digits and spaces in ids, codes and dates become half-width, era and slash dates
    (令和6年4月1日, R6.4.1, 2024/4/1) become ISO where the schema expects a date, and trailing
    spaces go. Nothing else in the file changes. A value that could be two ids is left alone.
    Exit 0: nothing to fix, or fixed with --write; 1: fixes to apply (without --write), or a
    file that cannot be read.
    """
    from renkei.fix.render import render_fixes, verdict
    from renkei.fix.run import OutsideRegistry, fix_files, write_fixes

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    for path in paths:
        if not path.exists():
            _fail(f"{path} がありません。", f"{path} does not exist.", lang)
    from renkei.checks.broken_schema import SchemaError
    from renkei.registry.reference import ReferenceDataError

    try:
        fixes = fix_files(registry_root, paths)
    except (SchemaError, ReferenceDataError) as error:
        fail_on_unusable_setup(error, lang)
    except OutsideRegistry as error:
        _fail(
            f"{error.path} はレジストリ {registry_root} の外にあります。",
            f"{error.path} is outside the registry {registry_root}.",
            lang,
        )
    click.echo(render_fixes(fixes, lang), nl=False)
    pending = any(f.changed and not f.problems for f in fixes)
    broken = any(f.problems for f in fixes)
    written = write_fixes(registry_root, fixes) if write else None
    click.echo(verdict(fixes, lang, written))
    sys.exit(EXIT_FINDINGS if broken or (pending and not write) else EXIT_OK)
