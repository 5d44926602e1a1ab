"""The JSON API beside the pages, versioned by its path (api/v1/, as endoflife.date's): an index,
one document per prefecture (api/v1/prefectures/NN.json) and per platform
(api/v1/platforms/ID.json). A field is only ever added within a version."""

from __future__ import annotations

import json
from typing import Any

from renkei import __version__
from renkei.revisions.platform_timeline import TimelineEntry
from renkei.site.data import RegistryData
from renkei.site.history import SiteHistory, change_path

API_VERSION = 1
API_ROOT = f"api/v{API_VERSION}"


def dump(document: Any) -> str:
    """A document as the API writes it: sorted keys, compact, a final newline."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _head() -> dict[str, Any]:
    return {"api_version": API_VERSION, "tool": {"name": "renkei", "version": __version__}}


def index_document(data: RegistryData) -> dict[str, Any]:
    """api/v1/index.json: the national counts and a link to each prefecture and platform."""
    summary = data.summary
    return {
        **_head(),
        "as_of": summary.as_of.isoformat(),
        "counts": summary.counts(),
        "agency_counts": {"as_of": summary.agency_as_of, "counts": summary.agency_counts},
        "prefectures": [
            {
                "code": p.code,
                "folder": p.folder,
                "name": p.name,
                "category": p.category,
                "url": f"{API_ROOT}/prefectures/{p.code}.json",
                "page": f"prefectures/{p.folder}/",
            }
            for p in summary.prefectures
        ],
        "platforms": [
            {
                "id": key,
                "prefecture": folder,
                "name": platform.get("name"),
                "url": f"{API_ROOT}/platforms/{key}.json",
                "page": f"platforms/{key}/",
            }
            for key, (folder, platform) in sorted(data.platforms().items())
        ],
    }


def prefecture_document(folder: str, data: RegistryData, history: SiteHistory) -> dict[str, Any]:
    """api/v1/prefectures/NN.json: the prefecture's summary row, its documents and tables,
    its principle findings and its changes."""
    state = data.prefecture(folder)
    summary = next((p for p in data.summary.prefectures if p.folder == folder), None)
    return {
        **_head(),
        "folder": folder,
        "code": state.code,
        "name": state.name,
        "summary": summary.to_dict() if summary else None,
        "prefecture": state.prefecture,
        "vision": state.vision,
        "surveys": state.surveys,
        "platforms": [
            {"id": key, "url": f"{API_ROOT}/platforms/{key}.json"} for key in state.platforms
        ],
        "tables": {name: list(rows.values()) for name, rows in sorted(state.tables.items())},
        "findings": [
            {
                "code": f.code,
                "severity": str(f.severity),
                "file": f.file,
                "line": f.line,
                "message": {"ja": f.message_ja, "en": f.message_en},
            }
            for f in data.findings.get(folder, [])
        ],
        "changes": [
            {
                "commit": r["sha"],
                "commit_time": r["timestamp"],
                "subject": r["subject"],
                "summary": r["summary"],
                "page": change_path(folder, r["sha"]),
            }
            for r in history.of_folder(folder)
        ],
    }


def platform_document(
    platform_id: str, data: RegistryData, timeline: list[TimelineEntry]
) -> dict[str, Any]:
    """api/v1/platforms/ID.json: the platform as platforms.yaml holds it, and its timeline."""
    folder, platform = data.platforms()[platform_id]
    return {
        **_head(),
        "id": platform_id,
        "prefecture": folder,
        "platform": platform,
        "timeline": [e.to_dict() for e in timeline],
    }
