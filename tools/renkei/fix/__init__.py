"""`renkei fix`: the safe fixes of registry files, shown as a diff and written only when asked.

A safe fix changes a value only where the schema says what it must be and exactly one value
fits: a label to its id (`分野間` → `cross_field`), full-width digits and spaces in an id, a code
or a date, an era or slash date to ISO 8601 where the schema expects a date, and trailing
spaces. Each fix edits the file's text at the value's position, so comments, quoting, order
and line endings stay byte for byte; a file whose fixed text would not read back as intended is
left alone.

Owns: the edits (`model`), the fixes of one value (`values`), YAML and CSV files (`yaml_fix`,
`yaml_spans`, `csv_fix`, `csv_spans`), the text edits and the diff (`text`), the run over
files (`run`) and what it reports (`render`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks` (the schemas and their
patterns), `renkei.revisions.dates` (the era table), `renkei.report` (finding lines) and
`renkei.escape`; never the summary, bundle, workbook, workflow or cli packages."""
