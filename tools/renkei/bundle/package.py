"""The data package of a bundle: its CSV tables, written the same way every time, and
datapackage.json (a Tabular Data Package) that describes them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any, NotRequired, TypedDict

from renkei.bundle.model import BundleError
from renkei.bundle.tables import Table
from renkei.escape import spreadsheet
from renkei.findings import codes
from renkei.findings.model import Position
from renkei.registry.machine_readability import RuleResult, check_csv, writable

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
#: The source every bundle names besides the registry's own: the codes of local governments.
CODE_LIST_SOURCE: dict[str, object] = {
    "title": "総務省「全国地方公共団体コード」",
    "path": "https://www.soumu.go.jp/denshijiti/code.html",
}


class DataResource(TypedDict):
    """One CSV table of datapackage.json (a Tabular Data Resource)."""

    name: str
    path: str
    title: str
    profile: str
    format: str
    mediatype: str
    encoding: str
    schema: dict[str, Any]


class DataPackage(TypedDict):
    """datapackage.json of a bundle (a Tabular Data Package)."""

    name: str
    title: str
    version: str
    profile: str
    created: str
    licenses: list[dict[str, str]]
    sources: list[dict[str, object]]  # a title is as the registry wrote it
    resources: list[DataResource]
    renkei_draft: NotRequired[bool]


def stable_json(value: Any) -> bytes:
    """JSON written the same way every time: sorted keys, two-space indent, a final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def csv_text(rows: list[list[str]], escape: bool = True) -> str:
    """ROWS as CSV text (CRLF, minimal quoting); with ESCAPE, every cell safe to open in a
    spreadsheet (`escape.spreadsheet`) and holding no character a cell cannot hold
    (`writable`); without, the cells as they are (a header row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if not escape or spreadsheet.plain_cells(rows):
        writer.writerows(rows)  # nothing to escape or replace: the cells as they are
    else:
        writer.writerows(spreadsheet.csv_row([writable(value) for value in row]) for row in rows)
    return out.getvalue()


def csv_bytes(table: Table, encoding: str) -> bytes:
    """A table as CSV in ENCODING (CRLF, minimal quoting, cells safe to open in a spreadsheet);
    a BundleError with B009 when a character cannot be encoded."""
    text = csv_text([table.header], escape=False) + csv_text(table.rows)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        character = text[error.start : error.end]
        problem = codes.B009.make(
            f"{table.name}.csv",
            Position(text.count("\n", 0, error.start) + 1, 1),
            character=character,
            codepoint=f"U+{ord(character[0]):04X}",
            encoding=encoding,
        )
        raise BundleError(
            f"Table {table.name} holds '{character}', which {encoding} cannot encode.",
            f"表 {table.name} の「{character}」は {encoding} で書けません。",
            [problem],
        ) from error


def table_files(
    tables: list[Table], encoding: str, check: bool = True
) -> tuple[dict[str, bytes], list[DataResource], list[RuleResult]]:
    """Each table's CSV file, its resource of datapackage.json, and the machine-readability
    rules tested on the file written (none with CHECK false: for a caller that reports no
    rules)."""
    contents: dict[str, bytes] = {}
    resources: list[DataResource] = []
    rules: list[RuleResult] = []
    for table in tables:
        path = f"{table.name}.csv"
        data = csv_bytes(table, encoding)
        contents[path] = data
        if check:
            rules += check_csv(path, data, encoding, table.fields)
        resources.append(table_resource(table, encoding))
    return contents, resources, rules


def table_resource(table: Table, encoding: str) -> DataResource:
    """The resource of datapackage.json that describes TABLE's CSV file."""
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "schema": table.schema(),
    }


def package_sources(platforms: Iterable[dict[str, Any]]) -> list[dict[str, object]]:
    """The sources of datapackage.json: every source the platforms cite (a link or a title
    with its section), sorted, then the code list."""
    sources = {
        (s.get("title"), s.get("url") or s.get("section"))
        for p in platforms
        for s in p.get("sources") or []
        if isinstance(s, dict)
    }
    found: list[dict[str, object]] = [
        {"title": title, "path": where}
        if isinstance(where, str) and where.startswith("http")
        else {"title": f"{title} {where or ''}".strip()}
        for title, where in sorted(sources, key=lambda s: (str(s[0]), str(s[1])))
    ]
    found.append(dict(CODE_LIST_SOURCE))
    return found


def data_package(
    folder: str,
    prefecture_name: str,
    version: tuple[int, int],
    build_time: dt.datetime,
    sources: list[dict[str, object]],
    resources: list[DataResource],
    draft: bool,
) -> DataPackage:
    """datapackage.json of FOLDER's bundle for vision VERSION (fiscal year, revision)."""
    fiscal_year, number = version
    package: DataPackage = {
        "name": f"renkei-{folder}",
        "title": f"{prefecture_name} データ連携基盤と共同利用ビジョン（FY{fiscal_year} 第{number}版）",
        "version": f"FY{fiscal_year}-r{number}",
        "profile": "tabular-data-package",
        "created": build_time.isoformat().replace("+00:00", "Z"),
        "licenses": [LICENSE],
        "sources": sources,
        "resources": resources,
    }
    if draft:
        package["renkei_draft"] = True
    return package
