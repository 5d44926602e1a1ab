"""The Agency's machine-readability rules (registry/reference/machine-readability-rules.csv) as
checks on an imported workbook. Each broken rule is a W008 finding naming the rule ID and cell."""

from __future__ import annotations

import csv
import io
import os
import posixpath
import re
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from renkei.catalogue import finding_type
from renkei.findings import Finding, Position, Severity
from renkei.safe_files import read_text_limited

RULES_FILE = Path("registry") / "reference" / "machine-readability-rules.csv"
#: Characters that differ between platforms (機種依存文字): circled and parenthesised numbers,
#: roman numerals, enclosed CJK (㈱), CJK compatibility squares (㍻ ㌔), №, ℡.
PLATFORM_DEPENDENT = re.compile(
    "[\u2150-\u218f\u2460-\u24ff\u2776-\u2793\u3200-\u33ff\u2116\u2121]"
)
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_OBJECT_TYPES = ("/drawing", "/image", "/chart", "/oleObject", "/control")


@cache
def _rules(root: Path) -> dict[str, tuple[str, str]]:
    path = root / RULES_FILE
    if not os.path.lexists(path):
        return {}
    text = read_text_limited(path, root=root)
    rows = csv.DictReader(io.StringIO(text, newline=""))
    return {row["id"]: (row["name_ja"], row["gloss_en"]) for row in rows}


def rule_finding(
    root: Path,
    rule: str,
    display: str,
    where: str,
    position: Position,
    severity: Severity,
    detail: str = "",
) -> Finding:
    name_ja, gloss_en = _rules(root).get(rule, (rule, rule))
    return finding_type("W008").make(
        display,
        position,
        where,
        severity=severity,
        rule=rule,
        rule_ja=name_ja,
        rule_en=gloss_en,
        detail=detail,
    )


def sheets_with_objects(path: Path) -> dict[str, str]:
    """Sheet name → the kind of object (drawing, image, chart, …) it carries, from the zip."""
    found: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {
                r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)
            }
            for sheet in workbook.findall("m:sheets/m:sheet", _NS):
                target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
                target = (
                    target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
                )
                sheet_rels = posixpath.join(
                    posixpath.dirname(target), "_rels", posixpath.basename(target) + ".rels"
                )
                if sheet_rels not in names:
                    continue
                for rel in ElementTree.fromstring(archive.read(sheet_rels)).findall(
                    "rel:Relationship", _NS
                ):
                    kind = rel.get("Type", "")
                    if kind.endswith(_OBJECT_TYPES):
                        found[sheet.get("name", "")] = kind.rsplit("/", 1)[-1]
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return found
    return found
