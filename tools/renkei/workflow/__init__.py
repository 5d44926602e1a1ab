"""Pre-commit and CI work on a change: who owns which folder (`ownership`, CODEOWNERS), what a
change touches (`scope`, `change_kind`), the findings it introduces and resolves
(`finding_changes`), the repository's hygiene rules (`hygiene`) and GitHub annotations of
findings with the lines a pull request changed (`annotations`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks` (to validate both sides of a
change), `renkei.revisions`, `renkei.report` and `renkei.escape`; never the summary, bundle or cli packages. `hygiene` runs as a hook and imports
as little as it can."""
