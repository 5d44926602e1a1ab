"""Create prefecture folders from the reference list; regenerate each datapackage.yaml.

Existing data files are never overwritten: only missing files are created, and
datapackage.yaml (generated from schemas/tables) is rewritten when it differs.
"""

from __future__ import annotations

import os
from pathlib import Path

from renkei.checks.table_schema import load_table_schema
from renkei.registry.csv_writer import csv_text
from renkei.registry.datapackage import dump_datapackage, expected_datapackage
from renkei.registry.layout import (
    DATAPACKAGE_FILE,
    PLATFORMS_FILE,
    PREFECTURE_FILE,
    PREFECTURES_DIR,
    TABLES,
    VISION_FILE,
)
from renkei.registry.prefecture_lookup import UnknownPrefecture
from renkei.registry.reference import LocalGovernment, Reference
from renkei.registry.safe_files import read_text_limited, write_atomic


def prefecture_yaml(prefecture: LocalGovernment) -> str:
    """The text of a new prefecture.yaml for PREFECTURE."""
    return (
        "# 都道府県の識別情報（団体コード一覧と一致させること）とこのフォルダの担当者。\n"
        "# Identity (must match the code list) and the maintainers of this folder.\n"
        "schema_version: 1\n"
        f'code: "{prefecture.prefecture_code}"\n'
        f'lg_code: "{prefecture.lg_code}"\n'
        f"name: {prefecture.name}\n"
        f"romaji: {prefecture.prefecture_id}\n"
        '# 担当者の GitHub ユーザーまたはチーム（例: "@user", "@org/team"）。空 = 未登録。\n'
        "maintainers: []\n"
        "contact: unknown\n"
    )


PLATFORMS_YAML = (
    "# この都道府県内のデータ連携基盤。書き方は CONTRIBUTING.md を参照。\n"
    "# Platforms in this prefecture; see CONTRIBUTING.md. An empty list = none registered yet.\n"
    "schema_version: 1\n"
    "platforms: []\n"
)

VISION_YAML = (
    "# 共同利用ビジョン。未登録の間は status: not_registered、他の項目は unknown。\n"
    "# Shared-use vision. Until one is registered: status not_registered, the rest unknown.\n"
    "schema_version: 1\n"
    "status: not_registered\n"
    "title: unknown\n"
    "revisions: []\n"
    "current_type: unknown\n"
    "target_type: unknown\n"
    "migration_pattern: unknown\n"
    "cross_field_platform: unknown\n"
    "field_policies: unknown\n"
    "consolidation: unknown\n"
    "cost_sharing: unknown\n"
    "governance: unknown\n"
    "interoperability: unknown\n"
    "data_minimisation: unknown\n"
    "consultation_desk: unknown\n"
    "schedule: unknown\n"
    "sections: unknown\n"
    "sources: []\n"
)


def municipalities_csv(root: Path, reference: Reference, code: str) -> str:
    """A new municipalities.csv: one unanswered row per municipality of CODE."""
    header = [f["name"] for f in load_table_schema(root, "municipalities")["fields"]]
    rows = [
        [m.lg_code, m.name, "not_answered", *[""] * (len(header) - 3)]
        for m in reference.municipalities_of(code)
    ]
    return csv_text(header, rows)


def _choose(reference: Reference, wanted: list[str]) -> list[LocalGovernment]:
    prefectures = sorted(reference.prefectures.values(), key=lambda p: p.prefecture_code)
    if not wanted:
        return prefectures
    chosen = []
    for item in wanted:
        match = [p for p in prefectures if item in (p.prefecture_code, p.folder, p.name)]
        if not match:
            raise UnknownPrefecture(item)
        chosen.extend(match)
    return chosen


def scaffold_registry(root: Path, wanted: list[str]) -> list[str]:
    """Create the missing folders and files of the WANTED prefectures (all when
    empty) and rewrite each datapackage.yaml; the paths written."""
    reference = Reference(root)
    written: list[str] = []
    for prefecture in _choose(reference, wanted):
        folder = root / PREFECTURES_DIR / prefecture.folder
        folder.mkdir(parents=True, exist_ok=True)
        files = {
            PREFECTURE_FILE: prefecture_yaml(prefecture),
            PLATFORMS_FILE: PLATFORMS_YAML,
            VISION_FILE: VISION_YAML,
        }
        for filename, table in TABLES.items():
            if table == "municipalities":
                files[filename] = municipalities_csv(root, reference, prefecture.prefecture_code)
            else:
                fields = load_table_schema(root, table)["fields"]
                files[filename] = csv_text([f["name"] for f in fields], [])
        for filename, text in files.items():
            path = folder / filename
            if not os.path.lexists(path):
                write_atomic(path, text, root=root)
                written.append(path.relative_to(root).as_posix())
        package = dump_datapackage(expected_datapackage(root, prefecture.folder, prefecture.name))
        path = folder / DATAPACKAGE_FILE
        if not path.exists() or read_text_limited(path, root=root) != package:
            write_atomic(path, package, root=root)
            written.append(path.relative_to(root).as_posix())
    return written
