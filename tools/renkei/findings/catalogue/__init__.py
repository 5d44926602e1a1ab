"""The finding catalogue: every finding code renkei can report, in Japanese and English.

One module per code family, one constant per code (re-exported by `renkei.findings.codes`).
`docs/errors.md` is generated from this catalogue (`renkei docs errors`), and a test fails when
the two drift. Codes are stable: never reuse or renumber one.

Code families: P = reading and parsing a file (`parse`), S = JSON Schema (`json_schema`),
T = Table Schema of a CSV (`table_schema`), R = reference data: codes, names, vocabularies
(`reference`), X = cross-file consistency (`cross_file`), B = submission bundles checked by
verify-bundle (`bundle`), W = importing a workbook or CSV (`workbook`), A = the Agency's three
principles and the vision's consistency (`principles`), and the guidebook's rules for a platform
and the hub role (`guidebook`; warnings, errors under --strict).
"""

from __future__ import annotations

from types import ModuleType

from renkei.findings.catalogue import (
    bundle,
    cross_file,
    guidebook,
    json_schema,
    parse,
    principles,
    reference,
    table_schema,
    workbook,
)
from renkei.findings.finding_type import FindingType

FAMILIES: dict[str, ModuleType] = {
    "parse": parse,
    "json_schema": json_schema,
    "table_schema": table_schema,
    "reference": reference,
    "bundle": bundle,
    "principles": principles,
    "guidebook": guidebook,
    "cross_file": cross_file,
    "workbook": workbook,
}


def _collect() -> dict[str, FindingType]:
    found: dict[str, FindingType] = {}
    for module in FAMILIES.values():
        for value in vars(module).values():
            if isinstance(value, FindingType):
                found[value.code] = value
    return found


#: Every finding type by its code, family by family in the order of the docs.
CATALOGUE: dict[str, FindingType] = _collect()
