"""Commands for the contribution workflow: ownership (`codeowners`), the scope of a change
(`scope`), whether it is data only (`change-kind`), validation for pull requests (`annotate`)
and text hygiene (`hygiene`).

`renkei.cli` adds them to the `renkei` group; the logic lives in renkei.workflow (ownership,
scope, change_kind, annotations and hygiene).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renkei.cli.bilingual import command, option
from renkei.cli.options import (
    AS_OF_OPTION,
    EXIT_FINDINGS,
    EXIT_OK,
    FORMAT_HELP,
    FORMAT_HELP_JA,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    data_problem,
    default_lang,
    guarded,
    output_file,
    resolve_root,
    wrote_line,
)

if TYPE_CHECKING:
    import datetime as dt

BASE_HELP_JA = "変更の取り込み先のブランチ（リビジョン）。"


@command(
    help_ja=""".github/CODEOWNERS を書きます: 各都道府県のフォルダはその担当者（prefecture.yaml）に、
    それ以外はコアの担当者（.github/core-maintainers.txt）に割り当てます。担当者のいない
    都道府県はコアの担当者になります。
    """
)
@option(
    "--check",
    is_flag=True,
    help="Exit 1 when .github/CODEOWNERS is out of date.",
    help_ja=".github/CODEOWNERS が最新でなければ終了コード 1 にします。",
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def codeowners(check: bool, root: Path | None, lang: str | None) -> None:
    """Write .github/CODEOWNERS: each prefecture folder to its maintainers (prefecture.yaml),
    everything else to the core maintainers (.github/core-maintainers.txt). A prefecture with
    no maintainers registered falls back to the core maintainers."""
    from renkei.escape import terminal
    from renkei.workflow.ownership import (
        CODEOWNERS_FILE,
        OwnershipError,
        codeowners_delta,
        codeowners_status,
        write_codeowners,
    )

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    try:
        expected, current = codeowners_status(registry_root)
    except OwnershipError as error:
        data_problem(error.message_ja, error.message_en, lang)
    name = CODEOWNERS_FILE.as_posix()
    if check:
        if current == expected:
            click.echo(f"{name} は最新です。" if lang == "ja" else f"{name} is up to date.")
            sys.exit(EXIT_OK)
        click.echo(terminal.lines(codeowners_delta(current, expected)), nl=False)
        data_problem(
            f"{name} が最新ではありません。renkei codeowners を実行して結果をコミットしてください。",
            f"{name} is out of date. Run renkei codeowners and commit the result.",
            lang,
        )
    if current == expected:
        click.echo(f"{name} は最新です。" if lang == "ja" else f"{name} is up to date.")
        return
    write_codeowners(registry_root, expected)
    click.echo(wrote_line(name, lang))


@command(
    help_ja="""変更が触れる都道府県を示します: BASE と HEAD の分岐点からのコミット、コミットして
    いない変更と追跡していないファイル。複数の都道府県のデータ、またはデータとツールを同時に
    変えると、--allow-multi なしでは終了コード 1 です。
    """
)
@option(
    "--base",
    "--revision",
    "base_ref",
    required=True,
    help="The branch (revision) the change goes into.",
    help_ja=BASE_HELP_JA,
)
@option(
    "--allow-multi",
    is_flag=True,
    help="Do not fail when several scopes are touched.",
    help_ja="複数の範囲に触れても失敗にしません。",
)
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def scope(
    base_ref: str, allow_multi: bool, output_format: str, root: Path | None, lang: str | None
) -> None:
    """List the prefectures a change touches: commits since the merge base of BASE and HEAD,
    plus uncommitted and untracked files. Exit 1 when it touches several prefectures' data, or
    data and tooling together, unless --allow-multi."""
    from renkei.revisions.git import GitError
    from renkei.workflow.scope import change_scope, multi_message, render_text

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    try:
        result = change_scope(registry_root, base_ref)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result, lang), nl=False)
    if result.multi and not allow_multi:
        data_problem(*multi_message(result), lang)


@command(
    help_ja="""プルリクエスト向けの `validate --format github`: BASE と HEAD の分岐点から変わった
    行への注記を先に出し（GitHub は種類ごとに最初の 10 件だけを表示します）、全件をジョブの
    サマリーに追記します。
    """
)
@option(
    "--base",
    "--revision",
    "base_ref",
    default=None,
    help="Rank findings on lines changed since this revision first.",
    help_ja="このリビジョンから変わった行の指摘を先に出します。",
)
@option(
    "--summary",
    "summary_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append the full list as markdown (default: $GITHUB_STEP_SUMMARY when set).",
    help_ja="全件を Markdown で追記するファイル（既定: $GITHUB_STEP_SUMMARY があればそれ）。",
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
    help="Ignore cached results.",
    help_ja="キャッシュした結果を使いません。",
)
@AS_OF_OPTION
@ROOT_OPTION
@LANG_OPTION
@guarded
def annotate(
    base_ref: str | None,
    summary_file: Path | None,
    strict: bool,
    no_cache: bool,
    as_of: dt.datetime | None,
    root: Path | None,
    lang: str | None,
) -> None:
    """`validate --format github` for a pull request: annotations on the lines changed since
    the merge base of BASE and HEAD come first (GitHub shows only the first 10 of each kind),
    and the full list is appended to the job summary."""
    from renkei.checks.validate import ValidateOptions, validate
    from renkei.revisions.git import GitError
    from renkei.workflow.annotations import (
        append_summary,
        changed_registry_lines,
        render_annotations,
        render_summary,
    )

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    if summary_file is not None:
        output_file(summary_file, lang)
    changed: dict[str, set[int]] = {}
    if base_ref is not None:
        try:
            changed = changed_registry_lines(registry_root, base_ref)
        except GitError as error:
            _fail(error.message_ja, error.message_en, lang)
    options = ValidateOptions(
        use_cache=not no_cache, notify=lambda notice: click.echo(notice.render(lang), err=True)
    )
    if as_of is not None:
        options.as_of = as_of.date()
    report = validate(registry_root, options)
    click.echo(render_annotations(report, changed, lang), nl=False)
    target = summary_file
    if target is None and os.environ.get("GITHUB_STEP_SUMMARY"):
        target = Path(os.environ["GITHUB_STEP_SUMMARY"])
    if target is not None:
        append_summary(target, render_summary(report, changed, lang))
    failed = bool(report.errors) or (strict and bool(report.warnings))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@command(
    "change-kind",
    help_ja="""BASE と HEAD の分岐点からの変更が都道府県のフォルダ（registry/prefectures/NN-romaji/
    と生成される .github/CODEOWNERS）だけなら `data`、そうでなければ `code` を出力し、code に
    した理由のパスを標準エラーに示します。プルリクエストのワークフローは code のときだけテストを
    実行します。
    """,
)
@option(
    "--base",
    "--revision",
    "base_ref",
    required=True,
    help="The branch (revision) the change goes into.",
    help_ja=BASE_HELP_JA,
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def change_kind(base_ref: str, root: Path | None, lang: str | None) -> None:
    """Print `data` when the change since the merge base of BASE and HEAD touches only
    prefecture folders (registry/prefectures/NN-romaji/, and the generated .github/CODEOWNERS),
    else `code`, naming the paths that make it code on stderr. A pull request's workflow runs
    the tests only for code."""
    from renkei.revisions.git import GitError
    from renkei.workflow.change_kind import CODE, change_kind, code_paths_message

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    try:
        kind, code_paths = change_kind(registry_root, base_ref)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    if kind == CODE:
        message_ja, message_en = code_paths_message(code_paths)
        click.echo(message_ja if lang == "ja" else message_en, err=True)
    click.echo(kind)


@command(
    help_ja="""ファイルが改行で終わること、行末に空白がないこと（Markdown は除く）、YAML・CSV・
    JSON に BOM がないことを確かめます。都道府県の YAML の出典 URL が出典の一覧
    （registry/SOURCES.md）にないときは警告します。PATHS を省くと、レジストリの registry/
    フォルダのすべてのファイルを調べます。ファイルは読むだけで、失敗するのはエラーのときだけです。
    """
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT_OPTION
@LANG_OPTION
@guarded
def hygiene(paths: tuple[Path, ...], root: Path | None, lang: str | None) -> None:
    """Check that files end with a newline, have no trailing spaces (markdown excepted) and,
    for YAML, CSV and JSON, no byte order mark; warn about a source URL of a prefecture's YAML
    file that registry/SOURCES.md does not list. Without PATHS, every file of the registry's
    registry/ folder is checked. Files are only read; only errors fail."""
    from renkei.workflow.hygiene import check_files, registry_files

    lang = lang or default_lang()
    targets = list(paths) if paths else registry_files(resolve_root(root, lang))
    problems = check_files(targets)
    for problem in problems:
        click.echo(problem.render(lang))
    failed = any(problem.severity == "error" for problem in problems)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
