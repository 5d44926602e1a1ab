"""Names that do not display as they are written (R009–R011, warnings).

A name (of a prefecture, municipality, platform, operator, service, data set; a title) is shown
in terminals, pull requests, spreadsheets and published pages. Three things make what people
see differ from what is stored: bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
U+200F, U+061C), which reorder the text around them; stacks of more than two combining marks
("Zalgo" text), which draw over the lines around them; and control or invisible characters
(C0 and C1 controls including line breaks and tabs, DEL, U+2028/U+2029, zero-width characters).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from renkei.findings import codes
from renkei.findings.finding_type import FindingType
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.csv_loader import CsvTable
from renkei.registry.loaders.yaml_loader import PathKey, YamlDocument, json_path
from renkei.registry.machine_readability import UNWRITABLE

#: YAML keys and CSV columns that hold a name or a title.
NAME_KEYS = frozenset(
    {"name", "title", "operator", "vendor", "product", "service_name", "dataset_name"}
)
#: More combining marks in a row than this is a stack (Vietnamese needs two).
MAX_COMBINING = 2
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\u2060\ufeff]")


def _codes(chars: set[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in sorted(chars))


def _longest_mark_run(value: str) -> tuple[int, set[str]]:
    longest, run, marks, found = 0, 0, set(), set()
    for char in value:
        if unicodedata.category(char) in ("Mn", "Me"):
            run += 1
            marks.add(char)
            if run > longest:
                longest, found = run, set(marks)
        else:
            run, marks = 0, set()
    return longest, found


def problems(value: str) -> list[tuple[FindingType, dict[str, Any]]]:
    """(finding type, parameters) for every way `value` would not display as written."""
    out: list[tuple[FindingType, dict[str, Any]]] = []
    bidi = set(_BIDI.findall(value))
    if bidi:
        out.append((codes.R009, {"chars": _codes(bidi)}))
    count, marks = _longest_mark_run(value)
    if count > MAX_COMBINING:
        out.append((codes.R010, {"count": count, "chars": _codes(marks)}))
    # Characters no file can hold are R013's (an error); here only what is merely invisible.
    invisible = {c for c in _INVISIBLE.findall(value) if not UNWRITABLE.match(c)}
    if invisible:
        out.append((codes.R011, {"chars": _codes(invisible)}))
    return out


def _names(data: Any, path: PathKey) -> Iterator[tuple[PathKey, str, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in NAME_KEYS:
                yield (*path, key), str(key), value
            else:
                yield from _names(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _names(item, (*path, index))


def yaml_name_findings(document: YamlDocument) -> list[Finding]:
    """R009–R011 for every name in a YAML document, at the value's position."""
    findings = []
    for path, key, value in _names(document.data, ()):
        for kind, params in problems(value):
            findings.append(
                kind.make(
                    document.path, document.position(path), json_path(path), field=key, **params
                )
            )
    return findings


def csv_name_findings(table: CsvTable) -> list[Finding]:
    """R009–R011 for every name column of a CSV table, at the cell's position."""
    columns = [(i, h) for i, h in enumerate(table.header) if h in NAME_KEYS]
    findings = []
    for row in table.rows:
        for index, column in columns:
            if index >= len(row.cells):
                continue
            for kind, params in problems(row.cells[index]):
                position: Position = table.cell_position(row.line, index, row.cells)
                where = f"row {row.number}, column {column}"
                findings.append(kind.make(table.path, position, where, field=column, **params))
    return findings
