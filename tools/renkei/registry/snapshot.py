"""The registry's content at one revision, parsed into entities keyed by identity.

Platforms are keyed by id, CSV rows by their Table Schema's primary key, the vision and the
prefecture by their top-level keys. A file that cannot be parsed is recorded as unreadable; the
rest of the snapshot is still read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from renkei.registry.layout import (
    PLATFORMS_FILE,
    PREFECTURE_FILE,
    SURVEYS_FILE,
    TABLES,
    VISION_FILE,
)
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.loaders.yaml_data import load_yaml_data

PREFECTURES_PREFIX = "registry/prefectures/"
TABLE_SCHEMAS_PREFIX = "schemas/tables/"


@dataclass
class PrefectureState:
    """One prefecture folder as parsed at a revision: its documents and tables."""

    folder: str
    prefecture: dict[str, Any] | None = None
    platforms: dict[str, dict[str, Any]] = field(default_factory=dict)
    vision: dict[str, Any] | None = None
    #: surveys.yaml (optional; None when the folder has none).
    surveys: dict[str, Any] | None = None
    tables: dict[str, dict[tuple[str, ...], dict[str, str]]] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    @property
    def code(self) -> str:
        """The prefecture code the folder name starts with."""
        return self.folder.split("-", 1)[0]

    @property
    def name(self) -> str:
        """The prefecture's name from prefecture.yaml (the folder name without one)."""
        name = self.prefecture.get("name") if self.prefecture else None
        return name if isinstance(name, str) else self.folder


@dataclass
class RegistryState:
    """Every prefecture folder of a revision, and its schemas."""

    prefectures: dict[str, PrefectureState] = field(default_factory=dict)
    schemas: dict[str, bytes] = field(default_factory=dict)


def _primary_keys(files: dict[str, bytes]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for table in TABLES.values():
        data = files.get(f"{TABLE_SCHEMAS_PREFIX}{table}.json")
        try:
            schema = json.loads(data) if data else {}
            keys[table] = list(schema.get("primaryKey") or [])
        except ValueError:
            keys[table] = []
    return keys


def parse_snapshot(
    files: dict[str, bytes], only: set[str] | None = None, too_large: dict[str, int] | None = None
) -> RegistryState:
    """Parse the files of a snapshot; `only` limits it to some prefecture folders. Files in
    `too_large` (path → size; never read) are recorded as unreadable."""
    state = RegistryState(schemas={p: d for p, d in files.items() if p.startswith("schemas/")})
    keys = _primary_keys(files)
    for path, size in sorted((too_large or {}).items()):
        place = _place(path, only)
        if place is not None:
            folder, filename = place
            pref = state.prefectures.setdefault(folder, PrefectureState(folder))
            pref.unreadable[filename] = f"The file is too large ({size:,} bytes); it was not read."
    for path in sorted(files):
        place = _place(path, only)
        if place is None:
            continue
        folder, filename = place
        pref = state.prefectures.setdefault(folder, PrefectureState(folder))
        _read_file(pref, path, filename, files[path], keys)
    return state


def _place(path: str, only: set[str] | None) -> tuple[str, str] | None:
    """(folder, file name) of a prefecture file, or None outside the folders asked for."""
    if not path.startswith(PREFECTURES_PREFIX):
        return None
    parts = path[len(PREFECTURES_PREFIX) :].split("/")
    if len(parts) != 2 or (only is not None and parts[0] not in only):
        return None
    return parts[0], parts[1]


def _read_file(
    pref: PrefectureState,
    path: str,
    filename: str,
    data: bytes,
    keys: dict[str, list[str]],
) -> None:
    if filename in (PREFECTURE_FILE, PLATFORMS_FILE, VISION_FILE, SURVEYS_FILE):
        # Data only: a snapshot reports no finding of its own (the checks read the positions).
        content, findings = load_yaml_data(data, path)
        if not isinstance(content, dict):
            pref.unreadable[filename] = findings[0].message_en if findings else "not a mapping"
            return
        if filename == PREFECTURE_FILE:
            pref.prefecture = content
        elif filename == VISION_FILE:
            pref.vision = content
        elif filename == SURVEYS_FILE:
            pref.surveys = content
        else:
            platforms = content.get("platforms")
            if not isinstance(platforms, list):
                pref.unreadable[filename] = "platforms is not a list"
                return
            for index, platform in enumerate(platforms):
                if isinstance(platform, dict):
                    key = platform.get("id")
                    pref.platforms[key if isinstance(key, str) else f"#{index}"] = platform
        return
    table_name = TABLES.get(filename)
    if table_name is None:
        return
    table, findings = load_csv_bytes(data, path)
    if table is None:
        pref.unreadable[filename] = findings[0].message_en if findings else "unreadable"
        return
    key_columns = [c for c in keys.get(table_name, []) if c in table.header] or table.header[:1]
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for row in table.rows:
        values = dict(zip(table.header, row.cells, strict=False))
        rows[tuple(values.get(c, "") for c in key_columns)] = values
    pref.tables[table_name] = rows
