"""The core commands on the `renkei` group: validate, scaffold, diff, log, summary, bundle,
verify-bundle and docs. The workbook and workflow commands are in their own modules;
`renkei.cli` adds them to the group."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from renkei import __version__
from renkei.cli.options import (
    AS_OF_OPTION,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    LANG_OPTION,
    ROOT_OPTION,
    _fail,
    default_lang,
    guarded,
    missing_file_message,
    output_file,
    output_folder,
    resolve_root,
)

if TYPE_CHECKING:
    import datetime as dt

    from renkei.bundle.build import BundleError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="renkei")
@click.option(
    "--debug",
    is_flag=True,
    help="On an internal error, print the traceback too (also RENKEI_DEBUG=1).",
)
def main(debug: bool) -> None:
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
@click.option("--max-depth", type=click.IntRange(min=1), default=None, help="YAML nesting.")
@click.option(
    "--max-entries", type=click.IntRange(min=1), default=None, help="Values per YAML file."
)
@AS_OF_OPTION
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
    max_depth: int | None,
    max_entries: int | None,
    jobs: int | None,
    as_of: dt.datetime | None,
) -> None:
    """Validate the registry, or only the prefectures that PATHS belong to.

    Layers: parse; JSON Schema and Table Schema; reference data; cross-file. All findings are
    reported, each with file:line:col, a stable code, a message and a fix hint.
    """
    from dataclasses import replace

    from renkei.checks.validate import PathOutsideRegistry, ValidateOptions
    from renkei.checks.validate import validate as run_validate
    from renkei.registry.loaders.text import DEFAULT_LIMITS
    from renkei.report.reporters import REPORTERS

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
    if max_depth is not None:
        limits = replace(limits, max_depth=max_depth)
    if max_entries is not None:
        limits = replace(limits, max_entries=max_entries)
    options = ValidateOptions(
        paths=list(paths),
        use_cache=not no_cache,
        limits=limits,
        strict=strict,
        notify=lambda notice: click.echo(notice.render(lang), err=True),
    )
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
    except SchemaError as error:
        _fail(
            f"スキーマ {error.path} を使えません: {error.detail}",
            f"The schema {error.path} cannot be used: {error.detail}",
            lang,
        )
    except ReferenceDataError as error:
        _fail(
            f"参照データ {error.path} を読めません: {error.detail}",
            f"The reference file {error.path} cannot be read: {error.detail}",
            lang,
        )
    except PathOutsideRegistry as error:
        _fail(
            f"{error} はレジストリ {registry_root} の外にあります。",
            f"{error} is outside the registry {registry_root}.",
            lang,
        )
    click.echo(REPORTERS[output_format].render(report, lang), nl=False)
    if show_summary:
        from renkei.summary.overview import overview, render_overview

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
    from renkei.registry.scaffold import UnknownPrefecture, scaffold_registry

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
    from renkei.revisions.compare import DiffRequest, diff_request, find_prefecture
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

    from renkei.revisions.compare import find_prefecture
    from renkei.revisions.dates import reiwa_label
    from renkei.revisions.git import GitError, open_repo
    from renkei.revisions.history import vision_log

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
    from renkei.escape.terminal import text as show

    for entry in entries:
        when = dt.datetime.fromtimestamp(entry.commit_time, dt.UTC).strftime("%Y-%m-%d %H:%M")
        year = f"{reiwa_label(entry.fiscal_year)} (FY{entry.fiscal_year})"
        click.echo(
            f"{show(entry.folder)}\t{year}\t{show(entry.number)}\t{show(entry.adopted_on)}\t"
            f"{entry.commit[:10]}\t{when}"
        )


@main.command()
@ROOT_OPTION
@LANG_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json", "csv", "svg"]),
    default="text",
    show_default=True,
)
@AS_OF_OPTION
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to a file; markdown also writes the map beside it (NAME.svg).",
)
@guarded
def summary(
    root: Path | None,
    lang: str | None,
    output_format: str,
    as_of: dt.datetime | None,
    output: Path | None,
) -> None:
    """One row per prefecture: status category, types, vision, platforms, principle findings,
    answers; `--format svg` draws the tile map of Japan."""
    from renkei.registry.safe_files import write_atomic
    from renkei.summary.build import national_summary
    from renkei.summary.render import RENDERERS

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    if output is not None:
        output_file(output, lang)
    data = national_summary(registry_root, as_of.date() if as_of else None)
    map_name = output.with_suffix(".svg").name if output else "summary.svg"
    text = RENDERERS[output_format].render(data, lang, map_name)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text)
    click.echo(f"wrote {output}")
    if output_format == "markdown":
        map_path = output.with_suffix(".svg")
        write_atomic(map_path, RENDERERS["svg"].render(data, lang))
        click.echo(f"wrote {map_path}")


@main.command()
@click.argument("prefecture", required=False)
@click.option(
    "--all", "all_prefectures", is_flag=True, help="Every prefecture, plus the national summary."
)
@click.option(
    "--revision", default=None, help="A Git ref to build from (default: the working tree)."
)
@click.option(
    "--fiscal-year", default=None, help="A fiscal year to build from (FY2025, R7, 令和7年度)."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
)
@click.option("--draft", is_flag=True, help="Build even with errors; every file is marked DRAFT.")
@click.option(
    "--tag", is_flag=True, help="Record the submission as tag submitted/NN-romaji/FYyyyy-rN."
)
@click.option(
    "--csv-encoding",
    type=click.Choice(["utf-8", "cp932"]),
    default="utf-8",
    show_default=True,
    help="utf-8 is written with a BOM so Excel opens it.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date that sets the fiscal year of the checks (default: the commit's date, JST); "
    "recorded in the manifest.",
)
@ROOT_OPTION
@LANG_OPTION
@guarded
def bundle(
    prefecture: str | None,
    all_prefectures: bool,
    revision: str | None,
    fiscal_year: str | None,
    out_dir: Path,
    draft: bool,
    tag: bool,
    csv_encoding: str,
    as_of: dt.datetime | None,
    root: Path | None,
    lang: str | None,
) -> None:
    """Build the submission bundle NN-romaji_FYyyyy_rN.zip for PREFECTURE (or --all).

    Exit 1 when the data has errors (they are listed) unless --draft; 2 on a usage error."""
    from renkei.bundle.build import BundleError, BundleOptions, build_all, build_bundle
    from renkei.revisions.compare import find_prefecture
    from renkei.revisions.git import GitError

    lang = lang or default_lang()
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
            failed = [r for r in results if isinstance(r, BundleError)]
            for outcome in results:
                if isinstance(outcome, BundleError):
                    _refused(outcome, lang)
                else:
                    click.echo(f"{outcome.path}  sha256 {outcome.sha256}")
            click.echo(
                f"{len(results) - len(failed)} bundle(s), {len(failed)} refused; national summary in {out_dir}"
            )
            sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
        folder = find_prefecture(registry_root, prefecture or "")
        if folder is None:
            _fail(f"都道府県「{prefecture}」はありません。", f"No prefecture '{prefecture}'.", lang)
        result = build_bundle(registry_root, folder, options)
    except BundleError as error:
        _refused(error, lang)
        sys.exit(EXIT_FINDINGS if error.problems else EXIT_USAGE)
    except GitError as error:
        _fail(error.message_ja, error.message_en, lang)
    click.echo(f"{result.path}  sha256 {result.sha256}")
    source = (
        result.source.label
        if result.source.sha is None
        else f"{result.source.label} ({result.source.short})"
    )
    previous = (
        "none" if result.previous is None else f"{result.previous.label} ({result.previous.short})"
    )
    click.echo(
        f"source: {source}; compared with: {previous}; {result.errors} error(s), {result.warnings} warning(s){'; DRAFT' if result.draft else ''}"
    )


def _refused(error: BundleError, lang: str) -> None:
    """A refused bundle: the findings behind it, then why it was refused."""
    from renkei.escape.terminal import text as show
    from renkei.findings.model import Report
    from renkei.report.reporters import REPORTERS

    if error.problems:
        click.echo(REPORTERS["text"].render(Report(findings=error.problems), lang), nl=False)
    click.echo(f"renkei: {show(error.message(lang))}", err=True)


@main.command("verify-bundle")
@click.argument("bundle_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The registry to rebuild the bundle from (default: found from the current directory "
    "upwards); without one, a notice says the rebuild check was not made.",
)
@LANG_OPTION
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
@guarded
def verify_bundle_command(
    bundle_file: Path, root: Path | None, lang: str | None, output_format: str
) -> None:
    """Check a bundle: safe, undamaged entries, its manifest and hashes, valid data, and the
    same bytes as a rebuild from the commit it names. Exit 1 on any problem."""
    from renkei.bundle.verify import verify_bundle
    from renkei.report.reporters import REPORTERS

    lang = lang or default_lang()
    if not os.path.lexists(bundle_file):
        _fail(*missing_file_message(bundle_file), lang)
    registry_root = resolve_root(root, lang) if root is not None else None
    report = verify_bundle(bundle_file, root=registry_root)
    if output_format == "text" and not report.findings:
        click.echo(
            f"OK: {bundle_file.name}: {report.files_checked} ファイル、ハッシュ一致、データは有効、"
            "コミットから作り直した結果と一致"
            if lang == "ja"
            else f"OK: {bundle_file.name}: {report.files_checked} files, hashes match, data "
            "valid, identical to the rebuild from its commit"
        )
        sys.exit(EXIT_OK)
    click.echo(REPORTERS[output_format].render(report, lang), nl=False)
    sys.exit(EXIT_FINDINGS if report.errors else EXIT_OK)


@main.group()
def docs() -> None:
    """Generate documentation from the code."""


@docs.command("cli")
def docs_cli() -> None:
    """Print docs/cli.md, the command reference."""
    from renkei.cli.doc import render_cli_doc

    click.echo(render_cli_doc(main), nl=False)


@docs.command("errors")
def docs_errors() -> None:
    """Print docs/errors.md, the finding catalogue."""
    from renkei.cli.errors_doc import render_errors_doc

    click.echo(render_errors_doc(), nl=False)
