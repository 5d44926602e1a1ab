"""The Agency's machine-readability rules (registry/reference/machine-readability-rules.csv) as
checks on an imported workbook. Each broken rule is a W008 finding naming the rule ID and cell."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from renkei.findings import codes
from renkei.findings.model import Finding, Position, Severity
from renkei.registry.machine_readability import object_kind, sheet_parts
from renkei.registry.safe_files import read_text_limited

RULES_FILE = Path("registry") / "reference" / "machine-readability-rules.csv"


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
    """A W008 finding for the machine-readability rule `rule` (named from
    registry/reference/machine-readability-rules.csv) at `where`."""
    name_ja, gloss_en = _rules(root).get(rule, (rule, rule))
    return codes.W008.make(
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
    try:
        with zipfile.ZipFile(path) as archive:
            sheets = sheet_parts(archive)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return {}
    return {sheet.title: kind for sheet in sheets if (kind := object_kind(sheet))}
