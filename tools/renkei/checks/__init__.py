"""Validation: each layer module checks one concern and returns findings; `validate` runs them
all over a registry (with the cache).

- the runner: `validate` (the registry, the cross-file pass, the cache) and `prefecture` (every
  per-folder layer on one prefecture folder);
- JSON Schema: `json_schema` (the two engines' one verdict), `integer_literal` (the keyword
  both engines add), `schema_errors` (errors as located findings), `patterns` (whole-value
  patterns read the same by every engine);
- Table Schema: `table_schema` (the schema and its keywords), `table_rows` (a table's header,
  rows and keys), `table_cells` (one cell against its field);
- references: `yaml_references` and `table_references` (codes, fields, technologies, platform
  ids), `codes` (local-government codes and names);
- text: `characters` (what the bundle's writers refuse), `names` (names that do not display as
  written);
- the Agency's principles: `principles`, `vision_consistency`, `platform_entries`;
- hints: `suggest` (the id a label stands for, the nearest known value, corrected codes and
  dates).

May import: `renkei.findings`, `renkei.registry` and `renkei.revisions.dates` (the era table);
never the summary, bundle, workflow, report or cli packages."""
