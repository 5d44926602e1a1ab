"""The Digital Agency's machine-readability rules (registry/reference/machine-readability-rules.csv):
one set of characters and one reader of workbook parts, shared by `renkei validate` (findings at
file:line), the workbook import and every writer (the bundle's CSV files and survey.xlsx), so that
what validates builds.

`text_problem` says what keeps a value out of a CSV cell or a workbook cell; `check_csv` and
`check_workbook` test the files a writer produced, each returning the rules it could test,
passed or failed, with the place of the first failure.
"""

from __future__ import annotations

import csv
import io
import itertools
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from renkei.registry.sheet_scan import sheet_passes


@dataclass(frozen=True, slots=True)
class CharacterClass:
    """A range of code points that machine-readable data must not hold."""

    first: int
    last: int
    name_ja: str
    name_en: str


#: Platform-dependent characters (機種依存文字, rule L1-08): characters that old encodings and
#: some systems show differently or not at all. Each has a plain spelling (NFKC gives it).
PLATFORM_DEPENDENT_CLASSES = (
    CharacterClass(0x2116, 0x2116, "ナンバー記号（№）", "numero sign (№)"),
    CharacterClass(0x2121, 0x2121, "電話記号（℡）", "telephone sign (℡)"),
    CharacterClass(0x2150, 0x218F, "ローマ数字・分数（Ⅰ ⅰ ⅓）", "Roman numerals and fractions"),
    CharacterClass(
        0x2460, 0x24FF, "丸数字・括弧付き英数字（① ⑴ ⒜）", "circled numbers and letters"
    ),
    CharacterClass(0x2776, 0x2793, "黒丸数字（❶ ➀）", "dingbat circled digits"),
    CharacterClass(0x3200, 0x32FF, "囲み文字（㈱ ㊤ ㋿）", "enclosed CJK letters"),
    CharacterClass(0x3300, 0x33FF, "組文字・単位記号（㍻ ㌔ ㎡）", "CJK compatibility squares"),
    CharacterClass(0xFF61, 0xFF9F, "半角カタカナ（ｱ）", "half-width katakana"),
)
#: Characters no CSV cell or workbook cell can hold: control characters (other than tab and
#: line breaks), which XML forbids or which cannot be seen, surrogates and non-characters.
UNWRITABLE_CLASSES = (
    CharacterClass(0x00, 0x08, "制御文字", "control character"),
    CharacterClass(0x0B, 0x0C, "制御文字", "control character"),
    CharacterClass(0x0E, 0x1F, "制御文字", "control character"),
    CharacterClass(0x7F, 0x84, "制御文字", "control character"),
    CharacterClass(0x86, 0x9F, "制御文字", "control character"),
    CharacterClass(0xD800, 0xDFFF, "サロゲート", "surrogate"),
    CharacterClass(0xFFFE, 0xFFFF, "非文字", "non-character"),
)
#: Line breaks (rule L1-14: one record per line). A YAML text may hold them (the writers join
#: its lines with spaces); a CSV cell may not.
LINE_BREAK_CLASSES = (
    CharacterClass(0x0A, 0x0A, "改行（LF）", "line feed"),
    CharacterClass(0x0D, 0x0D, "改行（CR）", "carriage return"),
    CharacterClass(0x85, 0x85, "改行（NEL）", "next line"),
    CharacterClass(0x2028, 0x2029, "行区切り・段落区切り", "line or paragraph separator"),
)


def _pattern(classes: tuple[CharacterClass, ...]) -> re.Pattern[str]:
    ranges = "".join(
        f"\\u{c.first:04x}" if c.first == c.last else f"\\u{c.first:04x}-\\u{c.last:04x}"
        for c in classes
    )
    return re.compile(f"[{ranges}]")


PLATFORM_DEPENDENT = _pattern(PLATFORM_DEPENDENT_CLASSES)
UNWRITABLE = _pattern(UNWRITABLE_CLASSES)
LINE_BREAK = _pattern(LINE_BREAK_CLASSES)
#: Any character of the three kinds: one search where only "none at all" matters.
_ANY_PROBLEM = _pattern(UNWRITABLE_CLASSES + LINE_BREAK_CLASSES + PLATFORM_DEPENDENT_CLASSES)
#: Numbers as Table Schema reads them (integer and number fields), and as rule L2-01 accepts;
#: always matched whole (`fullmatch`).
INTEGER = re.compile(r"[-+]?[0-9]+")
NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


@dataclass(frozen=True, slots=True)
class TextProblem:
    """The first character that keeps a value out of a machine-readable table."""

    kind: str  # "platform-dependent", "unwritable" or "line-break"
    rule: str  # the Agency's rule (L1-08, L1-14), or "" for characters no file can hold
    index: int
    character: str
    character_class: CharacterClass

    @property
    def codepoint(self) -> str:
        """The character as U+XXXX."""
        return f"U+{ord(self.character):04X}"


