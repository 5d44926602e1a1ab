"""`renkei bundle` (the submission bundle of a prefecture, or of all of them) and
`renkei verify-bundle` (checking a bundle received)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renkei.cli.bilingual import command, option
from renkei.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    FORMAT_HELP,
    FORMAT_HELP_JA,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    missing_file_message,
    output_folder,
    prefecture_folder,
    resolve_root,
)

if TYPE_CHECKING:
    import datetime as dt

    from renkei.bundle.build import BundleError


@command(
    help_ja="""PREFECTURE（または --all）の提出用バンドル NN-romaji_FYyyyy_rN.zip を作ります。

    PREFECTURE は 09、09-tochigi、tochigi、栃木県、またはフォルダのパスです。データにエラーが
    あると（一覧を示します）--draft なしでは終了コード 1、使い方の誤りは 2 です。
    """
)
@click.argument("prefecture", required=False)
@option(
    "--all",
    "all_prefectures",
    is_flag=True,
    help="Every prefecture, plus the national summary.",
    help_ja="すべての都道府県と全国の一覧を作ります。",
)
@option(
    "--revision",
    default=None,
    help="A Git ref to build from (default: the working tree).",
    help_ja="作成元の Git のリビジョン（既定: 作業ツリー）。",
)
@option(
    "--fiscal-year",
    default=None,
    help="A fiscal year to build from (FY2025, R7, 令和7年度).",
    help_ja="作成元の年度（FY2025、R7、令和7年度）。",
)
@option(
    "--output",
    "-o",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write the bundles to.  [default: dist]",
    help_ja="バンドルを書き込むフォルダ。  [既定値: dist]",
)
@click.option(
    "--out",
    "old_out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    hidden=True,
    help="Deprecated: use -o/--output.",
)
@option(
    "--draft",
    is_flag=True,
    help="Build even with errors; every file is marked DRAFT.",
    help_ja="エラーがあっても作ります。すべてのファイルに DRAFT と記します。",
)
@option(
    "--tag",
    is_flag=True,
    help="Record the submission as tag submitted/NN-romaji/FYyyyy-rN.",
    help_ja="提出をタグ submitted/NN-romaji/FYyyyy-rN として記録します。",
)
@option(
    "--csv-encoding",
    type=click.Choice(["utf-8", "cp932"]),
    default="utf-8",
    show_default=True,
    help="utf-8 is written with a BOM so Excel opens it.",
    help_ja="utf-8 は Excel で開けるよう BOM 付きで書きます。",
)
@option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date that sets the fiscal year of the checks (default: the commit's date, JST); "
    "recorded in the manifest.",
    help_ja="検査の年度を決める日付（既定: コミットの日付、日本時間）。マニフェストに記録します。",
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def bundle(
    prefecture: str | None,
    all_prefectures: bool,
    revision: str | None,
    fiscal_year: str | None,
    out_dir: Path | None,
    old_out_dir: Path | None,
    draft: bool,
    tag: bool,
    csv_encoding: str,
    as_of: dt.datetime | None,
    root: Path | None,
    lang: str | None,
) -> None:
    """Build the submission bundle NN-romaji_FYyyyy_rN.zip for PREFECTURE (or --all).

    PREFECTURE is 09, 09-tochigi, tochigi, 栃木県 or the folder's path. Exit 1 when the data
    has errors (they are listed) unless --draft; 2 on a usage error. (--out is a deprecated
    spelling of -o/--output.)"""
    from renkei.bundle.all_prefectures import build_all
    from renkei.bundle.build import BundleError, BundleOptions, build_bundle
    from renkei.bundle.outcome_text import all_built_line, built_line, source_line
    from renkei.revisions.git import GitError

    lang = lang or default_lang()
    if old_out_dir is not None:
        click.echo(
            "renkei: --out は非推奨です。-o/--output を使ってください。"
            if lang == "ja"
            else "renkei: --out is deprecated; use -o/--output.",
            err=True,
        )
    out_dir = out_dir or old_out_dir or Path("dist")
    registry_root = resolve_root(root, lang)
    encoding = "utf-8-sig" if csv_encoding == "utf-8" else csv_encoding
    output_folder(out_dir, lang)
    options = BundleOptions(revision, fiscal_year, out_dir, draft, tag, encoding)
    if as_of is not None:
        options.as_of = as_of.date()
    if all_prefectures == (prefecture is not None):
        _fail(
            "都道府県か --all のどちらかを指定してください。", "Give a PREFECTURE or --all.", lang
        )
    try:
        if all_prefectures:
            results = build_all(registry_root, options)
            for outcome in results:
                if isinstance(outcome, BundleError):
                    _refused(outcome, lang)
                else:
                    click.echo(built_line(outcome))
            click.echo(all_built_line(results, out_dir, lang))
            refused = any(isinstance(r, BundleError) for r in results)
            sys.exit(EXIT_FINDINGS if refused else EXIT_OK)
        folder = prefecture_folder(registry_root, prefecture or "", lang)
        result = build_bundle(registry_root, folder, options)
    except BundleError as error:
        _refused(error, lang)
        sys.exit(EXIT_FINDINGS if error.problems else EXIT_USAGE)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    click.echo(built_line(result))
    click.echo(source_line(result, lang))


def _refused(error: BundleError, lang: str) -> None:
    """A refused bundle: the findings behind it, then why it was refused."""
    from renkei.bundle.outcome_text import refused_findings, refused_line

    click.echo(refused_findings(error, lang), nl=False)
    click.echo(refused_line(error, lang), err=True)


@command(
    "verify-bundle",
    help_ja="""バンドルを検査します: 安全で壊れていない中身、マニフェストとハッシュ、データの
    正しさ、記されたコミットから作り直した結果と同じバイト列であること。問題があれば終了コード 1。
    """,
)
@click.argument("bundle_file", type=click.Path(dir_okay=False, path_type=Path))
@option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The registry to rebuild the bundle from (default: found from the current directory "
    "upwards); without one, a notice says the rebuild check was not made.",
    help_ja="バンドルを作り直すレジストリ（既定: 今のフォルダから上へ探します）。"
    "なければ、作り直しの検査をしなかったと知らせます。",
)
@LANG_OPTION
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
@guarded
def verify_bundle_command(
    bundle_file: Path, root: Path | None, lang: str | None, output_format: str
) -> None:
    """Check a bundle: safe, undamaged entries, its manifest and hashes, valid data, and the
    same bytes as a rebuild from the commit it names. Exit 1 on any problem."""
    from renkei.bundle.outcome_text import report_text, verified_line
    from renkei.bundle.verify import verify_bundle
    from renkei.report.reporters import REPORTERS

    lang = lang or default_lang()
    if not os.path.lexists(bundle_file):
        _fail(*missing_file_message(bundle_file), lang)
    registry_root = resolve_root(root, lang) if root is not None else None
    report = verify_bundle(bundle_file, root=registry_root)
    if output_format == "text" and not report.findings:
        click.echo(verified_line(bundle_file.name, report.files_checked, lang))
        sys.exit(EXIT_OK)
    if output_format == "text":
        click.echo(report_text(report, lang), nl=False)
    else:
        click.echo(REPORTERS[output_format].render(report, lang), nl=False)
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)
