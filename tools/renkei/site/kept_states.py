"""Each prefecture folder as parsed, and its row of the national summary, kept in the site's
folder for the next build: a rebuild after one prefecture changed parses and summarises that
folder only, and reads the others' documents, tables and rows from `.renkei-site/parsed/` and
`.renkei-site/summary/` (JSON, which holds every value the YAML and CSV loaders give: text,
integers, numbers, booleans, null, lists and mappings with text keys).

A kept file is used only when the manifest records it with the folder's key: the hash of the
folder's files, of the table schemas that key the CSV rows and of renkei's code. A file that
cannot be read or does not have the shape of a parsed folder is parsed again, never an error.
A folder with a file that cannot be parsed is not kept (its findings come from parsing it)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import fields
from itertools import chain
from pathlib import Path
from typing import Any, Protocol, TypeVar

from renkei.registry.reference import Reference
from renkei.registry.snapshot import (
    PREFECTURES_PREFIX,
    PrefectureState,
    RegistryState,
    parse_snapshot,
)
from renkei.site.output import KEPT_DIR, input_hash
from renkei.summary.build import PrefectureSummary, Summarise, summarise_prefecture

FORMAT = 2
_T = TypeVar("_T")


class KeptFiles(Protocol):
    """Where the build keeps its own files (`renkei.site.output.SiteWriter`)."""

    def kept(self, path: str, key: str) -> bytes | None:
        """The bytes the previous build kept at PATH under KEY, or None."""

    def keep(self, path: str, key: str, data: bytes) -> None:
        """Keep DATA at PATH under KEY for the next build."""

    def retain(self, path: str, key: str) -> None:
        """Carry what is kept at PATH under KEY over to the next build, unread."""


def kept_or_made(
    kept: KeptFiles,
    path: str,
    key: str,
    read: Callable[[bytes], _T | None],
    make: Callable[[], _T],
    write: Callable[[_T], bytes | None],
) -> _T:
    """What the previous build kept at PATH under KEY, as READ gives it back; else MAKE's value,
    kept as WRITE gives it (not kept when WRITE gives None)."""
    data = kept.kept(path, key)
    value = read(data) if data is not None else None
    if value is None:
        value = make()
        written = write(value)
        if written is not None:
            kept.keep(path, key, written)
    return value


def state_path(folder: str) -> str:
    """The kept file of FOLDER, relative to the site's folder."""
    return f"{KEPT_DIR}/parsed/{folder}.json"


def state_key(
    code_hash: str, table_schemas: list[tuple[str, str]], files: list[tuple[str, str]]
) -> str:
    """The key of a folder's kept state: renkei's code, the table schemas (path, blob hash)
    and the folder's files (path, blob hash)."""
    return input_hash("parsed", FORMAT, sys.version, code_hash, table_schemas, files)


def encode(state: PrefectureState) -> bytes | None:
    """STATE as the bytes of its kept file; None for a folder that is not kept."""
    if state.unreadable:
        return None
    document: dict[str, Any] = {
        "format": FORMAT,
        "prefecture": state.prefecture,
        "platforms": state.platforms,
        "vision": state.vision,
        "surveys": state.surveys,
        "tables": {},
    }
    for name, rows in state.tables.items():
        # A table as its columns once and each row as its key and values (half the bytes of a
        # mapping per row); a table whose rows have other columns is not kept.
        columns = list(next(iter(rows.values()), {}))
        if any(list(row) != columns for row in rows.values()):
            return None
        document["tables"][name] = {
            "columns": columns,
            "rows": [[list(key), list(row.values())] for key, row in rows.items()],
        }
    try:
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    except ValueError:  # text UTF-8 cannot hold (a lone surrogate from a YAML escape)
        return None


def decode(folder: str, data: bytes) -> PrefectureState | None:
    """The state a kept file holds, or None when it is not one."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    platforms, tables = document.get("platforms"), document.get("tables")
    if not isinstance(platforms, dict) or not isinstance(tables, dict):
        return None
    if not all(isinstance(p, dict) for p in platforms.values()):
        return None
    parts = [document.get(n) for n in ("prefecture", "vision", "surveys")]
    if not all(p is None or isinstance(p, dict) for p in parts):
        return None
    state = PrefectureState(folder, parts[0], platforms, parts[1], parts[2])
    for name, rows in tables.items():
        table = _rows(rows)
        if table is None:
            return None
        state.tables[name] = table
    return state


def _rows(given: Any) -> dict[tuple[str, ...], dict[str, str]] | None:
    if not isinstance(given, dict):
        return None
    columns, rows = given.get("columns"), given.get("rows")
    if not (isinstance(columns, list) and isinstance(rows, list)):
        return None
    # Checked a column or a kind of value at a time, not cell by cell.
    if not all(type(item) is list and len(item) == 2 for item in rows):
        return None
    keys = [item[0] for item in rows]
    values = [item[1] for item in rows]
    if not all(type(k) is list for k in keys) or not all(type(v) is list for v in values):
        return None
    text = {str}
    if not set(map(type, columns)) <= text or not set(map(len, values)) <= {len(columns)}:
        return None
    if not set(map(type, chain.from_iterable(keys))) <= text:
        return None
    if not set(map(type, chain.from_iterable(values))) <= text:
        return None
    return dict(
        zip(map(tuple, keys), (dict(zip(columns, v, strict=True)) for v in values), strict=True)
    )


def summary_path(folder: str) -> str:
    """The kept file of FOLDER's national-summary row, relative to the site's folder."""
    return f"{KEPT_DIR}/summary/{folder}.json"


def summary_key(code_hash: str, inputs: list[tuple[str, str]], principles: list[str]) -> str:
    """The key of a folder's kept summary row: renkei's code, what it reads (the folder's files
    and the reference data, path and blob hash) and the folder's principle findings."""
    return input_hash("summary", FORMAT, sys.version, code_hash, inputs, principles)