_KINDS = (
    ("unwritable", "", UNWRITABLE, UNWRITABLE_CLASSES),
    ("line-break", "L1-14", LINE_BREAK, LINE_BREAK_CLASSES),
    ("platform-dependent", "L1-08", PLATFORM_DEPENDENT, PLATFORM_DEPENDENT_CLASSES),
)


def text_problems(value: str, line_breaks_allowed: bool = False) -> Iterator[TextProblem]:
    """The first problem of each kind in `value`: unwritable characters, then line breaks
    (unless allowed: a YAML text's lines are joined by the writers), then 機種依存文字."""
    for kind, rule, pattern, classes in _KINDS:
        if kind == "line-break" and line_breaks_allowed:
            continue
        match = pattern.search(value)
        if match is None:
            continue
        point = ord(match[0])
        found = next(c for c in classes if c.first <= point <= c.last)
        yield TextProblem(kind, rule, match.start(), match[0], found)


def tabular_text(value: str) -> str:
    """Free text as a machine-readable cell holds it: platform-dependent characters in their
    compatibility form (① as 1, rule L1-08) and its lines joined by spaces (rule L1-14)."""
    text = PLATFORM_DEPENDENT.sub(lambda m: unicodedata.normalize("NFKC", m[0]), value)
    return " ".join(text.split()) if LINE_BREAK.search(text) else text


def writable(value: str) -> str:
    """`value` with the characters no cell can hold replaced by U+FFFD (drafts only: a valid
    registry holds none)."""
    return UNWRITABLE.sub("\ufffd", value) if UNWRITABLE.search(value) else value


# --- rules tested on the files a writer produced -----------------------------------------


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One machine-readability rule tested on one file: passed or not, and why."""

    rule: str
    passed: bool
    file: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The result as manifest.json records it (a detail only when there is one)."""
        out = {"rule": self.rule, "passed": self.passed, "file": self.file}
        if self.detail:
            out["detail"] = self.detail
        return out


def _first(problems: list[str]) -> str:
    return problems[0] if problems else ""


def _csv_cell_problems(rows: list[list[str]]) -> tuple[list[str], list[str]]:
    """Where the cells hold a line break or a character no file can hold, and where a
    platform-dependent character, cell by cell. Each rule looks at one character at a time,
    so a search over all the cells' text at once finds something exactly when some cell
    does: the cells are looked at one by one only then (a table holds thousands of cells,
    and almost every table none of these characters)."""
    breaks: list[str] = []
    dependent: list[str] = []
    if next(text_problems("".join(itertools.chain.from_iterable(rows))), None) is None:
        return breaks, dependent
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            for problem in text_problems(value):
                where = f"row {i + 1} column {j + 1}: {problem.codepoint}"
                (dependent if problem.kind == "platform-dependent" else breaks).append(where)
    return breaks, dependent


def check_csv(
    name: str, data: bytes, encoding: str, fields: list[dict[str, Any]]
) -> list[RuleResult]:
    """The machine-readability rules tested on a CSV file as written (DATA in
    ENCODING), against the fields of its Table Schema."""
    text = data.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0] if rows else []
    expected = [f["name"] for f in fields]
    numeric = [i for i, f in enumerate(fields) if f.get("type") in ("integer", "number")]
    blank = [f"row {i + 1}" for i, r in enumerate(rows) if not any(c.strip() for c in r)]
    ragged = [f"row {i + 1}" for i, r in enumerate(rows) if len(r) != len(header)]
    breaks, dependent = _csv_cell_problems(rows)
    not_numbers = [
        f"row {i + 1} column {j + 1}"
        for i, row in enumerate(rows)
        if i > 0
        for j in numeric
        if j < len(row) and row[j] and not NUMBER.fullmatch(row[j])
    ]
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


# --- the one reader of workbook parts ------------------------------------------------------

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OBJECT_TYPES = ("/drawing", "/image", "/chart", "/oleObject", "/control")


@dataclass(frozen=True, slots=True)
class SheetPart:
    """One sheet of a workbook: its title, its worksheet part and its relationships."""

    title: str
    part: str  # e.g. xl/worksheets/sheet1.xml
    relationships: tuple[str, ...]  # the Type of each of the sheet's relationships


def _target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def sheet_parts(archive: zipfile.ZipFile) -> list[SheetPart]:
    """The workbook's sheets in order: title, worksheet part and relationship types, read from
    xl/workbook.xml and the relationship parts (KeyError or ParseError when they are broken)."""
    names = set(archive.namelist())
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_RELATIONSHIP)}
    sheets = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        part = _target("xl/workbook.xml", targets.get(sheet.get(_REL_ID), ""))
        sheet_rels = posixpath.join(
            posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"
        )
        kinds: tuple[str, ...] = ()
        if sheet_rels in names:
            root = ET.fromstring(archive.read(sheet_rels))
            kinds = tuple(r.get("Type", "") for r in root.iter(_RELATIONSHIP))
        sheets.append(SheetPart(sheet.get("name", "?"), part, kinds))
    return sheets


