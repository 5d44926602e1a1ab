"""Where things live in a registry checkout, and how renkei finds the registry root."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

PREFECTURES_DIR = Path("registry") / "prefectures"
SCHEMAS_DIR = Path("schemas")

PREFECTURE_FILE = "prefecture.yaml"
PLATFORMS_FILE = "platforms.yaml"
VISION_FILE = "vision.yaml"
SURVEYS_FILE = "surveys.yaml"
DATAPACKAGE_FILE = "datapackage.yaml"
YAML_FILES = (PREFECTURE_FILE, PLATFORMS_FILE, VISION_FILE)
#: YAML files a prefecture folder may hold or leave out (a folder without them is valid).
OPTIONAL_YAML_FILES = (SURVEYS_FILE,)

#: CSV resources of each prefecture's data package: file name → Table Schema name.
TABLES = {
    "municipalities.csv": "municipalities",
    "municipal-platforms.csv": "municipal-platforms",
    "services.csv": "services",
    "data-assets.csv": "data-assets",
    "kpis.csv": "kpis",
}
REQUIRED_FILES = (*YAML_FILES, DATAPACKAGE_FILE, *TABLES)
#: Every data file a prefecture folder may hold: the required ones, then the optional ones.
DATA_FILES = (*REQUIRED_FILES, *OPTIONAL_YAML_FILES)
#: Files a prefecture folder may also hold (documentation for its maintainers).
ALLOWED_EXTRA = frozenset({"README.md"})

FOLDER_PATTERN = re.compile(r"^(?P<code>[0-9]{2})-(?P<romaji>[a-z]+)\Z")


class RootNotFound(Exception):
    """No registry root in the directory or any parent."""


def is_root(path: Path) -> bool:
    """True when PATH holds registry/prefectures and schemas (a registry root)."""
    return (path / PREFECTURES_DIR).is_dir() and (path / SCHEMAS_DIR).is_dir()


def find_root(start: Path) -> Path:
    """The nearest directory at or above `start` holding registry/prefectures and schemas."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if is_root(candidate):
            return candidate
    raise RootNotFound(str(start))


@dataclass(frozen=True, slots=True)
class PrefectureFolder:
    """A folder under registry/prefectures, by registry root and folder name."""

    root: Path
    name: str

    @property
    def path(self) -> Path:
        """The folder on disk."""
        return self.root / PREFECTURES_DIR / self.name

    @property
    def relative(self) -> str:
        """The folder's path from the registry root, with slashes."""
        return f"{PREFECTURES_DIR.as_posix()}/{self.name}"

    def display(self, filename: str) -> str:
        """FILENAME's path from the registry root, as findings show it."""
        return f"{self.relative}/{filename}"

    @property
    def code(self) -> str | None:
        """The prefecture code the folder name starts with, or None."""
        match = FOLDER_PATTERN.match(self.name)
        return match["code"] if match else None


def prefecture_folders(root: Path) -> list[PrefectureFolder]:
    """The prefecture folders of the registry at ROOT, sorted by name (links and
    hidden entries left out)."""
    base = root / PREFECTURES_DIR
    return [
        PrefectureFolder(root, entry.name)
        for entry in sorted(base.iterdir(), key=lambda e: e.name)
        if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith(".")
    ]


def linked_folders(root: Path) -> list[str]:
    """Entries of registry/prefectures that are symbolic links (reported, never followed)."""
    base = root / PREFECTURES_DIR
    return sorted(entry.name for entry in base.iterdir() if entry.is_symlink())


def within(root: Path, path: Path) -> Path | None:
    """`path` relative to `root`, without following links inside the registry (a linked folder
    stays where it is); None when it lies outside. A root reached through a linked parent
    directory still matches."""
    normal = Path(os.path.normpath(path.absolute()))
    for base in (root, root.resolve()):
        for candidate in (
            normal,
            Path(os.path.normpath(Path(os.path.realpath(normal.parent)) / normal.name)),
        ):
            try:
                return candidate.relative_to(base)
            except ValueError:
                continue
    return None


def folder_of(root: Path, path: Path) -> PrefectureFolder | None:
    """The prefecture folder a path lies in, or None for a path outside every folder."""
    inside = within(root, path)
    if inside is None:
        return None
    try:
        relative = inside.relative_to(PREFECTURES_DIR)
    except ValueError:
        return None
    if not relative.parts:
        return None
    return PrefectureFolder(root, relative.parts[0])
