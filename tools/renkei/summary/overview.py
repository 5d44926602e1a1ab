"""A short overview of what the registry holds (for `renkei validate --summary`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from renkei.registry.layout import PLATFORMS_FILE, VISION_FILE, prefecture_folders
from renkei.registry.loaders.csv_loader import load_csv_bytes
from renkei.registry.loaders.text import DEFAULT_LIMITS
from renkei.registry.loaders.yaml_data import load_yaml_data
from renkei.registry.safe_files import read_if_safe


@dataclass
class Overview:
    """The registry's counts for `validate --summary`."""

    prefectures: int = 0
    platform_status: Counter[str] = field(default_factory=Counter)
    #: Platforms by `provenance`: compiled from public sources, or submitted by the prefecture.
    platform_provenance: Counter[str] = field(default_factory=Counter)
    vision_status: Counter[str] = field(default_factory=Counter)
    municipalities: int = 0
    answered: int = 0


def overview(root: Path) -> Overview:
    """Count prefectures, platforms and visions by status, and municipalities' answers."""
    result = Overview()
    for folder in prefecture_folders(root):
        result.prefectures += 1
        platforms = _yaml(folder.path / PLATFORMS_FILE)
        if isinstance(platforms, dict) and isinstance(platforms.get("platforms"), list):
            for platform in platforms["platforms"]:
                if isinstance(platform, dict):
                    result.platform_status[str(platform.get("status", "unknown"))] += 1
                    provenance = platform.get("provenance")
                    result.platform_provenance[
                        provenance if isinstance(provenance, str) else "not_stated"
                    ] += 1
        vision = _yaml(folder.path / VISION_FILE)
        if isinstance(vision, dict):
            result.vision_status[str(vision.get("status", "unknown"))] += 1
        data = read_if_safe(folder.path / "municipalities.csv", DEFAULT_LIMITS.max_file_size)
        if data is not None:
            table, _ = load_csv_bytes(data, "municipalities.csv")
            if table is not None and "answer_status" in table.header:
                column = table.header.index("answer_status")
                for row in table.rows:
                    result.municipalities += 1
                    if len(row.cells) > column and row.cells[column] == "answered":
                        result.answered += 1
    return result


def _yaml(path: Path) -> object:
    data = read_if_safe(path, DEFAULT_LIMITS.max_file_size)
    if data is None:
        return None
    document, _ = load_yaml_data(data, path.name)  # values only: the positions are never used
    return document


PLATFORM_LABELS = {
    "planned": ("計画中", "planned"),
    "building": ("構築中", "building"),
    "operating": ("運用中", "operating"),
    "to_be_retired": ("廃止予定", "to be retired"),
    "retired": ("廃止済", "retired"),
    "unknown": ("不明", "unknown"),
}
PROVENANCE_LABELS = {
    "prefecture_submission": ("都道府県の提出", "submitted by the prefecture"),
    "public_sources": ("公開情報から収集", "compiled from public sources"),
    "not_stated": ("出所の記載なし", "provenance not stated"),
}
VISION_LABELS = {
    "adopted": ("策定済", "adopted"),
    "draft": ("案", "draft"),
    "not_registered": ("未登録", "not registered"),
}


def _counts(counter: Counter[str], labels: dict[str, tuple[str, str]], lang: str) -> str:
    index = 0 if lang == "ja" else 1
    sep = "、" if lang == "ja" else ", "
    parts = [
        f"{labels.get(key, (key, key))[index]} {counter[key]}" for key in labels if counter.get(key)
    ]
    return sep.join(parts) or "-"


def render_overview(data: Overview, lang: str) -> str:
    """The overview as a few lines of text in the message language."""
    platforms = sum(data.platform_status.values())
    facts = _counts(data.platform_provenance, PROVENANCE_LABELS, lang)
    if lang == "ja":
        return (
            "レジストリの概要\n"
            f"  都道府県: {data.prefectures}\n"
            f"  データ連携基盤: {platforms}（{_counts(data.platform_status, PLATFORM_LABELS, lang)}）\n"
            + (f"  基盤の情報の出所: {facts}\n" if platforms else "")
            + f"  共同利用ビジョン: {_counts(data.vision_status, VISION_LABELS, lang)}\n"
            f"  市区町村の回答: {data.answered} / {data.municipalities}\n"
        )
    return (
        "Registry overview\n"
        f"  prefectures: {data.prefectures}\n"
        f"  platforms: {platforms} ({_counts(data.platform_status, PLATFORM_LABELS, lang)})\n"
        + (f"  platform facts: {facts}\n" if platforms else "")
        + f"  visions: {_counts(data.vision_status, VISION_LABELS, lang)}\n"
        f"  municipal answers: {data.answered} / {data.municipalities}\n"
    )