def object_kind(sheet: SheetPart) -> str | None:
    """The kind of object (drawing, image, chart, …) a sheet carries, if any (rule L1-10)."""
    for kind in sheet.relationships:
        if kind.endswith(_OBJECT_TYPES):
            return kind.rsplit("/", 1)[-1]
    return None


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The workbook's shared strings, in order (none when it has no such part)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    shared = ET.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{MAIN}t")) for si in shared]


def _cell_text(cell: ET.Element, strings: list[str]) -> str | None:
    if cell.get("t") == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
    if cell.get("t") == "s":
        value = cell.find(f"{MAIN}v")
        if value is not None and value.text and value.text.isdigit():
            index = int(value.text)
            return strings[index] if index < len(strings) else None
    return None


def _cell_problems(
    title: str, root: ET.Element, strings: list[str], found: dict[str, list[str]]
) -> None:
    """The formulas and the characters the rules forbid, cell by cell (the slow path)."""
    for c in root.iter(f"{MAIN}c"):
        where = f"{title}!{c.get('r')}"
        if c.find(f"{MAIN}f") is not None:
            found["formulas"].append(where)
        for problem in text_problems(_cell_text(c, strings) or ""):
            key = "dependent" if problem.kind == "platform-dependent" else "breaks"
            found[key].append(f"{where}: {problem.codepoint}")


def _may_have_cell_problems(root: ET.Element, strings_text: str) -> bool:
    """False when no cell of the sheet can fail a character or formula rule: no formula
    element, and no forbidden character in any text of the sheet or of the shared strings (a
    superset of the cells' texts). One search over all the texts instead of one per cell."""
    if root.find(f".//{MAIN}f") is not None:
        return True
    texts = "\t".join(t.text or "" for t in root.iter(f"{MAIN}t")) + "\t" + strings_text
    return any(True for _ in text_problems(texts))


def _header_problems(title: str, row: ET.Element, strings: list[str]) -> list[str]:
    """Row 1's empty header cells (the sheet's title when the row has no cell)."""
    cells = list(row.iter(f"{MAIN}c"))
    if not cells:
        return [title]
    return [f"{title}!{c.get('r')}" for c in cells if not _cell_text(c, strings)]


def _text_passes(text: str) -> bool:
    """No character of TEXT is one that `text_problems` reports."""
    return _ANY_PROBLEM.search(text) is None


def check_workbook(name: str, data: bytes, quick: bool = True) -> list[RuleResult]:
    """The rules tested on the workbook's XML parts: what Excel will show, without openpyxl.
    A sheet that `sheet_scan.sheet_passes` proves passing is not parsed (unless not QUICK)."""
    found: dict[str, list[str]] = {
        key: [] for key in ("merged", "hidden", "formulas", "dependent", "breaks", "gaps")
    }
    images: list[str] = []
    headers: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = shared_strings(archive)
        strings_text = "\t".join(strings)
        # The shared strings are in every sheet's texts: checked once for the quick path.
        quick = quick and _text_passes(strings_text)
        header_problems = partial(_header_problems, strings=strings)
        for sheet in sheet_parts(archive):
            title = sheet.title
            part = archive.read(sheet.part)
            if (
                quick
                and object_kind(sheet) is None
                and sheet_passes(title, part, _text_passes, header_problems)
            ):
                continue
            root = ET.fromstring(part)
            if root.find(f"{MAIN}mergeCells") is not None:
                found["merged"].append(title)
            if root.find(f"{MAIN}drawing") is not None or object_kind(sheet):
                images.append(title)
            found["hidden"] += [
                f"{title}!col {c.get('min')}"
                for c in root.iter(f"{MAIN}col")
                if c.get("hidden") in ("1", "true")
            ]
            expected_row = 1
            for row in root.iter(f"{MAIN}row"):
                number = int(row.get("r", expected_row))
                if row.get("hidden") in ("1", "true"):
                    found["hidden"].append(f"{title}!row {number}")
                if number != expected_row:
                    found["gaps"].append(f"{title}!row {expected_row}")
                expected_row = number + 1
                if number == 1:
                    headers += _header_problems(title, row, strings)
            if expected_row == 1:
                headers.append(title)
            if _may_have_cell_problems(root, strings_text):
                _cell_problems(title, root, strings, found)
    results = [
        ("L1-03", found["gaps"]),
        ("L1-05", headers),
        ("L1-08", found["dependent"]),
        ("L1-10", images),
        ("L1-12", found["merged"]),
        ("L1-13", found["hidden"]),
        ("L1-14", found["breaks"]),
        ("L2-06", found["formulas"]),
        ("L3-01", headers),
    ]
    return [RuleResult(rule, not problems, name, _first(problems)) for rule, problems in results]
