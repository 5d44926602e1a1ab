"""Validation: each layer module checks one concern and returns findings; `validate` runs them
all over a registry (with the cache) and `suggest` proposes the nearest known value.

May import: `renkei.findings`, `renkei.registry` and `renkei.revisions.dates` (the era table);
never the summary, bundle, workflow, report or cli packages."""
