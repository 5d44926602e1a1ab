"""The finding codes triggered outside tests/findings/test_finding_codes.py, by the test module
that triggers them. The catalogue test counts these with its own cases, the principle cases and
the workbook cases, and checks that each code here is named in its module."""

from __future__ import annotations

CODES_TESTED_IN = {
    "bundle/test_bundle.py": ["B001", "B002", "B003", "B004", "B005", "B006", "B007"],
    "bundle/test_bundle_gate.py": ["B008", "B009"],
    "bundle/test_verify_bundle.py": ["B010", "B011", "B012", "B013", "B014", "B015", "B016"],
    "checks/test_gb3_rules.py": ["A013"],
    "checks/test_new_checks.py": ["A014", "A015", "A016", "X013"],
    "checks/test_area_counts.py": ["X014", "X015"],
    "checks/test_table_dimensions.py": ["A017", "X016", "X017", "X018"],
    "registry/test_safe_reads.py": ["P020", "P021"],
    "workbook/test_import_labels.py": ["W013", "W014"],
}
