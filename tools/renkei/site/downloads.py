"""The site's downloads: the national data package (datapackage.json and one CSV per table,
UTF-8 with BOM, the bundle's tables of every prefecture together), the whole registry as JSON,
and each prefecture's latest bundle (`renkei.bundle`). Other downloads join through
`EXTRA_DOWNLOADS`: registry.sqlite with its Datasette metadata (`renkei.export`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from renkei.bundle.package import LICENSE, package_sources, stable_json, table_files
from renkei.bundle.survey_tables import survey_tables
from renkei.bundle.tables import Table, platform_tables, registry_tables
from renkei.registry.layout import TABLES
from renkei.site.data import RegistryData
from renkei.site.output import SiteWriter, input_hash

DOWNLOADS = "downloads"
DATA_DIR = f"{DOWNLOADS}/data"
REGISTRY_JSON = f"{DOWNLOADS}/registry.json"
#: A download step: given the registry root and the downloads folder, it writes its files there
#: and returns them.
DownloadStep = Callable[[Path, Path], list[Path]]


EXTRA_DOWNLOADS: list[DownloadStep] = []
SQLITE = f"{DOWNLOADS}/registry.sqlite"
SQLITE_METADATA = f"{DOWNLOADS}/metadata.json"


def _head(root: Path) -> str:
    """The commit the history table is read up to ("" outside a repository)."""
    from renkei.revisions.git import GitError, open_repo

    try:
        return open_repo(root).head.commit.hexsha
    except (GitError, ValueError):
        return ""


def write_sqlite_download(data: RegistryData, writer: SiteWriter) -> list[str]:
    """downloads/registry.sqlite and its Datasette metadata.json (`renkei.export.sqlite`),
    written again only when the registry or its history changed."""
    from renkei.export.sqlite import write_sqlite

    key = input_hash(
        "sqlite", sorted(data.folder_hashes.items()), data.shared_hash, _head(data.root)
    )
    paths = [SQLITE, SQLITE_METADATA]
    if all(writer.current(p, key) for p in paths):
        return paths
    (writer.out_dir / DOWNLOADS).mkdir(parents=True, exist_ok=True)
    write_sqlite(
        data.root,
        writer.out_dir / SQLITE,
        metadata=writer.out_dir / SQLITE_METADATA,
        parsed=data.state,
    )
    for path in paths:
        writer.adopt(path, key)
    return paths


def national_tables(data: RegistryData) -> list[Table]:
    """Every prefecture's bundle tables, table by table (rows in code order)."""
    schemas = {}
    for name in TABLES.values():
        raw = data.files.get(f"schemas/tables/{name}.json")
        if raw is not None:
            schemas[name] = json.loads(raw)
    merged: dict[str, Table] = {}
    for folder in data.folders:
        state = data.prefecture(folder)
        for table in (
            registry_tables(state, schemas) + survey_tables(state) + platform_tables(state)
        ):
            if table.name in merged:
                merged[table.name].rows.extend(table.rows)
            else:
                merged[table.name] = Table(
                    table.name, table.title, table.fields, list(table.rows), table.primary_key
                )
    return list(merged.values())


def write_data_package(data: RegistryData, writer: SiteWriter) -> list[str]:
    """downloads/data/: datapackage.json and its CSV files (UTF-8 with BOM)."""
    key = input_hash("data-package", sorted(data.folder_hashes.items()), data.shared_hash)
    paths = [f"{DATA_DIR}/datapackage.json"]
    if all(writer.current(p, key) for p in paths + list(writer.cache.get("data_files", []))):
        return paths + list(writer.cache.get("data_files", []))
    contents, resources, _rules = table_files(national_tables(data), "utf-8-sig", check=False)
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
        "prefectures": {
            folder: {
                "prefecture": state.prefecture,
                "platforms": list(state.platforms.values()),
                "vision": state.vision,
                "surveys": state.surveys,
                "tables": {n: list(rows.values()) for n, rows in sorted(state.tables.items())},
            }
            for folder in data.folders
            for state in [data.prefecture(folder)]
        },
    }


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
