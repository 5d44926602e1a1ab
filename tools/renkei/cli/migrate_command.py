"""`renkei migrate`: rewrite the registry's platforms.yaml files written for an earlier model
into the current one (the former `counts` becomes `components`, GB3 §4.2). Idempotent."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from renkei.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    LANG_OPTION,
    ROOT_OPTION,
    default_lang,
    guarded,
    resolve_root,
)


@click.command()
@ROOT_OPTION
@LANG_OPTION
@click.option("--dry-run", is_flag=True, help="Only list the files that would change.")
@guarded
def migrate(root: Path | None, lang: str | None, dry_run: bool) -> None:
    """Rewrite platforms.yaml files into the current model: a platform's former `counts`
    becomes `components` (counts: unknown → components: unknown; a count of 1 or more → true,
    0 → false). The area's numbers (vision.yaml area_inventory) are never derived from it.

    Comments and the other keys are kept; a changed file is written atomically, an unchanged
    one is not touched, and running it again changes nothing. Exit 1 when a file cannot be
    migrated (it is left as it was).
    """
    from renkei.registry.migration import migrate_registry

    lang = lang or default_lang()
    registry_root = resolve_root(root, lang)
    result = migrate_registry(registry_root, write=not dry_run)
    verb = "would rewrite" if dry_run else "rewrote"
    for path in result.changed:
        click.echo(f"{verb} {path}")
    for path, detail in result.problems:
        click.echo(f"{path}: not migrated: {detail}", err=True)
    click.echo(
        f"{len(result.changed)} file(s) {'to rewrite' if dry_run else 'rewritten'}, "
        f"{result.unchanged} already current, {len(result.problems)} not migrated"
    )
    sys.exit(EXIT_FINDINGS if result.problems else EXIT_OK)
