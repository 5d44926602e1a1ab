"""`renkei diff` (what changed in meaning between two revisions) and `renkei log` (the vision
revisions found in Git history)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from renkei.cli.bilingual import command, option
from renkei.cli.options import (
    AS_OF_OPTION,
    FORMAT_HELP,
    FORMAT_HELP_JA,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    find_prefecture_folder,
    guarded,
    output_file,
    prefecture_folder,
    resolve_root,
    wrote_line,
)


@command(
    help_ja="""2 つのリビジョンの間で意味の上で何が変わったか: [都道府県] [REV [REV]]。

    都道府県は 09、09-tochigi、tochigi、栃木県、またはフォルダのパスです。

    \b
    renkei diff                       HEAD → 作業ツリー（コミットしていない変更）
    renkei diff HEAD~3                HEAD~3 → 作業ツリー（--revision HEAD~3 と同じ）
    renkei diff v2024 HEAD            2 つのリビジョン
    renkei diff origin/main...HEAD    プルリクエスト（分岐点から）
    renkei diff 13 --from FY2024 --to FY2025   年度（R6、令和6年度 も可）
    """
)
@click.argument("args", nargs=-1)
@option(
    "--revision",
    default=None,
    help="Old side: a Git revision (the same as a first REV; the new side is --to or the "
    "working tree).",
    help_ja="比べる元の Git リビジョン（最初の REV と同じ。新しい側は --to または作業ツリー）。",
)
@option(
    "--from",
    "from_spec",
    default=None,
    help="Old side: a ref or a fiscal year.",
    help_ja="元の側: リビジョンまたは年度。",
)
@option(
    "--to",
    "to_spec",
    default=None,
    help="New side (default: the working tree).",
    help_ja="新しい側（既定: 作業ツリー）。",
)
@ROOT_OPTION
@LANG_OPTION
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
@option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to a file instead of standard output.",
    help_ja="標準出力ではなくファイルに書き込みます。",
)
@option(
    "--findings/--no-findings",
    default=True,
    show_default=True,
    help="Also validate both sides and show the findings the change introduces and resolves.",
    help_ja="両方の側を検証し、変更で新たに出た指摘と解消した指摘も示します。",
)
@AS_OF_OPTION
@guarded
def diff(
    args: tuple[str, ...],
    revision: str | None,
    from_spec: str | None,
    to_spec: str | None,
    root: Path | None,
    lang: str | None,
    output_format: str,
    output: Path | None,
    findings: bool,
    as_of: dt.datetime | None,
) -> None:
    """What changed in meaning between two revisions: [PREF] [REV [REV]].

    PREF is 09, 09-tochigi, tochigi, 栃木県 or the folder's path.

    \b
    renkei diff                       HEAD → working tree (uncommitted changes)
    renkei diff HEAD~3                HEAD~3 → working tree (also --revision HEAD~3)
    renkei diff v2024 HEAD            two refs
    renkei diff origin/main...HEAD    a pull request (from the merge base)
    renkei diff 13 --from FY2024 --to FY2025   fiscal years (also R6, 令和6年度)
    """
    from renkei.revisions.compare import DiffRequest, diff_request
    from renkei.revisions.diff_render import RENDERERS
    from renkei.revisions.git import GitError

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    positional = list(args)
    folder = find_prefecture_folder(registry_root, positional[0]) if positional else None
    if folder is not None:
        positional = positional[1:]
    if revision is not None:
        if positional or from_spec is not None:
            _fail(
                "--revision は REV や --from と一緒には使えません。",
                "--revision cannot be combined with a REV or --from.",
                lang,
            )
        positional = [revision]
    if output is not None:
        output_file(output, lang)
    request = DiffRequest(folder, tuple(positional), from_spec, to_spec)
    try:
        result = diff_request(registry_root, request)
        if findings:
            from renkei.workflow.finding_changes import FindingsUnavailable, add_finding_changes

            day = as_of.date() if as_of else dt.date.today()
            try:
                result = add_finding_changes(registry_root, result, day)
            except FindingsUnavailable as notice:
                click.echo(notice.message(lang), err=True)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    use_color = output is None and output_format == "text" and sys.stdout.isatty()
    text = RENDERERS[output_format].render(result, lang, color=use_color)
    if output is not None:
        from renkei.registry.safe_files import write_atomic

        write_atomic(output, text)
        click.echo(wrote_line(output, lang))
    else:
        click.echo(text, nl=False)


@command(
    help_ja="""Git の履歴にあるビジョンの改訂（すべての都道府県、または PREFECTURE）。
    --platform ID では、その基盤の変更の履歴（日付、年度、コミット、変わった項目）を表示します。

    PREFECTURE は 09、09-tochigi、tochigi、栃木県、またはフォルダのパスです。
    """
)
@click.argument("prefecture", required=False)
@ROOT_OPTION
@LANG_OPTION
@option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help=FORMAT_HELP,
    help_ja=FORMAT_HELP_JA,
)
@option(
    "--platform",
    "platform_id",
    default=None,
    help="Show one platform's timeline instead: every change to it in Git history.",
    help_ja="代わりに 1 つの基盤の変更の履歴（Git の履歴にあるすべての変更）を表示します。",
)
@guarded
def log(
    prefecture: str | None,
    root: Path | None,
    lang: str | None,
    output_format: str,
    platform_id: str | None,
) -> None:
    """Vision revisions found in Git history (all prefectures, or PREFECTURE); with
    --platform ID, that platform's timeline (date, fiscal year, commit, what changed).

    PREFECTURE is 09, 09-tochigi, tochigi, 栃木県 or the folder's path."""
    from renkei.revisions.git import GitError, open_repo
    from renkei.revisions.history import vision_log
    from renkei.revisions.log_table import render_log

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    if platform_id is not None:
        if prefecture is not None:
            _fail(
                "--platform と PREFECTURE は一緒には使えません。",
                "--platform cannot be combined with PREFECTURE.",
                lang,
            )
        _platform_log(registry_root, platform_id, lang, output_format)
        return
    folder = None
    if prefecture is not None:
        folder = prefecture_folder(registry_root, prefecture, lang)
    try:
        entries = vision_log(open_repo(registry_root), folder)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    click.echo(render_log(entries, lang, output_format), nl=False)


def _platform_log(root: Path, platform_id: str, lang: str, output_format: str) -> None:
    """`renkei log --platform ID`: the platform's timeline, or a usage error naming similar
    ids when history never recorded it."""
    from renkei.registry.display_labels import DisplayLabels
    from renkei.revisions.git import GitError, open_repo
    from renkei.revisions.history import nearest
    from renkei.revisions.platform_timeline import all_timelines, render_timeline

    try:
        timelines = all_timelines(open_repo(root), DisplayLabels.from_root(root))
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    entries = timelines.get(platform_id)
    if entries is None:
        near = nearest(platform_id, sorted(timelines))
        hint_en = f" Did you mean: {', '.join(near)}?" if near else ""
        hint_ja = f" 候補: {', '.join(near)}" if near else ""
        _fail(
            f"基盤「{platform_id}」は Git の履歴にありません。{hint_ja}",
            f"No platform '{platform_id}' in the Git history.{hint_en}",
            lang,
        )
    click.echo(render_timeline(entries, lang, output_format), nl=False)
