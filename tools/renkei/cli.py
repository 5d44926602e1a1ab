"""The `renkei` command: a thin click layer over the library.

Exit codes: 0 valid; 1 findings at error level (or warnings under --strict); 2 usage error or
internal error; 130 interrupted. No command prints a traceback or changes a registry file
unless it says so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from renkei import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

F = TypeVar("F", bound=Callable[..., Any])


def default_lang(environ: dict[str, str] | None = None) -> str:
    """`ja` when the locale (LC_ALL, else LC_MESSAGES, else LANG) is Japanese, else `en`."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def _fail(message_ja: str, message_en: str, lang: str) -> None:
    click.echo(f"renkei: {message_ja if lang == 'ja' else message_en}", err=True)
    sys.exit(EXIT_USAGE)


def guarded(function: F) -> F:
    """Turn any unexpected exception into a one-line error and exit 2, never a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("renkei: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as error:  # the one place that catches everything
            click.echo(
                f"renkei: internal error ({type(error).__name__}: {error}). "
                "Please report it with the command you ran.",
                err=True,
            )
            sys.exit(EXIT_USAGE)

    return wrapper  # type: ignore[return-value]


def resolve_root(root: Path | None, lang: str) -> Path:
    from renkei.layout import RootNotFound, find_root, is_root

    if root is not None:
        if not is_root(root):
            _fail(
                f"{root} はレジストリのルートではありません（registry/prefectures と schemas が必要）。",
                f"{root} is not a registry root (it needs registry/prefectures and schemas).",
                lang,
            )
        return root.resolve()
    try:
        return find_root(Path.cwd())
    except RootNotFound:
        _fail(
            "レジストリが見つかりません。レジストリのフォルダ内で実行するか --root を指定してください。",
            "No registry found here or in any parent directory. Run inside a registry "
            "checkout or pass --root DIR.",
            lang,
        )
        raise  # unreachable


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="Message language (default: from LC_ALL/LANG; ja for ja_*).",
)
ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Registry root (default: found from the current directory upwards).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renkei")
def main() -> None:
    """renkei: the registry of data collaboration platforms (データ連携基盤) and shared-use
    visions (共同利用ビジョン)."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@ROOT_OPTION
@LANG_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--no-cache", is_flag=True, help="Ignore cached results (a cold run).")
@click.option("--summary", "show_summary", is_flag=True, help="Print a registry overview too.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=None, help="Bytes.")
@click.option("--max-rows", type=click.IntRange(min=1), default=None, help="Rows per CSV.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for a cold run (default: CPU cores, at most 4).",
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
    jobs: int | None,
) -> None:
    """Validate the registry, or only the prefectures that PATHS belong to.

    Layers: parse; JSON Schema and Table Schema; reference data; cross-file. All findings are
    reported, each with file:line:col, a stable code, a message and a fix hint.
    """
    from dataclasses import replace

    from renkei.loaders.text import DEFAULT_LIMITS
    from renkei.reporters import REPORTERS
    from renkei.validate import PathOutsideRegistry, ValidateOptions
    from renkei.validate import validate as run_validate

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    for path in paths:
        if not path.exists():
            _fail(f"{path} がありません。", f"{path} does not exist.", lang)
    limits = DEFAULT_LIMITS
    if max_file_size is not None:
        limits = replace(limits, max_file_size=max_file_size)
    if max_rows is not None:
        limits = replace(limits, max_rows=max_rows)
    options = ValidateOptions(paths=list(paths), use_cache=not no_cache, limits=limits)
    if jobs is not None:
        options.jobs = jobs
    try:
        report = run_validate(registry_root, options)
    except PathOutsideRegistry as error:
        _fail(
            f"{error} はレジストリ {registry_root} の外にあります。",
            f"{error} is outside the registry {registry_root}.",
            lang,
        )
    click.echo(REPORTERS[output_format].render(report, lang), nl=False)
    if show_summary:
        from renkei.overview import overview, render_overview

        click.echo(render_overview(overview(registry_root), lang), nl=False)
    failed = bool(report.errors) or (strict and bool(report.warnings))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
@click.argument("prefectures", nargs=-1)
@ROOT_OPTION
@LANG_OPTION
@guarded
def scaffold(prefectures: tuple[str, ...], root: Path | None, lang: str | None) -> None:
    """Create missing prefecture folders and files from the reference list, and rewrite each
    datapackage.yaml from schemas/tables. Existing data files are never touched.

    PREFECTURES are codes (13) or folder names (13-tokyo); none means all 47.
    """
    from renkei.scaffold import UnknownPrefecture, scaffold_registry

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    try:
        written = scaffold_registry(registry_root, list(prefectures))
    except UnknownPrefecture as error:
        _fail(f"都道府県 {error} はありません。", f"No prefecture {error}.", lang)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(written)} file(s) written")


@main.command()
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
    from renkei.compare import DiffRequest, diff_request, find_prefecture
    from renkei.diff_render import RENDERERS
    from renkei.git import GitError

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    positional = list(args)
    folder = find_prefecture(registry_root, positional[0]) if positional else None
    if folder is not None:
        positional = positional[1:]
    request = DiffRequest(folder, tuple(positional), from_spec, to_spec)
    try:
        result = diff_request(registry_root, request)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    use_color = output is None and output_format == "text" and sys.stdout.isatty()
    text = RENDERERS[output_format].render(result, lang, color=use_color)
    if output is not None:
        from renkei.scaffold import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("prefecture", required=False)
@ROOT_OPTION
@LANG_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@guarded
def log(prefecture: str | None, root: Path | None, lang: str | None, output_format: str) -> None:
    """Vision revisions found in Git history (all prefectures, or PREFECTURE)."""
    import datetime as dt
    import json

    from renkei.compare import find_prefecture
    from renkei.dates import reiwa_label
    from renkei.git import GitError, open_repo
    from renkei.history import vision_log

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
    if output_format == "json":
        click.echo(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2))
        return
    if lang == "ja":
        click.echo("都道府県\t年度\t版\t策定日\tコミット\tコミット日時")
    else:
        click.echo("prefecture\tfiscal year\trevision\tadopted\tcommit\tcommit date")
    for entry in entries:
        when = dt.datetime.fromtimestamp(entry.commit_time, dt.UTC).strftime("%Y-%m-%d %H:%M")
        year = f"{reiwa_label(entry.fiscal_year)} (FY{entry.fiscal_year})"
        click.echo(
            f"{entry.folder}\t{year}\t{entry.number}\t{entry.adopted_on}\t"
            f"{entry.commit[:10]}\t{when}"
        )


@main.group()
def docs() -> None:
    """Generate documentation from the code."""


@docs.command("errors")
def docs_errors() -> None:
    """Print docs/errors.md, the finding catalogue."""
    from renkei.errors_doc import render_errors_doc

    click.echo(render_errors_doc(), nl=False)


from renkei.cli_workflow import annotate, codeowners, hygiene, scope  # noqa: E402

for _command in (annotate, codeowners, hygiene, scope):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
