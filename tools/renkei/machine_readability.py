"""The Digital Agency's machine-readability rules, tested on the CSV files and workbooks renkei
writes (registry/reference/machine-readability-rules.csv). Each check returns the rules it
could test on that file, passed or failed, with the place of the first failure."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from typing import Any

#: Platform-dependent characters (機種依存文字): circled and parenthesised numbers and letters,
#: Roman numerals, squared units and era names, half-width katakana.
PLATFORM_DEPENDENT = re.compile(
    "[\u2460-\u24ff\u2160-\u217f\u3200-\u32ff\u3300-\u33ff\uff61-\uff9f]"
)
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str
    passed: bool
    file: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = {"rule": self.rule, "passed": self.passed, "file": self.file}
        if self.detail:
            out["detail"] = self.detail
        return out


def _first(problems: list[str]) -> str:
    return problems[0] if problems else ""


def check_csv(
    name: str, data: bytes, encoding: str, fields: list[dict[str, Any]]
) -> list[RuleResult]:
    text = data.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    expected = [f["name"] for f in fields]
    numeric = {i for i, f in enumerate(fields) if f.get("type") in ("integer", "number")}
    blank = [f"row {i + 1}" for i, r in enumerate(rows) if not any(c.strip() for c in r)]
    ragged = [f"row {i + 1}" for i, r in enumerate(rows) if len(r) != len(header)]
    breaks, dependent, not_numbers = [], [], []
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            where = f"row {i + 1} column {j + 1}"
            if "\n" in value or "\r" in value:
                breaks.append(where)
            if PLATFORM_DEPENDENT.search(value):
                dependent.append(where)
            if i > 0 and j in numeric and value and not _NUMBER.match(value):
                not_numbers.append(where)
    physical_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    results = [
        ("L1-02", not ragged, _first(ragged)),
        ("L1-03", not blank, _first(blank)),
        ("L1-05", bool(header) and all(h.strip() for h in header), ""),
        ("L1-08", not dependent, _first(dependent)),
        ("L1-14", not breaks and physical_lines == len(rows), _first(breaks)),
        ("L1-15", not ragged, _first(ragged)),
        ("L2-01", not not_numbers, _first(not_numbers)),
        ("L2-03", len(set(header)) == len(header), ""),
        ("L3-01", header == expected, "" if header == expected else "header differs from schema"),
    ]
    return [RuleResult(rule, passed, name, detail) for rule, passed, detail in results]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet title."""
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(rel), "").lstrip("/")
        out[target if target.startswith("xl/") else f"xl/{target}"] = sheet.get("name", "?")
    return out


def check_workbook(name: str, data: bytes) -> list[RuleResult]:
    """The rules tested on the workbook's XML parts: what Excel will show, without openpyxl."""
    merged, hidden, formulas, dependent, breaks, gaps, images, headers = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = set(archive.namelist())
        strings: list[str] = []
        if "xl/sharedStrings.xml" in parts:
            shared = ET.fromstring(archive.read("xl/sharedStrings.xml"))
            strings = ["".join(t.text or "" for t in si.iter(f"{_MAIN}t")) for si in shared]
        for part, title in _sheet_names(archive).items():
            root = ET.fromstring(archive.read(part))
            if root.find(f"{_MAIN}mergeCells") is not None:
                merged.append(title)
            if root.find(f"{_MAIN}drawing") is not None:
                images.append(title)
            hidden += [
                f"{title}!col {c.get('min')}"
                for c in root.iter(f"{_MAIN}col")
                if c.get("hidden") in ("1", "true")
            ]
            expected_row = 1
            for row in root.iter(f"{_MAIN}row"):
                number = int(row.get("r", expected_row))
                if row.get("hidden") in ("1", "true"):
                    hidden.append(f"{title}!row {number}")
                if number != expected_row:
                    gaps.append(f"{title}!row {expected_row}")
                expected_row = number + 1
                cells = list(row.iter(f"{_MAIN}c"))
                if number == 1 and not cells:
                    headers.append(title)
                for c in cells:
                    where = f"{title}!{c.get('r')}"
                    if c.find(f"{_MAIN}f") is not None:
                        formulas.append(where)
                    text = None
                    if c.get("t") == "inlineStr":
                        text = "".join(t.text or "" for t in c.iter(f"{_MAIN}t"))
                    elif c.get("t") == "s":
                        value = c.find(f"{_MAIN}v")
                        if value is not None and value.text and value.text.isdigit():
                            index = int(value.text)
                            text = strings[index] if index < len(strings) else None
                    if number == 1 and not text:
                        headers.append(where)
                    if text:
                        if PLATFORM_DEPENDENT.search(text):
                            dependent.append(where)
                        if "\n" in text:
                            breaks.append(where)
            if expected_row == 1:
                headers.append(title)
    results = [
        ("L1-03", not gaps, _first(gaps)),
        ("L1-05", not headers, _first(headers)),
        ("L1-08", not dependent, _first(dependent)),
        ("L1-10", not images, _first(images)),
        ("L1-12", not merged, _first(merged)),
        ("L1-13", not hidden, _first(hidden)),
        ("L1-14", not breaks, _first(breaks)),
        ("L2-06", not formulas, _first(formulas)),
        ("L3-01", not headers, _first(headers)),
    ]
    return [RuleResult(rule, passed, name, detail) for rule, passed, detail in results]
