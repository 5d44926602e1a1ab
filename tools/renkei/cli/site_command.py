"""`renkei site -o DIR`: the registry's public static site (Japanese, and English under en/),
its JSON API, Atom feeds, downloads and search index, rebuilt incrementally."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renkei.cli.bilingual import Count, command, option
from renkei.cli.options import (
    AS_OF_OPTION,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    output_folder,
    resolve_root,
)

if TYPE_CHECKING:
    import datetime as dt


@command(
    help_ja="""レジストリの公開用の静的サイトを DIR に作ります（日本語、英語版は en/）。

    全国のページ（地図・区分・47 都道府県の表・最近の変更）、都道府県・ビジョン・基盤のページ、
    Git の履歴から変更と年度ごとの差分のページ、JSON API（api/v1/）、Atom フィード、
    ダウンロード（データパッケージ、JSON、バンドル）、Pagefind の検索索引。2 回目からは
    入力が変わったページだけを作り直します。
    """
)
@option(
    "--output",
    "-o",
    "output",
    type=click.Path(path_type=Path),
    required=True,
    help="The site's folder: new, empty, or a site renkei built before.",
    help_ja="サイトのフォルダ（新しいフォルダ、空のフォルダ、または以前に作ったサイト）。",
)
@ROOT_OPTION
@LANG_OPTION
@option(
    "--repo-url",
    default=None,
    envvar="RENKEI_REPO_URL",
    help="The repository on GitHub the edit links open (default: the origin remote when it is "
    "on GitHub; otherwise no edit links). Also RENKEI_REPO_URL.",
    help_ja="「このページを編集」が開く GitHub のリポジトリ（既定: origin が GitHub ならそれ、"
    "でなければ編集リンクなし）。RENKEI_REPO_URL でも指定できます。",
)
@option(
    "--branch",
    default="main",
    show_default=True,
    help="The branch the edit links open.",
    help_ja="編集リンクが開くブランチ。",
)
@option(
    "--bundles/--no-bundles",
    default=True,
    show_default=True,
    help="Build each prefecture's bundle into the downloads.",
    help_ja="都道府県ごとのバンドルをダウンロードに含めます。",
)
@option(
    "--search/--no-search",
    default=True,
    show_default=True,
    help="Index the site with Pagefind for the search box.",
    help_ja="Pagefind で検索の索引を作ります。",
)
@AS_OF_OPTION
@option(
    "--jobs",
    type=Count(min=1),
    default=None,
    help="Processes for the build (default: CPU cores, at most 2); 1 builds it all in this one "
    "process.",
    help_ja="ビルドのプロセス数（既定: CPU コア数、最大 2）。1 ならすべてこのプロセスで作ります。",
)
@guarded
def site(
    output: Path,
    root: Path | None,
    lang: str | None,
    repo_url: str | None,
    branch: str,
    bundles: bool,
    search: bool,
    as_of: dt.datetime | None,
    jobs: int | None,
) -> None:
    """Build the registry's public static site into DIR (Japanese; English under en/).

    The national page (map, categories, the 47 prefectures, latest changes), a page per
    prefecture, vision and platform, the changes and fiscal years from Git history, a JSON API
    (api/v1/), Atom feeds, downloads (data package, JSON, bundles) and a Pagefind search index.
    A rebuild renders only the pages whose inputs changed.
    """
    import datetime as dt

    from renkei.site.links import github_url, origin_url
    from renkei.site.model import SiteError, SiteOptions
    from renkei.site.pagefind_process import PagefindProcess

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    output_folder(output, lang)
    if repo_url is not None and repo_url.strip():
        url = github_url(repo_url)
        if url is None:
            _fail(
                f"--repo-url は GitHub のリポジトリの URL にしてください"
                f"（例: https://github.com/OWNER/NAME）: {repo_url}",
                f"--repo-url must be a GitHub repository's address "
                f"(e.g. https://github.com/OWNER/NAME): {repo_url}",
                lang,
            )
    else:
        url = None if repo_url is not None else origin_url(registry_root)
    if not branch.strip() or any(c in branch for c in " ~^:?*[\\") or ".." in branch:
        _fail(f"ブランチ名が正しくありません: {branch}", f"Not a branch name: {branch}", lang)
    options = SiteOptions(
        output,
        repo_url=url,
        branch=branch,
        bundles=bundles,
        search=search,
        as_of=as_of.date() if as_of else dt.date.today(),
        jobs=jobs or min(2, os.cpu_count() or 1),
    )
    # Pagefind's warm-up (about 1.3 s) is what a rebuild waits for longest: it starts now,
    # before the build's modules are imported (a few tenths of a second).
    pagefind = PagefindProcess.started(output) if search and options.jobs > 1 else None
    from renkei.export.model import ExportError
    from renkei.site.build import build_site

    try:
        result = build_site(registry_root, options, pagefind)
    except (SiteError, ExportError) as error:  # ExportError: registry.sqlite cannot be made
        _fail(error.message_ja, error.message_en, lang)
    for ja, en in result.warnings:
        click.echo(f"renkei: {ja if lang == 'ja' else en}", err=True)
    if lang == "ja":
        click.echo(
            f"{output} にサイトを書きました: 書き込み {len(result.written)}、変更なし "
            f"{len(result.kept)}、削除 {len(result.removed)}。"
        )
    else:
        click.echo(
            f"Wrote the site to {output}: {len(result.written)} written, {len(result.kept)} "
            f"unchanged, {len(result.removed)} removed."
        )
