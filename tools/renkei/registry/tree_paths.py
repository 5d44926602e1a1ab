"""Paths read from Git objects are checked before use: a crafted tree can hold names that Git
refuses to check out (`..`, `/abs`, `a\\b`, `.`) and links or submodules where files belong."""

from __future__ import annotations

from renkei.findings import codes
from renkei.registry.safe_files import UnsafeFile

SYMLINK_MODE = "120000"
GITLINK_MODE = "160000"


class UnsafeTreePath(UnsafeFile):
    """A path that is absolute, climbs, or is not written in normal form."""

    finding_type = codes.P020


class LinkInTree(UnsafeFile):
    """A symbolic link or submodule where a file belongs."""

    finding_type = codes.P021


def path_problem(path: str) -> tuple[str, str] | None:
    """Why a path from a Git tree is unsafe (English, Japanese), or None for a plain relative
    path."""
    if not path:
        return "empty path", "空のパス"
    if "\\" in path:
        return "backslash", "バックスラッシュ"
    if path.startswith("/"):
        return "absolute path", "絶対パス"
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as surrogate escapes
        return "not UTF-8", "UTF-8 ではない"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        return "control character", "制御文字"
    for part in path.split("/"):
        if part == "":
            return "empty part", "空の要素"
        if part in (".", ".."):
            return f"'{part}' part", f"「{part}」の要素"
    return None


def printable(path: str) -> str:
    """The path as it can be shown: bytes that are not UTF-8 and control characters escaped."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def refuse_path(path: str) -> None:
    """Raise `UnsafeTreePath` unless `path` is a plain relative path."""
    problem = path_problem(path)
    if problem is not None:
        shown = printable(path)
        raise UnsafeTreePath(shown, path=shown, reason=problem[0], reason_ja=problem[1])


def check_tree_entry(path: str, mode: str, kind: str) -> None:
    """Raise unless the entry is a regular file (or executable file) at a plain relative path."""
    refuse_path(path)
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
