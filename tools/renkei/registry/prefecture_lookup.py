"""Finding the prefecture a user means: by code (`13`), folder (`13-tokyo`), romaji (`tokyo`)
or name (`東京都`), from the reference list."""

from __future__ import annotations

from pathlib import Path

from renkei.registry.reference import Reference


class UnknownPrefecture(ValueError):
    """A prefecture named on the command line that the reference list does not hold."""


def find_prefecture(root: Path, text: str) -> str | None:
    """The folder a user means by "13", "13-tokyo", "tokyo" or "東京都"; None if none."""
    for prefecture in Reference(root).prefectures.values():
        names = {
            prefecture.prefecture_code,
            prefecture.folder,
            prefecture.prefecture_id,
            prefecture.name,
        }
        if text in names or text.lstrip("0") == prefecture.prefecture_code.lstrip("0"):
            return prefecture.folder
    return None
