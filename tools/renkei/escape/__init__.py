"""Escaping at the borders: one module per output format, used by every writer of that format.

- `terminal`: text for a terminal or a CI log (the text formats of every command), and the
  colours of a colour terminal.
- `workflow`: GitHub Actions workflow commands (`::error file=…::message`).
- `markdown`: Markdown as GitHub renders it (job summaries, pull-request comments, .md files).
- `spreadsheet`: CSV cells and workbook cells a spreadsheet would read as formulas.

HTML and SVG are escaped by their templates (Jinja2 autoescape, xml.sax.saxutils). The rules
are described in docs/output.md.

A package of its own, beside `renkei.report`, because every writer uses it. May import:
`renkei.registry.machine_readability` (the spreadsheet number rule); nothing else of renkei.
"""
