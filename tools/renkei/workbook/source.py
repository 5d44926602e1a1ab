"""The prefecture's current data, read strictly, as the workbook sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renkei.registry.layout import PLATFORMS_FILE, PREFECTURES_DIR, TABLES, VISION_FILE
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.loaders.yaml_loader import load_yaml_bytes
from renkei.registry.safe_files import read_limited


class SourceUnreadable(Exception):
    """A registry file of the prefecture does not parse; fix it before exporting or importing."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file, self.reason = file, reason


@dataclass
class PrefectureData:
    """A prefecture folder as the workbook sees it: platforms.yaml's document and each CSV
    table's header and rows."""

    folder: str
    path: Path
    platforms_document: dict[str, Any]
    tables: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)
    #: vision.yaml's document (None when it cannot be read: `renkei validate` says why).
    vision: dict[str, Any] | None = None

    @property
    def platforms(self) -> list[dict[str, Any]]:
        """The platform mappings of platforms.yaml (anything else in the list is left out)."""
        platforms = self.platforms_document.get("platforms")
        return [p for p in platforms if isinstance(p, dict)] if isinstance(platforms, list) else []


def read_prefecture(root: Path, folder: str) -> PrefectureData:
    """Read a prefecture folder's platforms.yaml and CSV tables (through the safe reader);
    `SourceUnreadable` when one cannot be read or parsed."""
    base = root / PREFECTURES_DIR / folder
    display = f"{PREFECTURES_DIR.as_posix()}/{folder}"
    try:
        raw = read_limited(base / PLATFORMS_FILE, DEFAULT_LIMITS.max_file_size, root=root)
    except OSError as error:
        raise SourceUnreadable(f"{display}/{PLATFORMS_FILE}", str(error)) from error
    document, findings = load_yaml_bytes(raw, f"{display}/{PLATFORMS_FILE}")
    if document is None or not isinstance(document.data, dict):
        reason = findings[0].message_en if findings else "not a mapping"
        raise SourceUnreadable(f"{display}/{PLATFORMS_FILE}", reason)
    data = PrefectureData(folder, base, document.data)
    for filename, table in TABLES.items():
        try:
            raw = read_limited(base / filename, DEFAULT_LIMITS.max_file_size, root=root)
        except OSError as error:
            raise SourceUnreadable(f"{display}/{filename}", str(error)) from error
        parsed, findings = load_csv_bytes(raw, f"{display}/{filename}")
        if parsed is None:
            reason = findings[0].message_en if findings else "unreadable"
            raise SourceUnreadable(f"{display}/{filename}", reason)
        data.tables[table] = (list(parsed.header), [list(r.cells) for r in parsed.rows])
    data.vision = _vision(root, base, f"{display}/{VISION_FILE}")
    return data


def _vision(root: Path, base: Path, display: str) -> dict[str, Any] | None:
    try:
        raw = read_limited(base / VISION_FILE, DEFAULT_LIMITS.max_file_size, root=root)
    except OSError:
        return None
    document, _ = load_yaml_bytes(raw, display)
    if document is None or not isinstance(document.data, dict):
        return None
    return document.data


def platform_cell_text(value: Any) -> str:
    """A scalar platform field as the text the workbook shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)