#: The summary row's fields that are counters, and that are pairs.
_COUNTERS = frozenset(f.name for f in fields(PrefectureSummary) if f.type in ("Counter[str]",))
_PAIRS = frozenset({"category_label"})


def encode_summary(row: PrefectureSummary) -> bytes | None:
    """ROW as the bytes of its kept file; None when JSON cannot give it back exactly."""
    document = {f.name: getattr(row, f.name) for f in fields(row)}
    try:
        data = json.dumps({"format": FORMAT, "row": document}, ensure_ascii=False).encode()
    except (TypeError, ValueError):
        return None
    decoded = decode_summary(data)
    # Kept only when it comes back exactly, types included (a tuple read back as a list, or a
    # Counter as a dict, would not be the row the summary made).
    return data if decoded is not None and repr(decoded) == repr(row) else None


def decode_summary(data: bytes) -> PrefectureSummary | None:
    """The summary row a kept file holds, or None when it is not one."""
    try:
        document = json.loads(data)
        given = document["row"] if document.get("format") == FORMAT else None
        if not isinstance(given, dict) or set(given) != {f.name for f in fields(PrefectureSummary)}:
            return None
        for name in _COUNTERS:
            given[name] = Counter(given[name])
        for name in _PAIRS:
            given[name] = tuple(given[name])
        return PrefectureSummary(**given)
    except (ValueError, RecursionError, TypeError, KeyError, AttributeError):
        return None


def folder_files(shas: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Each prefecture folder's files (path, blob hash), from every file's blob hash."""
    by_folder: dict[str, list[tuple[str, str]]] = {}
    for path, sha in sorted(shas.items()):
        parts = path.split("/")
        if len(parts) == 4 and path.startswith(PREFECTURES_PREFIX):
            by_folder.setdefault(parts[2], []).append((path, sha))
    return by_folder


def parsed_folders(
    files: dict[str, bytes], shas: dict[str, str], kept: KeptFiles | None, code: str
) -> RegistryState:
    """The snapshot's prefecture folders parsed (SHAS: each file's blob hash); with KEPT, each
    folder whose files did not change since the previous build read from what that build kept,
    the others parsed and kept."""
    wanted = {p: d for p, d in files.items() if not p.startswith("registry/ref")}
    if kept is None:
        return parse_snapshot(wanted)
    by_folder = folder_files(shas)
    schemas = sorted((p, s) for p, s in shas.items() if p.startswith("schemas/tables/"))
    keys = {folder: state_key(code, schemas, listed) for folder, listed in by_folder.items()}
    found: dict[str, PrefectureState] = {}
    for folder, key in keys.items():
        data = kept.kept(state_path(folder), key)
        decoded = decode(folder, data) if data is not None else None
        if decoded is not None:
            found[folder] = decoded
    missing = set(keys) - set(found)
    state = (
        parse_snapshot(wanted, only=missing)
        if missing
        else RegistryState(schemas={p: d for p, d in wanted.items() if p.startswith("schemas/")})
    )
    for folder in sorted(missing):
        parsed = state.prefectures.get(folder)
        encoded = encode(parsed) if parsed is not None else None
        if encoded is not None:
            kept.keep(state_path(folder), keys[folder], encoded)
    state.prefectures = {f: state.prefectures.get(f) or found[f] for f in sorted(keys)}
    return state


def kept_summaries(
    shas: dict[str, str], too_large: dict[str, int], kept: KeptFiles | None, code: str
) -> Summarise:
    """`summarise_prefecture`, with KEPT: a folder's row read from what the previous build kept
    when the folder's files (SHAS: each file's blob hash), the reference data and its principle
    findings are the same, else made and kept."""
    if kept is None:
        return summarise_prefecture
    reference = sorted((p, s) for p, s in shas.items() if p.startswith("registry/ref"))
    by_folder = folder_files(shas)

    def summarise(folder: Path, tables: Reference, principles: list[str]) -> PrefectureSummary:
        prefix = f"{PREFECTURES_PREFIX}{folder.name}/"
        inputs = by_folder.get(folder.name, []) + sorted(
            (p, f"too large: {n}") for p, n in too_large.items() if p.startswith(prefix)
        )
        return kept_or_made(
            kept,
            summary_path(folder.name),
            summary_key(code, inputs + reference, principles),
            decode_summary,
            lambda: summarise_prefecture(folder, tables, principles),
            encode_summary,
        )

    return summarise
