"""`renkei docs`: docs/cli.md and docs/errors.md, generated from the code."""

from __future__ import annotations

import click

from renkei.cli.bilingual import BilingualGroup


@click.group(cls=BilingualGroup, help_ja="コードからドキュメントを作ります。")
def docs() -> None:
    """Generate documentation from the code."""


@docs.command("cli", help_ja="コマンド一覧 docs/cli.md（英語と日本語）を出力します。")
def docs_cli() -> None:
    """Print docs/cli.md, the command reference (in English and Japanese)."""
    from renkei.cli.doc import render_cli_doc

    root = click.get_current_context().find_root().command
    assert isinstance(root, click.Group)  # the `renkei` group
    click.echo(render_cli_doc(root), nl=False)


@docs.command("errors", help_ja="指摘の一覧 docs/errors.md を出力します。")
def docs_errors() -> None:
    """Print docs/errors.md, the finding catalogue."""
    from renkei.cli.errors_doc import render_errors_doc

    click.echo(render_errors_doc(), nl=False)
