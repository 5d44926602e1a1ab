"""The `renkei` group itself: its --version and --debug options and its help text. The command
modules define the commands; `renkei.cli` adds them to this group."""

from __future__ import annotations

import click

from renkei import __version__


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
