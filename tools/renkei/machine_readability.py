"""The Digital Agency's machine-readability rules, tested on the CSV files and workbooks renkei
writes (registry/reference/machine-readability-rules.csv). Each check returns the rules it
could test on that file, passed or failed, with the place of the first failure."""

from __future__ import annotations

import csv
import io
import re
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


def check_workbook(name: str, data: bytes) -> list[RuleResult]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    merged, hidden, formulas, dependent, breaks, gaps, images = [], [], [], [], [], [], []
    for sheet in workbook.worksheets:
        if sheet.merged_cells.ranges:
            merged.append(f"{sheet.title}!{next(iter(sheet.merged_cells.ranges))}")
        hidden += [f"{sheet.title}!row {k}" for k, d in sheet.row_dimensions.items() if d.hidden]
        hidden += [f"{sheet.title}!{k}" for k, d in sheet.column_dimensions.items() if d.hidden]
        if getattr(sheet, "_images", None) or getattr(sheet, "_charts", None):
            images.append(sheet.title)
        for row in sheet.iter_rows():
            values = [c.value for c in row]
            if row and all(v is None for v in values):
                gaps.append(f"{sheet.title}!row {row[0].row}")
            for c in row:
                if c.data_type == "f":
                    formulas.append(f"{sheet.title}!{c.coordinate}")
                if isinstance(c.value, str):
                    if PLATFORM_DEPENDENT.search(c.value):
                        dependent.append(f"{sheet.title}!{c.coordinate}")
                    if "\n" in c.value:
                        breaks.append(f"{sheet.title}!{c.coordinate}")
    headers_ok = all(
        sheet.max_row >= 1 and all(c.value not in (None, "") for c in sheet[1])
        for sheet in workbook.worksheets
    )
    results = [
        ("L1-03", not gaps, _first(gaps)),
        ("L1-05", headers_ok, ""),
        ("L1-08", not dependent, _first(dependent)),
        ("L1-10", not images, _first(images)),
        ("L1-12", not merged, _first(merged)),
        ("L1-13", not hidden, _first(hidden)),
        ("L1-14", not breaks, _first(breaks)),
        ("L2-06", not formulas, _first(formulas)),
        ("L3-01", headers_ok, ""),
    ]
    return [RuleResult(rule, passed, name, detail) for rule, passed, detail in results]
