"""The site's downloads: the national data package (datapackage.json and one CSV per table,
UTF-8 with BOM, the bundle's tables of every prefecture together), the whole registry as JSON,
and each prefecture's latest bundle (`renkei.bundle`). Other downloads join through
`EXTRA_DOWNLOADS`: registry.sqlite with its Datasette metadata (`renkei.export`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from renkei.bundle.package import (
    LICENSE,
    csv_text,
    package_sources,
    stable_json,
    table_files,
    table_resource,
)
from renkei.bundle.survey_tables import survey_tables
from renkei.bundle.tables import Table, platform_tables, registry_tables
from renkei.registry.layout import TABLES
from renkei.site.data import RegistryData
from renkei.site.kept_states import KeptFiles, kept_or_made
from renkei.site.output import KEPT_DIR, SiteWriter, input_hash

if TYPE_CHECKING:  # the export's modules are imported only when registry.sqlite is written
    from renkei.export.model import ExportTable
    from renkei.export.sqlite import HistoryReader

DOWNLOADS = "downloads"
DATA_DIR = f"{DOWNLOADS}/data"
REGISTRY_JSON = f"{DOWNLOADS}/registry.json"
#: A download step: given the registry root and the downloads folder, it writes its files there
#: and returns them.
DownloadStep = Callable[[Path, Path], list[Path]]


EXTRA_DOWNLOADS: list[DownloadStep] = []
SQLITE = f"{DOWNLOADS}/registry.sqlite"
SQLITE_METADATA = f"{DOWNLOADS}/metadata.json"
#: The history table of registry.sqlite, kept for the next build.
HISTORY_KEPT = f"{KEPT_DIR}/history.json"


def _head(root: Path) -> str:
    """The commit the history table is read up to, and whether the clone is shallow ("" outside
    a repository)."""
    from renkei.revisions.git import GitError, is_shallow, open_repo

    try:
        repo = open_repo(root)
        return f"{repo.head.commit.hexsha} shallow={is_shallow(repo)}"
    except (GitError, ValueError):
        return ""


def _history_key(head: str, root: Path) -> str:
    return input_hash("history", head, root.resolve().as_posix())


def _kept_history(writer: SiteWriter, head: str) -> HistoryReader:
    """`history_table`, kept in the site's folder for the next build while HEAD (and the
    clone's depth) is the same: a rebuild after a change to the working tree reads no Git log."""
    from renkei.export.history import empty_history, history_table
    from renkei.export.model import HistoryNote

    def decoded(data: bytes) -> tuple[ExportTable, HistoryNote] | None:
        try:
            kept = json.loads(data)
            table = empty_history()
            table.rows = [dict(row) for row in kept["rows"]]
            return table, HistoryNote(int(kept["commits"]), str(kept["state"]))
        except (ValueError, TypeError, KeyError):
            return None  # read from Git again

    def encoded(read: tuple[ExportTable, HistoryNote]) -> bytes:
        table, note = read
        payload = {"rows": table.rows, "commits": note.commits, "state": note.state}
        return json.dumps(payload, ensure_ascii=False).encode()

    def read(root: Path) -> tuple[ExportTable, HistoryNote]:
        if not head:  # outside a repository: nothing to keep
            return history_table(root)
        key = _history_key(head, root)
        return kept_or_made(
            writer, HISTORY_KEPT, key, decoded, lambda: history_table(root), encoded
        )

    return read


def write_sqlite_download(data: RegistryData, writer: SiteWriter) -> list[str]:
    """downloads/registry.sqlite and its Datasette metadata.json (`renkei.export.sqlite`),
    written again only when the registry or its history changed."""
    from renkei.export.sqlite import write_sqlite

    head = _head(data.root)
    key = input_hash("sqlite", sorted(data.folder_hashes.items()), data.shared_hash, head)
    paths = [SQLITE, SQLITE_METADATA]
    if all(writer.current(p, key) for p in paths):
        writer.retain(HISTORY_KEPT, _history_key(head, data.root))
        return paths
    (writer.out_dir / DOWNLOADS).mkdir(parents=True, exist_ok=True)
    write_sqlite(
        data.root,
        writer.out_dir / SQLITE,
        metadata=writer.out_dir / SQLITE_METADATA,
        parsed=data.state,
        read_history=_kept_history(writer, head),
    )
    for path in paths:
        writer.adopt(path, key)
    return paths


