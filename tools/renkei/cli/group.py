"""The `renkei` group itself: its --version, --debug and --lang options and its help text. The
command modules define the commands; `renkei.cli` adds them to this group."""

from __future__ import annotations

import click

from renkei import __version__
from renkei.cli.bilingual import BilingualGroup, option
from renkei.cli.language import japanese


def _print_version(context: click.Context, value: bool) -> None:
    """--version: the version in the run's language, then exit."""
    if not value or context.resilient_parsing:
        return
    click.echo(
        f"renkei バージョン {__version__}" if japanese() else f"renkei, version {__version__}"
    )
    context.exit()


@click.group(
    cls=BilingualGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    help_ja="renkei: データ連携基盤と共同利用ビジョンのレジストリ。\n\n"
    "表示の言語は --lang ja|en、なければ RENKEI_LANG、なければロケール（LANG=ja_JP.UTF-8 なら"
    "日本語）で決まります。",
)
@option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda context, _parameter, value: _print_version(context, value),
    help="Show the version and exit.",
    help_ja="バージョンを表示して終了します。",
)
@option(
    "--debug",
    is_flag=True,
    help="On an internal error, print the traceback too (also RENKEI_DEBUG=1).",
    help_ja="内部エラーのときトレースバックも表示します（RENKEI_DEBUG=1 でも同じ）。",
)
@option(
    "--lang",
    type=click.Choice(["ja", "en"]),
    default=None,
    help="Language of help and messages for the whole run (also RENKEI_LANG).",
    help_ja="この実行のヘルプとメッセージの言語（RENKEI_LANG でも指定できます）。",
)
def main(debug: bool, lang: str | None) -> None:
    """renkei: the registry of data collaboration platforms (データ連携基盤) and shared-use
    visions (共同利用ビジョン).

    The language is --lang ja|en, else RENKEI_LANG, else the locale (Japanese under
    LANG=ja_JP.UTF-8)."""
