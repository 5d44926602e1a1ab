"""The survey workbook's read-only vision sheet: the prefecture's vision.yaml as rows of item
and content, in Japanese and English, named by the vision schema's titles and the reference
tables' labels (`renkei.registry.display_labels`), as the vision page shows them. The vision is
edited in vision.yaml; `renkei import-xlsx` leaves this sheet aside."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from itertools import zip_longest
from typing import Any

from renkei.registry.display_labels import DisplayLabels
from renkei.registry.machine_readability import tabular_text
from renkei.workbook.book import BookSheet, read_only_sheet

#: The sheet's name.
VISION_SHEET = "vision"
#: Its columns, as Table Schema fields (their titles are the headers).
VISION_FIELDS: list[dict[str, Any]] = [
    {"name": "item", "title": "項目", "description": "ビジョンの項目 / The vision's item"},
    {"name": "content", "title": "内容", "description": "その内容 / Its content"},
    {"name": "item_en", "title": "項目（英語）", "description": "The item in English"},
    {"name": "content_en", "title": "内容（英語）", "description": "The content in English"},
]
#: Keys of vision.yaml that describe the file, not the vision.
_FILE_KEYS = frozenset(("schema_version",))


def vision_rows(labels: DisplayLabels, vision: Mapping[str, Any]) -> list[list[str]]:
    """The rows of VISION: each top-level item, nested values as one row per sub-item."""
    rows: list[list[str]] = []
    for key, value in vision.items():
        if key in _FILE_KEYS:
            continue
        ja = labels.rows("vision", key, value, "ja")
        en = labels.rows("vision", key, value, "en")
        for (item, content), (item_en, content_en) in zip_longest(ja, en, fillvalue=("", "")):
            rows.append([tabular_text(t) for t in (item, content, item_en, content_en)])
    return rows


def vision_sheet(
    labels: DisplayLabels,
    vision: Mapping[str, Any] | None,
    platforms: Iterable[Mapping[str, Any]] = (),
) -> BookSheet | None:
    """The vision sheet, or None when the folder has no readable vision; a platform it names
    is shown by its name from PLATFORMS (platforms.yaml's entries) and id."""
    if not vision:
        return None
    names = {str(p["id"]): str(p["name"]) for p in platforms if p.get("id") and p.get("name")}
    named = replace(labels, platform_names={**labels.platform_names, **names})
    return read_only_sheet(VISION_SHEET, VISION_FIELDS, vision_rows(named, vision))
