"""`renkei diff` (what changed in meaning between two revisions) and `renkei log` (the vision
revisions found in Git history)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from renkei.cli.options import (
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    output_file,
    resolve_root,
)


@click.command()
@click.argument("args", nargs=-1)
@click.option("--from", "from_spec", default=None, help="Old side: a ref or a fiscal year.")
@click.option("--to", "to_spec", default=None, help="New side (default: the working tree).")
@ROOT_OPTION
@LANG_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@guarded
def diff(
    args: tuple[str, ...],
    from_spec: str | None,
    to_spec: str | None,
    root: Path | None,
    lang: str | None,
    output_format: str,
    output: Path | None,
) -> None:
    """What changed in meaning between two revisions: [PREF] [REV [REV]].

    \b
    renkei diff                       HEAD → working tree (uncommitted changes)
    renkei diff HEAD~3                HEAD~3 → working tree
    renkei diff v2024 HEAD            two refs
    renkei diff origin/main...HEAD    a pull request (from the merge base)
    renkei diff 13 --from FY2024 --to FY2025   fiscal years (also R6, 令和6年度)
    """
    from renkei.registry.prefecture_lookup import find_prefecture
    from renkei.revisions.compare import DiffRequest, diff_request
    from renkei.revisions.diff_render import RENDERERS
    from renkei.revisions.git import GitError

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    positional = list(args)
    folder = find_prefecture(registry_root, positional[0]) if positional else None
    if folder is not None:
        positional = positional[1:]
    if output is not None:
        output_file(output, lang)
    request = DiffRequest(folder, tuple(positional), from_spec, to_spec)
    try:
        result = diff_request(registry_root, request)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    use_color = output is None and output_format == "text" and sys.stdout.isatty()
    text = RENDERERS[output_format].render(result, lang, color=use_color)
    if output is not None:
        from renkei.registry.safe_files import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("prefecture", required=False)
@ROOT_OPTION
@LANG_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@guarded
def log(prefecture: str | None, root: Path | None, lang: str | None, output_format: str) -> None:
    """Vision revisions found in Git history (all prefectures, or PREFECTURE)."""
    from renkei.registry.prefecture_lookup import find_prefecture
    from renkei.revisions.git import GitError, open_repo
    from renkei.revisions.history import vision_log
    from renkei.revisions.log_table import render_log

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    folder = None
    if prefecture is not None:
        folder = find_prefecture(registry_root, prefecture)
        if folder is None:
            _fail(f"都道府県「{prefecture}」はありません。", f"No prefecture '{prefecture}'.", lang)
    try:
        entries = vision_log(open_repo(registry_root), folder)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    click.echo(render_log(entries, lang, output_format), nl=False)
