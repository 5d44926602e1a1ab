"""`renkei docs`: docs/cli.md and docs/errors.md, generated from the code."""

from __future__ import annotations

import click


@click.group()
def docs() -> None:
    """Generate documentation from the code."""


@docs.command("cli")
def docs_cli() -> None:
    """Print docs/cli.md, the command reference."""
    from renkei.cli.doc import render_cli_doc

    root = click.get_current_context().find_root().command
    assert isinstance(root, click.Group)  # the `renkei` group
    click.echo(render_cli_doc(root), nl=False)


@docs.command("errors")
def docs_errors() -> None:
    """Print docs/errors.md, the finding catalogue."""
    from renkei.cli.errors_doc import render_errors_doc

    click.echo(render_errors_doc(), nl=False)
