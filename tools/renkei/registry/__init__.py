"""The registry on disk: where things live, reading its files safely, parsing YAML and CSV
(`loaders`), reference data and the labels that stand for its ids (`labels`), finding the prefecture a user means (`prefecture_lookup`), one
revision's snapshot, data packages, the validation cache, folder scaffolding and the CSV text
renkei writes (`csv_writer`). `machine_readability` (the Digital Agency's rules) lives here
because both the checks and the bundle writers use it.

May import: `renkei.findings`, `renkei.checks.table_schema` (the Table Schema loader) and
`renkei.checks.suggest`; never the revisions, summary, bundle, workflow, report or cli packages."""
