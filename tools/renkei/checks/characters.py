"""Characters the bundle's writers refuse, reported where they are written: 機種依存文字 in
tabular data (R012), characters no file can hold (R013) and line breaks inside a CSV cell
(R014). The character sets are those of `renkei.registry.machine_readability`, which the writers use."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.csv_loader import CsvTable
from renkei.registry.loaders.yaml_loader import PathKey, YamlDocument, json_path
from renkei.registry.machine_readability import (
    LINE_BREAK,
    PLATFORM_DEPENDENT,
    UNWRITABLE,
    TextProblem,
    text_problems,
)

CODES = {"platform-dependent": codes.R012, "unwritable": codes.R013, "line-break": codes.R014}
#: Any character of the three sets: one search per value on the common, clean path.
_ANY = re.compile("|".join(p.pattern for p in (PLATFORM_DEPENDENT, UNWRITABLE, LINE_BREAK)))
#: The same, less LF: a CSV text without it (and without quotes) has no cell to look at.
_ANY_BUT_LF = re.compile(
    "|".join(p.pattern for p in (PLATFORM_DEPENDENT, UNWRITABLE)) + "|[\r\x85\u2028\u2029]"
)
MAX_SHOWN = 60


def _finding(
    problem: TextProblem, value: str, file: str, position: Position, where: str
) -> Finding:
    fixed = UNWRITABLE.sub("", unicodedata.normalize("NFKC", value))
    if problem.kind == "platform-dependent" and fixed != value and len(fixed) <= MAX_SHOWN:
        advice_ja, advice_en = f"「{fixed}」と書いてください。", f"Write '{fixed}'."
    elif problem.kind == "platform-dependent":
        advice_ja = "同じ意味の通常の文字（① → 1、㈱ → (株)、ｱ → ア）で書いてください。"
        advice_en = "Write it with ordinary characters (① → 1, ㈱ → (株), ｱ → ア)."
    else:
        advice_ja, advice_en = "", ""
    return CODES[problem.kind].make(
        file,
        position,
        where,
        character=problem.character if problem.kind == "platform-dependent" else "",
        codepoint=problem.codepoint,
        class_ja=problem.character_class.name_ja,
        class_en=problem.character_class.name_en,
        advice=advice_ja,
        advice_en=advice_en,
    )


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def yaml_findings(document: YamlDocument, tabular: bool) -> list[Finding]:
    """Every text of a YAML document: characters no file can hold; with `tabular` (the values
    the bundle writes into its CSV files and workbook) 機種依存文字 too. Line breaks are fine
    (the writers join the lines)."""
    findings = []
    for path, value in _strings(document.data, ()):
        if not _ANY.search(value):
            continue
        for problem in text_problems(value, line_breaks_allowed=True):
            if problem.kind == "platform-dependent" and not tabular:
                continue
            findings.append(
                _finding(problem, value, document.path, document.position(path), json_path(path))
            )
    return findings


def csv_findings(table: CsvTable) -> list[Finding]:
    """Every cell of a CSV table (the header included)."""
    if '"' not in table.text and not _ANY_BUT_LF.search(table.text):
        return []  # the common case: one search over the whole file
    findings = []
    records = [
        (table.header_line, 1, table.header),
        *((r.line, r.number, r.cells) for r in table.rows),
    ]
    for line, number, cells in records:
        for index, cell in enumerate(cells):
            if not _ANY.search(cell):
                continue
            name = table.header[index] if index < len(table.header) else str(index + 1)
            where = f"row {number}, column {name}"
            position = table.cell_position(line, index, cells)
            for problem in text_problems(cell):
                findings.append(_finding(problem, cell, table.path, position, where))
    return findings
