"""The Datasette metadata of an export (metadata.json beside the database): the database's,
every table's and every column's title and description in Japanese, English beside them
(`title_en`, `description_en`; a column's text is "日本語 / English"), the licence and the
source. `datasette registry.sqlite --metadata metadata.json` shows them."""

from __future__ import annotations

from typing import Any

from renkei.export.model import ExportTable, split_title

TITLE = (
    "データ連携基盤と共同利用ビジョンのレジストリ",
    "Registry of data collaboration platforms and shared-use visions",
)
DESCRIPTION = (
    "都道府県ごとのデータ連携基盤、共同利用ビジョン、市区町村の回答、データマップと参照データ。"
    "「unknown」は出典で確認できない値です。",
    "Each prefecture's data collaboration platforms, shared-use vision, municipal survey "
    "answers, Data Map and the reference data. `unknown` marks what no source confirms.",
)
LICENSE = ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/")
SOURCE = ("renkei レジストリ（registry/）と総務省「全国地方公共団体コード」", "https://www.soumu.go.jp/denshijiti/code.html")  # fmt: skip


def _description(text: str) -> tuple[str, str]:
    """(Japanese, English) of a "日本語 / English" description."""
    return split_title(text) if text else ("", "")


def table_metadata(table: ExportTable) -> dict[str, Any]:
    """One table's entry: titles, descriptions, its source and each column's text."""
    title_ja, title_en = split_title(table.title)
    about_ja, about_en = _description(table.description)
    columns: dict[str, str] = {}
    for column in table.columns:
        ja, en = split_title(column.title or column.name)
        text = ja if ja == en else f"{ja} / {en}"
        if column.description:
            text += f" — {column.description}"
        columns[column.name] = text
    entry: dict[str, Any] = {
        "title": title_ja,
        "title_en": title_en,
        "description": " / ".join(t for t in (about_ja, about_en) if t) or title_en,
        "description_en": about_en or title_en,
        "source": table.source,
        "columns": columns,
    }
    if table.search:
        entry["fts_table"] = f"{table.name}_fts"
    return entry


def datasette_metadata(database: str, tables: list[ExportTable]) -> dict[str, Any]:
    """The metadata of DATABASE (the file name without .sqlite) holding TABLES."""
    shared = {
        "license": LICENSE[0],
        "license_url": LICENSE[1],
        "source": SOURCE[0],
        "source_url": SOURCE[1],
    }
    return {
        "title": TITLE[0],
        "title_en": TITLE[1],
        "description": f"{DESCRIPTION[0]} / {DESCRIPTION[1]}",
        "description_en": DESCRIPTION[1],
        **shared,
        "databases": {
            database: {
                "title": TITLE[0],
                "description": DESCRIPTION[0],
                "description_en": DESCRIPTION[1],
                **shared,
                "tables": {t.name: table_metadata(t) for t in tables},
            }
        },
    }
