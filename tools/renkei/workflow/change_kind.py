"""Whether a pull request changes data only or code too: what the checks of a pull request
depend on.

A data change touches only prefecture folders (registry/prefectures/NN-romaji/), plus the
CODEOWNERS file generated from them: the data checks (validate, diff, scope, codeowners,
hygiene) judge it completely, and the tests, which never read the shipped data, cannot change
their result. Anything else (schemas, reference data, tools, tests, workflows, documentation)
is a code change, and the tests run too.
"""

from __future__ import annotations

from pathlib import Path

from renkei.workflow.scope import Scope, change_scope

DATA = "data"
CODE = "code"


def kind_of_scope(scope: Scope) -> str:
    """`data` when nothing outside the prefecture folders (and generated files) changed."""
    return CODE if scope.core else DATA


def change_kind(root: Path, base_ref: str) -> tuple[str, list[str]]:
    """The kind of everything changed since the merge base of `base_ref` and HEAD (committed
    or not), and the paths that make it code. Raises `GitError` for an unknown ref."""
    scope = change_scope(root, base_ref)
    return kind_of_scope(scope), scope.core


def code_paths_message(code_paths: list[str]) -> tuple[str, str]:
    """The note (Japanese, English) naming the first paths that make a change code."""
    shown = ", ".join(code_paths[:5]) + (" …" if len(code_paths) > 5 else "")
    return (
        f"都道府県フォルダの外の変更があります: {shown}",
        f"changes outside the prefecture folders: {shown}",
    )
