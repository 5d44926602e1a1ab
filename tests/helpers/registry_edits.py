"""Correct edits a prefecture makes to its data, applied to any registry: a new SYNTHETIC
platform, a new SYNTHETIC revision of the vision. They find their place from the data they are
given (never from what the shipped registry says today), so they apply to the shipped registry
whatever it holds, and the result must still validate.

Files are rewritten through YAML (comments are dropped); strings a YAML reader could take for
a number or a date are quoted, and no anchors are written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from renkei.registry.layout import PLATFORMS_FILE, PREFECTURES_DIR, VISION_FILE
from renkei.registry.reference import LocalGovernment, Reference
from renkei.registry.scaffold import VISION_YAML

BANNER = "# SYNTHETIC TEST DATA written by tests/registry_edits.py (not about any real body).\n"
_QUOTED = re.compile(r"[-+]?[0-9._eE:-]+")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if _QUOTED.fullmatch(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(document: dict[str, Any]) -> str:
    return BANNER + yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _prefecture(root: Path, folder: str) -> LocalGovernment:
    return next(p for p in Reference(root).prefectures.values() if p.folder == folder)


def synthetic_platform(root: Path, folder: str, platform_id: str) -> dict[str, Any]:
    """A complete, valid platform led by the prefecture of `folder`, one of its municipalities
    taking part."""
    prefecture = _prefecture(root, folder)
    member = Reference(root).municipalities_of(prefecture.prefecture_code)[0]
    return {
        "id": platform_id,
        "name": "合成テスト基盤（SYNTHETIC）",
        "lead_body": prefecture.lg_code,
        "operator": "合成データ課",
        "kind": "field_specific",
        "fields": ["disaster_prevention"],
        "status": "planned",
        "timeline": {"planned": "2026-04"},
        "service_provision": "unknown",
        "platform_provision": "unknown",
        "user_scope": "unknown",
        "cross_prefecture": False,
        "components": "unknown",
        "broker_data_management": "unknown",
        "authentication": "unknown",
        "linkage": "unknown",
        "terms_of_use": "unknown",
        "modules": [],
        "participants": [{"lg_code": member.lg_code, "name": member.name, "since": "2026"}],
        "personal_data": False,
        "scale": "unknown",
        "costs": "unknown",
        "cost_sharing": "unknown",
        "funding": "unknown",
        "vendor": "unknown",
        "sources": [
            {
                "title": "SYNTHETIC",
                "url": "https://example.org/synthetic",
                "confirmed_on": "2026-01-01",
            }
        ],
    }


def add_platform(root: Path, folder: str) -> str:
    """Append a new platform to the folder's platforms.yaml; return its id."""
    path = root / PREFECTURES_DIR / folder / PLATFORMS_FILE
    document = _load(path)
    taken = {p["id"] for p in document["platforms"]}
    platform_id = next(
        f"synthetic-{folder}-{n}" for n in range(1, 1000) if f"synthetic-{folder}-{n}" not in taken
    )
    document["platforms"].append(synthetic_platform(root, folder, platform_id))
    path.write_text(_dump(document), encoding="utf-8")
    return platform_id


def add_vision_revision(root: Path, folder: str) -> int:
    """Record the next fiscal year's revision of the folder's vision (adopting a synthetic
    vision first when none is registered); return that fiscal year."""
    path = root / PREFECTURES_DIR / folder / VISION_FILE
    document = _load(path)
    if document.get("status") != "adopted" or not isinstance(document.get("revisions"), list):
        document = yaml.safe_load(VISION_YAML)
        document.update({"status": "adopted", "title": "合成テストビジョン（SYNTHETIC）"})
        document["revisions"] = [_revision(2024, 1)]
    revisions = document["revisions"] or [_revision(2024, 1)]
    latest = max(r["fiscal_year"] for r in revisions)
    revisions.append(_revision(latest + 1, 1))
    document["revisions"] = revisions
    path.write_text(_dump(document), encoding="utf-8")
    return latest + 1


def _revision(fiscal_year: int, number: int) -> dict[str, Any]:
    return {
        "fiscal_year": fiscal_year,
        "number": number,
        "adopted_on": f"{fiscal_year}-05-01",
        "summary": "SYNTHETIC",
        "publication_url": "https://example.org/synthetic-vision",
    }


def adopted_folder(root: Path) -> str:
    """A prefecture whose vision is adopted, else the first prefecture folder."""
    folders = sorted(p.name for p in (root / PREFECTURES_DIR).iterdir() if p.is_dir())
    for folder in folders:
        if _load(root / PREFECTURES_DIR / folder / VISION_FILE).get("status") == "adopted":
            return folder
    return folders[0]
