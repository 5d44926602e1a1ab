"""Who reviews what: `.github/CODEOWNERS` generated from each prefecture's `maintainers` and the
core maintainers listed in `.github/core-maintainers.txt`.

Each prefecture folder is owned by the maintainers its `prefecture.yaml` names; a prefecture
that names none yet falls back to the core maintainers. Everything else (schemas, reference
data, tools, workflows, documentation, this file itself) is owned by the core maintainers.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from renkei.findings.errors import BilingualError
from renkei.registry.layout import PREFECTURE_FILE, PREFECTURES_DIR, prefecture_folders
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.loaders.yaml_loader import load_yaml_bytes
from renkei.registry.safe_files import read_limited, read_text_limited, write_atomic

CODEOWNERS_FILE = Path(".github") / "CODEOWNERS"
CORE_MAINTAINERS_FILE = Path(".github") / "core-maintainers.txt"
#: Same pattern as `maintainers` items in schemas/prefecture.schema.json.
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(/[A-Za-z0-9._-]+)?\Z")
#: Paths owned by the core maintainers, listed explicitly (the `*` line covers the rest).
CORE_PATHS = (
    "/schemas/",
    "/registry/reference/",
    "/tools/",
    "/tests/",
    "/benchmarks/",
    "/.github/",
    "/.pre-commit-config.yaml",
    "/.pre-commit-hooks.yaml",
    "/pyproject.toml",
    "/Makefile",
)


class OwnershipError(BilingualError):
    """A problem with the ownership sources, explained in Japanese and English."""


@dataclass(frozen=True, slots=True)
class Owners:
    """One prefecture folder and the maintainers its prefecture.yaml lists."""

    folder: str
    maintainers: tuple[str, ...]

    @property
    def registered(self) -> bool:
        """True when the folder has maintainers."""
        return bool(self.maintainers)


def read_core_maintainers(root: Path) -> list[str]:
    """Handles from `.github/core-maintainers.txt`: one per line, `#` starts a comment."""
    path = root / CORE_MAINTAINERS_FILE
    try:
        text = read_text_limited(path, root=root)
    except FileNotFoundError as error:
        raise OwnershipError(
            f"{CORE_MAINTAINERS_FILE} is missing: list the core maintainers there, one "
            '"@user" or "@org/team" per line.',
            f"{CORE_MAINTAINERS_FILE} がありません。中心となる担当者を 1 行に 1 つ"
            '（"@user" または "@org/team"）書いてください。',
        ) from error
    except UnicodeDecodeError as error:
        raise OwnershipError(
            f"{CORE_MAINTAINERS_FILE} is not UTF-8.",
            f"{CORE_MAINTAINERS_FILE} が UTF-8 ではありません。",
        ) from error
    handles: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not HANDLE.match(line):
            raise OwnershipError(
                f'{CORE_MAINTAINERS_FILE}:{number}: "{line}" is not a GitHub "@user" or '
                '"@org/team".',
                f'{CORE_MAINTAINERS_FILE}:{number}: 「{line}」は GitHub の "@user" または '
                '"@org/team" ではありません。',
            )
        if line not in handles:
            handles.append(line)
    if not handles:
        raise OwnershipError(
            f"{CORE_MAINTAINERS_FILE} lists no maintainer.",
            f"{CORE_MAINTAINERS_FILE} に担当者が 1 人も書かれていません。",
        )
    return handles


def read_owners(root: Path) -> list[Owners]:
    """The `maintainers` of every prefecture folder, read with the strict YAML loader."""
    owners: list[Owners] = []
    for folder in prefecture_folders(root):
        display = folder.display(PREFECTURE_FILE)
        try:
            data = read_limited(
                folder.path / PREFECTURE_FILE, DEFAULT_LIMITS.max_file_size, root=root
            )
        except FileNotFoundError as error:
            raise OwnershipError(
                f"{display} is missing (renkei scaffold creates it).",
                f"{display} がありません（renkei scaffold で作れます）。",
            ) from error
        document, findings = load_yaml_bytes(data, display)
        maintainers = document.data.get("maintainers") if document is not None else None
        if (
            document is None
            or not isinstance(document.data, dict)
            or not isinstance(maintainers, list)
            or not all(isinstance(m, str) and HANDLE.match(m) for m in maintainers)
        ):
            where = f" ({findings[0].code} line {findings[0].line})" if findings else ""
            raise OwnershipError(
                f"{display}: cannot read a valid maintainers list{where}; run renkei validate "
                f"{display}.",
                f"{display}: 正しい maintainers のリストを読めません{where}。renkei validate "
                f"{display} で確認してください。",
            )
        owners.append(Owners(folder.name, tuple(dict.fromkeys(maintainers))))
    return owners


def render_codeowners(core: list[str], owners: list[Owners]) -> str:
    """The CODEOWNERS text. GitHub applies the last matching line, so the `*` default comes
    first and the prefecture folders after the core paths."""
    core_text = " ".join(core)
    lines = [
        "# Generated by `renkei codeowners` from each prefecture.yaml (maintainers) and",
        f"# {CORE_MAINTAINERS_FILE.as_posix()}. Do not edit: change those files and run",
        "# `renkei codeowners`; `renkei codeowners --check` fails when this file is out of date.",
        "# renkei codeowners が各 prefecture.yaml と core-maintainers.txt から生成します。編集しないでください。",
        "",
        "# Everything not listed below / 下に挙げていないすべて",
        f"* {core_text}",
        "",
        "# Schemas, reference data, tools and workflows / スキーマ・参照データ・ツール・ワークフロー",
    ]
    lines += [f"{path} {core_text}" for path in CORE_PATHS]
    base = PREFECTURES_DIR.as_posix()
    registered = [entry for entry in owners if entry.registered]
    unregistered = [entry for entry in owners if not entry.registered]
    if registered:
        lines += ["", "# Prefecture folders and their maintainers / 都道府県フォルダと担当者"]
        lines += [f"/{base}/{e.folder}/ {' '.join(e.maintainers)}" for e in registered]
    if unregistered:
        lines += [
            "",
            "# Prefecture folders without registered maintainers: the core maintainers",
            "# 担当者が未登録の都道府県フォルダ: 中心の担当者が確認します",
        ]
        lines += [f"/{base}/{e.folder}/ {core_text}" for e in unregistered]
    return "\n".join(lines) + "\n"


def expected_codeowners(root: Path) -> str:
    """The CODEOWNERS text the registry's maintainers call for."""
    return render_codeowners(read_core_maintainers(root), read_owners(root))


def codeowners_status(root: Path) -> tuple[str, str | None]:
    """(expected text, current text or None when the file does not exist)."""
    expected = expected_codeowners(root)
    path = root / CODEOWNERS_FILE
    try:
        current = read_text_limited(path, root=root)
    except (FileNotFoundError, UnicodeDecodeError):
        current = None
    return expected, current


def codeowners_delta(current: str | None, expected: str) -> str:
    """A unified diff from the current CODEOWNERS text (None: no file) to the expected one."""
    name = CODEOWNERS_FILE.as_posix()
    return "".join(
        difflib.unified_diff(
            (current or "").splitlines(keepends=True),
            expected.splitlines(keepends=True),
            f"{name} (current)",
            f"{name} (expected)",
        )
    )


def write_codeowners(root: Path, text: str) -> None:
    """Write .github/CODEOWNERS (its folder made when missing), never through a link."""
    target = root / CODEOWNERS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)
