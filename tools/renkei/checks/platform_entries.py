"""The platforms of platforms.yaml as the principle and vision checks see them: each entry
with its index and status, and the status groups the checks use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from renkei.registry.loaders.yaml_loader import YamlDocument

ACTIVE = frozenset({"planned", "building", "operating"})
RUNNING = frozenset({"operating", "to_be_retired"})
ENDING = frozenset({"to_be_retired", "retired"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One platform of platforms.yaml: its index in the list and its mapping."""

    index: int
    data: dict[str, Any]

    @property
    def id(self) -> str:
        """The platform's id, or `#index` when it has none."""
        value = self.data.get("id")
        return value if isinstance(value, str) else f"#{self.index}"

    @property
    def status(self) -> str:
        """The platform's status (`unknown` when not given)."""
        return str(self.data.get("status", "unknown"))


def platform_entries(document: YamlDocument | None) -> list[Entry]:
    """The platforms of a platforms.yaml document that are mappings (none when there is no
    document)."""
    if document is None or not isinstance(document.data, dict):
        return []
    items = document.data.get("platforms")
    if not isinstance(items, list):
        return []
    return [Entry(i, p) for i, p in enumerate(items) if isinstance(p, dict)]


def vision_items(vision: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The mappings in the vision's list `key` (none when it is missing or not a list)."""
    value = vision.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
