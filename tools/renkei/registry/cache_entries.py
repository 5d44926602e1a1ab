"""A stored cache entry read back field by field: anything off and it is not served."""

from __future__ import annotations

from typing import Any

from renkei.findings.model import Finding, Severity
from renkei.registry.results import IdUse, PrefectureResult


def stored_entry(folder: str, entry: Any) -> tuple[str, PrefectureResult] | None:
    """A cache entry checked field by field: (key, result), or None when anything is off."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return None
    data = entry.get("result")
    if not isinstance(data, dict) or data.get("folder") != folder:
        return None
    files = data.get("files")
    if not isinstance(files, int) or isinstance(files, bool) or files < 0:
        return None
    findings = data.get("findings")
    defined, referenced = data.get("defined"), data.get("referenced")
    if not (
        isinstance(findings, list) and isinstance(defined, list) and isinstance(referenced, list)
    ):
        return None
    try:
        result = PrefectureResult(
            folder=folder,
            findings=[_finding(f) for f in findings],
            defined=[_id_use(u) for u in defined],
            referenced=[_id_use(u) for u in referenced],
            files=files,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return entry["key"], result


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _finding(data: Any) -> Finding:
    if not isinstance(data, dict):
        raise TypeError(data)
    message, hint = data["message"], data["hint"]
    return Finding(
        code=_text(data["code"]),
        name=_text(data["name"]),
        severity=Severity(_text(data["severity"])),
        file=_text(data["file"]),
        line=_int(data["line"]),
        column=_int(data["column"]),
        where=_text(data["where"]),
        message_ja=_text(message["ja"]),
        message_en=_text(message["en"]),
        hint_ja=_text(hint["ja"]),
        hint_en=_text(hint["en"]),
    )


def _id_use(data: Any) -> IdUse:
    if not isinstance(data, dict):
        raise TypeError(data)
    return IdUse(
        id=_text(data["id"]),
        file=_text(data["file"]),
        line=_int(data["line"]),
        column=_int(data["column"]),
        where=_text(data["where"]),
    )
