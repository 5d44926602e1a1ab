"""Spreadsheet round trip: export a prefecture to an .xlsx workbook and import it back safely
(`importing` plans an import of a workbook or CSV file, `labels` stores the labels typed in it as
ids, `apply` writes it, `outcome` says what an import or a refused export found).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks`, `renkei.revisions`,
`renkei.report` (the finding lines of an import) and `renkei.escape`; never the summary,
bundle, workflow or cli packages."""
