"""The numbers a prefecture states against the platforms it registers: the area inventory of
GB3 §4.2 (X014) and each platform's participation as a number (X015). Run on schema-valid files;
a value that is `unknown` decides nothing.

GB3 = guidebook/エリアデータ連携基盤の共同利用ガイドブック第3.0版.md at commit
422564480a9a4f9bcd56e63068afd49e136f414b. §4.2: 「域内に存在する、認証やデータ連携のための基盤の
「数」を整理します。」 (個人認証サービスの数 / 非パーソナルエリアデータ連携基盤の数 / パーソナル
エリアデータ連携基盤の数, each 0 ／ 1 ／ 2つ以上).
"""

from __future__ import annotations

from typing import Any

from renkei.checks.platform_entries import RUNNING, Entry, platform_entries
from renkei.findings import codes
from renkei.findings.model import Finding
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import LocalGovernment, Reference

#: area_inventory key → (the platform component it counts, GB3 §4.2 name, English name).
AREA_KINDS = {
    "personal_auth_services": (
        "personal_auth",
        "個人認証サービス",
        "personal authentication services",
    ),
    "non_personal_platforms": (
        "non_personal_broker",
        "非パーソナルエリアデータ連携基盤",
        "non-personal area data platforms",
    ),
    "personal_platforms": (
        "personal_broker",
        "パーソナルエリアデータ連携基盤",
        "personal area data platforms",
    ),
}
#: The stated counts that set an upper bound ("2+" and unknown set none).
_BOUNDS = {"0": 0, "1": 1}


def _running_by(entry: Entry, as_of: object) -> bool:
    """Running now, and not said to have started operating after the inventory's date."""
    if entry.status not in RUNNING:
        return False
    timeline = entry.data.get("timeline")
    started = timeline.get("operating") if isinstance(timeline, dict) else None
    if isinstance(started, str) and isinstance(as_of, str):
        width = min(len(started), len(as_of))
        return started[:width] <= as_of[:width]
    return True


def _with_component(entries: list[Entry], component: str, as_of: object) -> list[Entry]:
    found = []
    for entry in entries:
        parts = entry.data.get("components")
        if isinstance(parts, dict) and parts.get(component) is True and _running_by(entry, as_of):
            found.append(entry)
    return found


def area_inventory_findings(vision: YamlDocument, platforms: YamlDocument) -> list[Finding]:
    """X014: an area_inventory count of 0 or 1 below the running platforms registered with that
    component."""
    data = vision.data if isinstance(vision.data, dict) else {}
    inventory = data.get("area_inventory")
    if not isinstance(inventory, dict):
        return []
    entries = platform_entries(platforms)
    findings: list[Finding] = []
    for key, (component, what, what_en) in AREA_KINDS.items():
        stated = inventory.get(key)
        bound = _BOUNDS.get(stated) if isinstance(stated, str) else None
        if bound is None:
            continue
        found = _with_component(entries, component, inventory.get("as_of"))
        if len(found) <= bound:
            continue
        path = ("area_inventory", key)
        findings.append(
            codes.X014.make(
                vision.path,
                vision.position(path),
                json_path(path),
                what=what,
                what_en=what_en,
                stated=str(stated),
                n=str(len(found)),
                ids=", ".join(e.id for e in found),
            )
        )
    return findings


def _listed_municipalities(entry: Entry, reference: Reference) -> int | None:
    """The municipalities participants lists besides the lead body (None when not a list)."""
    listed = entry.data.get("participants")
    if not isinstance(listed, list):
        return None
    lead = entry.data.get("lead_body")
    codes_seen = set()
    for item in listed:
        code = item.get("lg_code") if isinstance(item, dict) else None
        body = reference.governments.get(code) if isinstance(code, str) else None
        if body is not None and body.is_municipality and code != lead:
            codes_seen.add(code)
    return len(codes_seen)


def _mismatch(
    entry: Entry, participation: dict[str, Any], reference: Reference, prefecture: LocalGovernment
) -> tuple[str, str] | None:
    """What the stated number disagrees with (Japanese, English), or None."""
    count = participation["municipalities"]
    listed = _listed_municipalities(entry, reference)
    if listed is not None and listed != count:
        return (
            f"participants に主管団体以外の市区町村が {listed} 件あります。",
            f"participants lists {listed} municipalities other than the lead body.",
        )
    if participation.get("all_municipalities") is True:
        municipalities = reference.municipalities_of(prefecture.prefecture_code)
        lead = entry.data.get("lead_body")
        expected = len([m for m in municipalities if m.lg_code != lead])
        if count != expected:
            return (
                f"all_municipalities: true で、{prefecture.name}の市区町村は主管団体を除いて "
                f"{expected} です。",
                f"all_municipalities is true and {prefecture.name} has {expected} "
                "municipalities besides the lead body.",
            )
    if participation.get("shared") is True and count == 0:
        return (
            "shared: true（共同利用している）です。",
            "shared is true (the platform is shared).",
        )
    return None


def participation_findings(
    platforms: YamlDocument, reference: Reference, prefecture: LocalGovernment
) -> list[Finding]:
    """X015: a platform whose participation.municipalities disagrees with its participants, with
    all_municipalities or with shared."""
    findings: list[Finding] = []
    for entry in platform_entries(platforms):
        participation = entry.data.get("participation")
        if not isinstance(participation, dict):
            continue
        count = participation.get("municipalities")
        if not isinstance(count, int) or isinstance(count, bool):
            continue
        detail = _mismatch(entry, participation, reference, prefecture)
        if detail is None:
            continue
        path = ("platforms", entry.index, "participation", "municipalities")
        findings.append(
            codes.X015.make(
                platforms.path,
                platforms.position(path),
                json_path(path),
                id=entry.id,
                count=str(count),
                detail=detail[0],
                detail_en=detail[1],
            )
        )
    return findings
