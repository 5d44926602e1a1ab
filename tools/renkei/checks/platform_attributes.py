"""Each platform's own attributes against the guidebook: personal-data linkage needs
authentication linkage (A014, GB3 §4.4), and a cross-field platform spans several fields (A015,
GB3 §6.5). Run by `renkei.checks.principles` on a schema-valid platforms.yaml; a value that is
`unknown` decides nothing.

GB3 = guidebook/エリアデータ連携基盤の共同利用ガイドブック第3.0版.md at commit
422564480a9a4f9bcd56e63068afd49e136f414b.
"""

from __future__ import annotations

from typing import Any

from renkei.checks.platform_entries import Entry
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path


def _exchanges_only_personal_data(platform: dict[str, Any]) -> bool:
    """True when what the platform can exchange is personal data: it handles personal data and
    contains no non-personal area data platform (components.non_personal_broker is false)."""
    components = platform.get("components")
    non_personal = components.get("non_personal_broker") if isinstance(components, dict) else None
    return platform.get("personal_data") is True and non_personal is False


def linkage_findings(document: YamlDocument, entries: list[Entry]) -> list[Finding]:
    """A014: data linkage of personal data without authentication linkage.

    GB3 §4.4 基盤間連携（データ連携）: 「特に個人データ（パーソナル）をやり取りする場合は、お互いの
    基盤で「このデータはAさん自身のものだ」と正しく一致させるため、上記の認証連携が必須となり
    ます。」"""
    findings: list[Finding] = []
    for entry in entries:
        linkage = entry.data.get("linkage")
        if not isinstance(linkage, dict):
            continue
        if linkage.get("data") is not True or linkage.get("authentication") is not False:
            continue
        if not _exchanges_only_personal_data(entry.data):
            continue
        path = ("platforms", entry.index, "linkage", "authentication")
        findings.append(
            codes.A014.make(document.path, document.position(path), json_path(path), id=entry.id)
        )
    return findings


def cross_field_findings(document: YamlDocument, entries: list[Entry]) -> list[Finding]:
    """A015: a cross-field platform with one field or none.

    GB3 §6.5: 「分野間のデータ連携基盤：それら異なる分野のデータをさらに横断的につなぐ「全体の
    まとめ役」としての基盤も、各都道府県に1つ。」"""
    findings: list[Finding] = []
    for entry in entries:
        fields = entry.data.get("fields")
        if entry.data.get("kind") != "cross_field" or not isinstance(fields, list):
            continue
        if len(fields) > 1:
            continue
        path = ("platforms", entry.index, "fields")
        listed = ", ".join(str(f) for f in fields)
        findings.append(
            codes.A015.make(
                document.path,
                document.position(path),
                json_path(path),
                id=entry.id,
                n=str(len(fields)),
                fields=listed or "分野なし",
                fields_en=listed or "none",
            )
        )
    return findings
