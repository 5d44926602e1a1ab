"""What the summary shows of a prefecture's area inventory (vision.yaml area_inventory, GB3 §4.2)
and of its platforms' consent management (GB3 §15.3 ②): the stated values with their labels
from registry/reference/vocabularies.csv."""

from __future__ import annotations

from collections import Counter
from typing import Any

from renkei.registry.reference import Reference

#: The area_inventory keys, in GB3 §4.2's order.
AREA_KEYS = ("personal_auth_services", "non_personal_platforms", "personal_platforms")


def area_inventory(vision: dict[str, Any], reference: Reference) -> dict[str, Any] | None:
    """The inventory as the JSON summary writes it: its date and each count with its labels
    (None when the vision states none)."""
    given = vision.get("area_inventory")
    if not isinstance(given, dict):
        return None
    labels = reference.labels("area_count")
    counts = {}
    for key in AREA_KEYS:
        value = str(given.get(key, "unknown"))
        ja, en = labels.get(value, (value, value))
        counts[key] = {"value": value, "ja": ja, "en": en}
    return {"as_of": given.get("as_of"), "counts": counts}


def area_cells(inventory: dict[str, Any] | None) -> list[str]:
    """The inventory's three counts as CSV cells (codes; empty when not stated)."""
    if inventory is None:
        return ["" for _ in AREA_KEYS]
    return [str(inventory["counts"][key]["value"]) for key in AREA_KEYS]


def consent_methods(platforms: list[dict[str, Any]]) -> Counter[str]:
    """How many platforms state each consent-management method (unknown left out)."""
    found: Counter[str] = Counter()
    for platform in platforms:
        consent = platform.get("consent_management")
        method = consent.get("method") if isinstance(consent, dict) else None
        if isinstance(method, str) and method != "unknown":
            found[method] += 1
    return found