def _table_schemas(data: RegistryData) -> dict[str, dict[str, Any]]:
    schemas = {}
    for name in TABLES.values():
        raw = data.files.get(f"schemas/tables/{name}.json")
        if raw is not None:
            schemas[name] = json.loads(raw)
    return schemas


def _folder_tables(data: RegistryData, folder: str, schemas: dict[str, Any]) -> list[Table]:
    state = data.prefecture(folder)
    return registry_tables(state, schemas) + survey_tables(state) + platform_tables(state)


def national_tables(data: RegistryData) -> list[Table]:
    """Every prefecture's bundle tables, table by table (rows in code order)."""
    schemas = _table_schemas(data)
    merged: dict[str, Table] = {}
    for folder in data.folders:
        for table in _folder_tables(data, folder, schemas):
            if table.name in merged:
                merged[table.name].rows.extend(table.rows)
            else:
                merged[table.name] = Table(
                    table.name, table.title, table.fields, list(table.rows), table.primary_key
                )
    return list(merged.values())


def national_csv_files(data: RegistryData, kept: KeptFiles) -> list[tuple[Table, bytes]] | None:
    """The data package's CSV files (UTF-8 with BOM) as `table_files` writes them from
    `national_tables`, each folder's part (its tables and their CSV rows) read from what the
    previous build kept when the folder did not change, else made and kept; None when a
    character cannot be encoded (`table_files` then says which)."""
    schemas = _table_schemas(data)
    merged: dict[str, tuple[Table, list[str]]] = {}
    for folder, (path, key) in folder_parts(data, "data-package").items():
        parts = kept_or_made(
            kept,
            path,
            key,
            _decode_parts,
            partial(_folder_csv, data, folder, schemas),
            _encode_parts,
        )
        for table, text in parts:
            if table.name in merged:
                merged[table.name][1].append(text)
            else:
                merged[table.name] = (table, [text])
    files = []
    for table, texts in merged.values():
        try:
            text = csv_text([table.header], escape=False) + "".join(texts)
            files.append((table, text.encode("utf-8-sig")))
        except UnicodeEncodeError:
            return None
    return files


def _folder_csv(
    data: RegistryData, folder: str, schemas: dict[str, Any]
) -> list[tuple[Table, str]]:
    """FOLDER's tables (without rows) with their rows as CSV text."""
    return [
        (Table(t.name, t.title, t.fields, [], t.primary_key), csv_text(t.rows))
        for t in _folder_tables(data, folder, schemas)
    ]


def _encode_parts(parts: list[tuple[Table, str]]) -> bytes | None:
    listed = [
        {"name": t.name, "title": t.title, "fields": t.fields, "key": t.primary_key, "csv": text}
        for t, text in parts
    ]
    try:
        return json.dumps(listed, ensure_ascii=False).encode()
    except ValueError:  # text UTF-8 cannot hold: not kept
        return None


def _decode_parts(raw: bytes) -> list[tuple[Table, str]] | None:
    try:
        listed = json.loads(raw)
        parts = [
            (Table(p["name"], p["title"], p["fields"], [], p["key"]), p["csv"]) for p in listed
        ]
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    typed = all(
        isinstance(t.name, str) and isinstance(t.title, str) and isinstance(text, str)
        and isinstance(t.fields, list) and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in t.fields)
        and isinstance(t.primary_key, list)
        for t, text in parts
    )  # fmt: skip
    return parts if typed else None


