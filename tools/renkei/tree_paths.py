"""Paths read from Git objects are checked before use: a crafted tree can hold names that Git
refuses to check out (`..`, `/abs`, `a\\b`, `.`) and links or submodules where files belong."""

from __future__ import annotations

from renkei.safe_files import UnsafeFile

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"


class UnsafeTreePath(UnsafeFile):
    """A path that is absolute, climbs, or is not written in normal form."""

    code = "P020"


class LinkInTree(UnsafeFile):
    """A symbolic link or submodule where a file belongs."""

    code = "P021"


def path_problem(path: str) -> tuple[str, str] | None:
    """Why a path from a Git tree is unsafe (English, Japanese), or None for a plain relative
    path."""
    if not path:
        return "empty path", "空のパス"
    if "\\" in path:
        return "backslash", "バックスラッシュ"
    if path.startswith("/"):
        return "absolute path", "絶対パス"
    if "\0" in path:
        return "NUL character", "NUL 文字"
    for part in path.split("/"):
        if part == "":
            return "empty part", "空の要素"
        if part in (".", ".."):
            return f"'{part}' part", f"「{part}」の要素"
    return None


def check_tree_entry(path: str, mode: str, kind: str) -> None:
    """Raise unless the entry is a regular file (or executable file) at a plain relative path."""
    problem = path_problem(path)
    if problem is not None:
        raise UnsafeTreePath(path, path=path, reason=problem[0], reason_ja=problem[1])
    if mode == SYMLINK_MODE:
        raise LinkInTree(
            path,
            path=path,
            kind="symbolic link (mode 120000)",
            kind_ja="シンボリックリンク（モード 120000）",
        )
    if mode == GITLINK_MODE or kind == "commit":
        raise LinkInTree(
            path,
            path=path,
            kind="submodule (gitlink, mode 160000)",
            kind_ja="サブモジュール（gitlink、モード 160000）",
        )
