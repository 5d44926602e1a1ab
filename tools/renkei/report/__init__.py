"""Printing findings: one finding as text lines (`reporters.finding_lines`, the one renderer every
text output uses) and the text, JSON and GitHub reporters of a whole report (`reporters`).
Escaping each value for its medium is `renkei.escape`, a package of its own because the
workbook, bundle and diff writers use it too.

May import: `renkei.findings` and `renkei.escape`; nothing else of renkei."""
