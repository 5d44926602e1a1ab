"""Helpers shared by the tests (test modules never import each other; they import these).

- `registry`: the tests' own registry (`copy_registry`, `Registry`), templates built once per
  process and copied per test (`from_template`).
- `environment`: the pinned locale, time zone and Git configuration.
- `gitrepo`: real Git repositories with pinned identities and dates, crafted trees.
- `documents`: synthetic platforms and visions; `principle_cases`: one case per principle code.
- `codes_tested`: the finding codes each test module triggers (the catalogue test counts them).
- `attacks`: the attack fixtures (tests/security/test_attacks.py, benchmarks/security_report.py).
- `rendered`, `html`, `report_lines`: outputs parsed as a terminal, GitHub or a browser would.
- `registry_edits`, `workbook_cases`: edits of a registry and workbook cases shared by modules.
"""