def write_data_package(data: RegistryData, writer: SiteWriter) -> list[str]:
    """downloads/data/: datapackage.json and its CSV files (UTF-8 with BOM)."""
    key = input_hash("data-package", sorted(data.folder_hashes.items()), data.shared_hash)
    paths = [f"{DATA_DIR}/datapackage.json"]
    if all(writer.current(p, key) for p in paths + list(writer.cache.get("data_files", []))):
        for path, part in folder_parts(data, "data-package").values():
            writer.retain(path, part)
        return paths + list(writer.cache.get("data_files", []))
    csv_files = national_csv_files(data, writer)
    if csv_files is None:
        contents, resources, _rules = table_files(national_tables(data), "utf-8-sig", check=False)
    else:
        contents = {f"{t.name}.csv": payload for t, payload in csv_files}
        resources = [table_resource(t, "utf-8-sig") for t, _payload in csv_files]
    platforms = [p for f in data.folders for p in data.prefecture(f).platforms.values()]
    package: dict[str, Any] = {
        "name": "renkei-national",
        "title": "全国のデータ連携基盤と共同利用ビジョン / Data platforms and shared-use visions of Japan",
        "profile": "tabular-data-package",
        "created": data.summary.as_of.isoformat(),
        "licenses": [LICENSE],
        "sources": package_sources(platforms),
        "resources": resources,
    }
    writer.write(paths[0], key, stable_json(package))
    written = []
    for name, payload in sorted(contents.items()):
        writer.write(f"{DATA_DIR}/{name}", key, payload)
        written.append(f"{DATA_DIR}/{name}")
    writer.cache["data_files"] = written
    return paths + written


def registry_document(data: RegistryData) -> dict[str, Any]:
    """The whole registry as one JSON document: each prefecture's documents and tables."""
    return {
        "format_version": 1,
        "prefectures": {folder: _folder_document(data, folder) for folder in data.folders},
    }


def _folder_document(data: RegistryData, folder: str) -> dict[str, Any]:
    state = data.prefecture(folder)
    return {
        "prefecture": state.prefecture,
        "platforms": list(state.platforms.values()),
        "vision": state.vision,
        "surveys": state.surveys,
        "tables": {n: list(rows.values()) for n, rows in sorted(state.tables.items())},
    }


def folder_parts(data: RegistryData, kind: str) -> dict[str, tuple[str, str]]:
    """Each folder's kept part of a download (KIND: registry-json, data-package): its path and
    key."""
    return {
        folder: (f"{KEPT_DIR}/{kind}/{folder}.json", input_hash(kind, data.folder_hashes[folder]))
        for folder in data.folders
    }


def _folder_json(data: RegistryData, folder: str) -> bytes:
    """FOLDER's part of registry.json, as the API writes it."""
    from renkei.site.api import dump

    return dump(_folder_document(data, folder)).rstrip("\n").encode()


def registry_json(data: RegistryData, kept: KeptFiles) -> bytes:
    """`registry_document` as the API writes it (`api.dump`), each folder's part read from
    what the previous build kept when the folder did not change, else made and kept."""
    from renkei.site.api import dump

    parts = []
    for folder, (path, key) in folder_parts(data, "registry-json").items():
        part = kept_or_made(
            kept,
            path,
            key,
            bytes,
            partial(_folder_json, data, folder),
            bytes,
        )
        parts.append(dump(folder).rstrip("\n").encode() + b":" + part)
    # dump sorts the keys: "format_version" before "prefectures", the folders in code order.
    return b'{"format_version":1,"prefectures":{' + b",".join(parts) + b"}}\n"


def run_extra_steps(data: RegistryData, writer: SiteWriter, steps: list[DownloadStep]) -> list[str]:
    """The extra download steps (`EXTRA_DOWNLOADS` and the options'), their files adopted."""
    written = write_sqlite_download(data, writer)
    target = writer.out_dir / DOWNLOADS
    target.mkdir(parents=True, exist_ok=True)
    for step in [*EXTRA_DOWNLOADS, *steps]:
        for path in step(data.root, target):
            relative = path.resolve().relative_to(writer.out_dir.resolve()).as_posix()
            writer.adopt(relative, input_hash("extra", path.read_bytes()))
            written.append(relative)
    return written
