"""What a change touches: which prefectures' data, and whether tooling too.

A pull request should have one owner group, so that the right people review it: one
prefecture's folder, or the shared files the core maintainers own (schemas, reference data,
tools, workflows, documentation). Generated files that follow from the data (`.github/CODEOWNERS`)
are listed but belong to no group: a maintainer change regenerates CODEOWNERS in the same pull
request, and `renkei codeowners --check` verifies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from renkei.escape.terminal import text as show
from renkei.registry.layout import PREFECTURES_DIR
from renkei.revisions.git import Revision, merge_base, open_repo, resolve, toplevel
from renkei.revisions.git_changes import changed_paths
from renkei.workflow.ownership import CODEOWNERS_FILE

CORE = "core"
GENERATED = frozenset({CODEOWNERS_FILE.as_posix()})


@dataclass
class Scope:
    """What a change touches: per prefecture, the core (everything else) and generated files."""

    base: Revision
    prefectures: dict[str, list[str]] = field(default_factory=dict)
    core: list[str] = field(default_factory=list)
    generated: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[str]:
        """The scopes touched: each prefecture's folder, and `core` when anything else changed."""
        return [*sorted(self.prefectures), *([CORE] if self.core else [])]

    @property
    def multi(self) -> bool:
        """True when the change touches more than one scope."""
        return len(self.groups) > 1

    def to_dict(self) -> dict[str, Any]:
        """The scope as `renkei scope --format json` writes it."""
        return {
            "base": {"label": self.base.label, "sha": self.base.sha},
            "groups": self.groups,
            "multi": self.multi,
            "prefectures": {name: self.prefectures[name] for name in sorted(self.prefectures)},
            "core": self.core,
            "generated": self.generated,
        }


def classify(path: str) -> str | None:
    """The owner group of a path relative to the registry root: a prefecture folder name,
    `core`, or None for a generated file."""
    if path in GENERATED:
        return None
    parts = PurePosixPath(path).parts
    prefix = PREFECTURES_DIR.parts
    if len(parts) > len(prefix) + 1 and parts[: len(prefix)] == prefix:
        return parts[len(prefix)]
    return CORE


def scope_of_paths(base: Revision, paths: list[str]) -> Scope:
    """The scope of the paths a change touches since `base`."""
    scope = Scope(base)
    for path in sorted(paths):
        group = classify(path)
        if group is None:
            scope.generated.append(path)
        elif group == CORE:
            scope.core.append(path)
        else:
            scope.prefectures.setdefault(group, []).append(path)
    return scope


def change_scope(root: Path, base_ref: str) -> Scope:
    """The scope of everything changed since the merge base of `base_ref` and HEAD, committed
    or not. Raises `GitError` for an unknown ref or missing history."""
    repo = open_repo(root)
    base = merge_base(repo, resolve(repo, base_ref), resolve(repo, "HEAD"))
    top = toplevel(repo)
    registry_root = root.resolve()
    relative: list[str] = []
    for path in changed_paths(repo, base):
        absolute = top / path
        try:
            relative.append(absolute.relative_to(registry_root).as_posix())
        except ValueError:
            relative.append(f"../{path}")  # outside the registry root: shared, core-owned
    return scope_of_paths(base, relative)


def render_text(scope: Scope, lang: str) -> str:
    """The scope as text: each prefecture with its file count, then the core paths."""
    ja = lang == "ja"
    lines: list[str] = []
    for name in sorted(scope.prefectures):
        files = scope.prefectures[name]
        lines.append(f"{show(name)}: {len(files)} {'ファイル' if ja else 'file(s)'}")
        lines += [f"  {show(path)}" for path in files]
    if scope.core:
        label = (
            "共通（スキーマ・ツール・ワークフロー・文書）"
            if ja
            else "core (schemas, tools, workflows, docs)"
        )
        lines.append(f"{label}: {len(scope.core)} {'ファイル' if ja else 'file(s)'}")
        lines += [f"  {show(path)}" for path in scope.core]
    if scope.generated:
        label = "生成ファイル（範囲に数えない）" if ja else "generated (not counted)"
        lines.append(f"{label}: {len(scope.generated)} {'ファイル' if ja else 'file(s)'}")
        lines += [f"  {show(path)}" for path in scope.generated]
    groups = show(", ".join(scope.groups))
    if not scope.groups:
        lines.append("範囲: 変更なし" if ja else "scope: no change")
    else:
        lines.append(f"範囲: {groups}" if ja else f"scope: {groups}")
    return "\n".join(lines) + "\n"


def multi_message(scope: Scope) -> tuple[str, str]:
    """(ja, en) explanation of why a change with several owner groups is refused."""
    groups = ", ".join(scope.groups)
    return (
        f"この変更は複数の範囲にまたがります（{groups}）。1 つのプルリクエストでは 1 つの都道府県の"
        "データだけ、またはツール類だけを変更してください。分けられない場合は --allow-multi を付けます"
        "（GitHub ではラベル scope:multi）。",
        f"This change touches several scopes ({groups}). A pull request changes one prefecture's "
        "data, or tooling only. Split it, or pass --allow-multi (on GitHub: the label "
        "scope:multi).",
    )
