"""Exports of the whole registry for people who query it: `sqlite` writes registry.sqlite (every
prefecture's tables, platforms.yaml, vision.yaml and prefecture.yaml as tables, the reference
tables and the history of changes from Git) with its Datasette `metadata` beside it. The tables
are described in `model`, made from the registry's files by `tables` (CSV), `documents` (YAML)
and `reference`, and from Git by `history`; `write_sqlite` (in `sqlite`) is the one entry point.

May import: `renkei.findings`, `renkei.registry`, `renkei.checks.table_schema` (the Table Schema
loader) and `renkei.revisions`; never the summary, bundle, workflow, report or cli packages."""
