"""Local government codes: format, check digit, existence, prefecture, name."""

from __future__ import annotations

import re

from renkei.checks.suggest import lg_code_advice
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.reference import Reference, check_digit

_SIX_DIGITS = re.compile(r"^[0-9]{6}\Z")


def code_findings(
    value: str,
    reference: Reference,
    file: str,
    position: Position,
    where: str,
    *,
    prefecture_code: str | None = None,
    prefecture_name: str = "",
) -> list[Finding]:
    """Findings for one code; an empty list means the code is a real body (of the prefecture)."""
    if not _SIX_DIGITS.match(value):
        advice, advice_en, _ = lg_code_advice(value, reference)
        return [
            codes.R001.make(file, position, where, value=value, advice=advice, advice_en=advice_en)
        ]
    if check_digit(value[:5]) != int(value[5]):
        advice, advice_en, _ = lg_code_advice(value, reference)
        return [
            codes.R002.make(file, position, where, value=value, advice=advice, advice_en=advice_en)
        ]
    body = reference.governments.get(value)
    if body is None:
        return [codes.R003.make(file, position, where, value=value)]
    if prefecture_code is not None and body.prefecture_code != prefecture_code:
        return [
            codes.R004.make(
                file,
                position,
                where,
                value=value,
                name=f"{body.prefecture_name}{body.name}"
                if body.kind != "prefecture"
                else body.name,
                prefecture=prefecture_name,
            )
        ]
    return []


def name_findings(
    name: str, code: str, reference: Reference, file: str, position: Position, where: str
) -> list[Finding]:
    """A name that differs from the registered name of the body its code names."""
    body = reference.governments.get(code)
    if body is None or body.name == name:
        return []
    return [codes.R005.make(file, position, where, value=name, code=code, expected=body.name)]
