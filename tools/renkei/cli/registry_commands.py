"""`renkei validate` (every validation layer over the registry, or the prefectures of some paths)
and `renkei scaffold` (missing prefecture folders and files, the generated datapackage.yaml)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renkei.cli.bilingual import Count, command, option
from renkei.cli.options import (
    AS_OF_OPTION,
    EXIT_FINDINGS,
    EXIT_OK,
    FORMAT_HELP,
    FORMAT_HELP_JA,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    fail_on_unusable_setup,
    find_prefecture_folder,
    guarded,
    prefecture_folder,
    resolve_root,
    wrote_line,
)

if TYPE_CHECKING:
    import datetime as dt

    from renkei.registry.cache import CacheNotice


@command(
    help_ja="""レジストリ全体、または PATHS の属する都道府県だけを検証します。

    PATHS はファイルやフォルダのパス、または都道府県（09、09-tochigi、tochigi、栃木県）です。
    検証の層: 構文、JSON Schema と Table Schema、参照データ、ファイル間。見つかった問題はすべて、
    file:line:col、変わらないコード、メッセージ、直し方のヒントとともに示します。
    """
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT_OPTION
@LANG_OPTION
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
@option(
    "--strict",
    is_flag=True,
    help="Exit 1 on warnings too.",
    help_ja="警告でも終了コード 1 にします。",
)
@option(
    "--no-cache",
    is_flag=True,
    help="Ignore cached results (a cold run).",
    help_ja="キャッシュした結果を使いません（最初から検証します）。",
)
@option(
    "--summary",
    "show_summary",
    is_flag=True,
    help="Print a registry overview too.",
    help_ja="レジストリの概要も表示します。",
)
@option(
    "--max-file-size",
    type=Count(min=1),
    default=None,
    help="Bytes.",
    help_ja="ファイルの大きさの上限（バイト）。",
)
@option(
    "--max-rows",
    type=Count(min=1),
    default=None,
    help="Rows per CSV.",
    help_ja="CSV 1 つの行数の上限。",
)
@option(
    "--max-depth",
    type=Count(min=1),
    default=None,
    help="YAML nesting.",
    help_ja="YAML の入れ子の深さの上限。",
)
@option(
    "--max-entries",
    type=Count(min=1),
    default=None,
    help="Values per YAML file.",
    help_ja="YAML ファイル 1 つの値の数の上限。",
)
@AS_OF_OPTION
@option(
    "--jobs",
    type=Count(min=1),
    default=None,
    help="Worker processes for a cold run (default: CPU cores, at most 4).",
    help_ja="最初から検証するときのプロセス数（既定: CPU コア数、最大 4）。",
)
@guarded
def validate(
    paths: tuple[Path, ...],
    root: Path | None,
    lang: str | None,
    output_format: str,
    strict: bool,
    no_cache: bool,
    show_summary: bool,
    max_file_size: int | None,
    max_rows: int | None,
    max_depth: int | None,
    max_entries: int | None,
    jobs: int | None,
    as_of: dt.datetime | None,
) -> None:
    """Validate the registry, or only the prefectures that PATHS belong to.

    PATHS are files or folders, or prefectures (09, 09-tochigi, tochigi, 栃木県).

    Layers: parse; JSON Schema and Table Schema; reference data; cross-file. All findings are
    reported, each with file:line:col, a stable code, a message and a fix hint.
    """
    from dataclasses import replace

    from renkei.checks.validate import PathOutsideRegistry, ValidateOptions
    from renkei.checks.validate import validate as run_validate
    from renkei.cli.kept_report import keep_report, key_before_run
    from renkei.registry.loaders.text import DEFAULT_LIMITS
    from renkei.report.reporters import REPORTERS

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    chosen: list[Path] = []
    for path in paths:
        if path.exists():
            chosen.append(path)
            continue
        folder = find_prefecture_folder(registry_root, str(path))
        if folder is None:
            _fail(
                f"{path} がありません（パスでも都道府県でもありません）。",
                f"{path} does not exist (it is neither a path nor a prefecture).",
                lang,
            )
        from renkei.registry.layout import PREFECTURES_DIR

        chosen.append(registry_root / PREFECTURES_DIR / folder)
    limits = DEFAULT_LIMITS
    if max_file_size is not None:
        limits = replace(limits, max_file_size=max_file_size)
    if max_rows is not None:
        limits = replace(limits, max_rows=max_rows)
    if max_depth is not None:
        limits = replace(limits, max_depth=max_depth)
    if max_entries is not None:
        limits = replace(limits, max_entries=max_entries)
    noticed: list[CacheNotice] = []

    def notify(notice: CacheNotice) -> None:
        noticed.append(notice)
        click.echo(notice.render(lang), err=True)

    options = ValidateOptions(
        paths=chosen, use_cache=not no_cache, limits=limits, strict=strict, notify=notify
    )
    whole = not (paths or no_cache or show_summary or as_of) and limits == DEFAULT_LIMITS
    before = key_before_run(str(registry_root), strict) if whole else None
    if as_of is not None:
        options.as_of = as_of.date()
    if jobs is not None:
        options.jobs = jobs
    from renkei.checks.broken_schema import SchemaError
    from renkei.findings.model import Report
    from renkei.registry.reference import ReferenceDataError
    from renkei.registry.safe_files import UnsafeFile

    try:
        report = run_validate(registry_root, options)
    except UnsafeFile as error:  # a schema, reference file or folder that is a link or special
        report = Report(findings=[error.finding()])
    except (SchemaError, ReferenceDataError) as error:
        fail_on_unusable_setup(error, lang)
    except PathOutsideRegistry as error:
        _fail(
            f"{error} はレジストリ {registry_root} の外にあります。",
            f"{error} is outside the registry {registry_root}.",
            lang,
        )
    text = REPORTERS[output_format].render(report, lang)
    click.echo(text, nl=False)
    if show_summary:
        from renkei.summary.overview import overview, render_overview

        click.echo(render_overview(overview(registry_root), lang), nl=False)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    code = EXIT_FINDINGS if failed else EXIT_OK
    if before is not None and not noticed:  # a repeat run prints it without checking
        keep_report(str(registry_root), before, strict, output_format, lang, text, code)
    sys.exit(code)


@command(
    help_ja="""参照リストから、足りない都道府県のフォルダとファイルを作り、各 datapackage.yaml を
    schemas/tables から書き直します。既存のデータファイルには手を触れません。

    PREFECTURES は都道府県（09、09-tochigi、tochigi、栃木県）です。指定しなければ 47 すべてです。
    """
)
@click.argument("prefectures", nargs=-1)
@ROOT_OPTION
@LANG_OPTION
@guarded
def scaffold(prefectures: tuple[str, ...], root: Path | None, lang: str | None) -> None:
    """Create missing prefecture folders and files from the reference list, and rewrite each
    datapackage.yaml from schemas/tables. Existing data files are never touched.

    PREFECTURES are codes (09), folders (09-tochigi), romaji (tochigi) or names (栃木県); none
    means all 47.
    """
    from renkei.registry.prefecture_lookup import UnknownPrefecture
    from renkei.registry.scaffold import scaffold_registry

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    try:
        folders = [prefecture_folder(registry_root, p, lang) for p in prefectures]
        written = scaffold_registry(registry_root, folders)
    except UnknownPrefecture as error:
        _fail(f"都道府県 {error} はありません。", f"No prefecture {error}.", lang)
    for path in written:
        click.echo(wrote_line(path, lang))
    click.echo(
        f"{len(written)} 個のファイルを書き込みました。"
        if lang == "ja"
        else f"{len(written)} file(s) written"
    )
