"""manifest.json of a bundle: its JSON Schema, and the checks a schema cannot express (unique,
normalised paths; no duplicate keys)."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import unicodedata
from typing import Any

# fmt: off
SHA256: dict[str, Any] = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
COMMIT: dict[str, Any] = {"type": "object", "additionalProperties": False,
          "required": ["commit", "commit_time"],
          "properties": {"label": {"type": "string"},
                         "commit": {"type": ["string", "null"], "pattern": "^[0-9a-f]{40}$"},
                         "commit_time": {"type": ["integer", "null"]}}}
PREVIOUS: dict[str, Any] = {**COMMIT, "properties": {**COMMIT["properties"],
                                     "commit": {"type": "string", "pattern": "^[0-9a-f]{40}$"}}}
MANIFEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format_version",
        "bundle",
        "prefecture",
        "fiscal_year",
        "revision",
        "draft",
        "source",
        "previous",
        "build_time",
        "as_of",
        "tool",
        "schemas",
        "csv_encoding",
        "machine_readability",
        "files",
    ],
    "properties": {
        "format_version": {"const": 2},
        "bundle": {"type": "string"},
        "prefecture": {"type": "string", "pattern": "^[0-9]{2}-[a-z]+$"},
        "fiscal_year": {"type": "integer"},
        "revision": {"type": "integer", "minimum": 0},
        "draft": {"type": "boolean"},
        "source": COMMIT,
        "previous": {"oneOf": [{"type": "null"}, PREVIOUS]},
        "build_time": {"type": "string"},
        "as_of": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "from"],
            "properties": {
                "date": {
                    "type": "string",
                    "format": "date",
                    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                },
                "from": {"enum": ["commit", "option"]},
            },
        },
        "tool": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"const": "renkei"}, "version": {"type": "string"}},
        },
        "schemas": {"type": "object", "additionalProperties": SHA256},
        "csv_encoding": {"enum": ["utf-8-sig", "utf-8", "cp932"]},
        "machine_readability": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["rule", "passed", "file"],
                "properties": {
                    "rule": {"type": "string"},
                    "passed": {"type": "boolean"},
                    "file": {"type": "string"},
                    "detail": {"type": "string"},
                },
            },
        },
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "sha256", "size"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "sha256": SHA256,
                    "size": {"type": "integer", "minimum": 0},
                },
            },
        },
    },
}
# fmt: on


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _DuplicateKey(f"duplicate key {key!r}")
    return dict(pairs)


def path_problem(path: str) -> str | None:
    """Why a manifest path is not one renkei writes: relative, POSIX, normalised, NFC."""
    if path.startswith("/") or "\\" in path or ".." in path.split("/"):
        return "absolute or escaping path"
    if path != posixpath.normpath(path) or path.startswith("./"):
        return "path not normalised"
    if not unicodedata.is_normalized("NFC", path):
        return "path not in Unicode NFC"
    return None


def manifest_problems(data: bytes) -> tuple[dict[str, Any], list[str]]:
    """The manifest and what is wrong with it (nothing when it is well-formed)."""
    import jsonschema_rs

    try:
        manifest = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError) as error:
        return {}, [f"not JSON: {error}"]
    validator = jsonschema_rs.validator_for(MANIFEST_SCHEMA)
    problems = [
        f"{'/'.join(str(p) for p in e.instance_path) or '(top level)'}: {e.message}"
        for e in validator.iter_errors(manifest)
    ]
    if problems:
        return {}, problems
    try:
        dt.date.fromisoformat(manifest["as_of"]["date"])
    except ValueError as error:
        problems.append(f"as_of/date: {error}")
    paths = [entry["path"] for entry in manifest["files"]]
    for path in paths:
        why = path_problem(path)
        if why:
            problems.append(f"files: {path!r}: {why}")
        elif path == "manifest.json":
            problems.append("files: the manifest lists itself")
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            problems.append(f"files: {path!r} is listed twice")
        seen.add(path)
    return manifest, problems
