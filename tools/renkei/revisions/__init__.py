"""The registry through time: reading Git (`git`), walking a file's history, comparing two
revisions' snapshots (`compare`, `diff`) and rendering the difference (`diff_render`); `dates`
holds the era table and the fiscal-year arithmetic used across renkei.

May import: `renkei.findings`, `renkei.registry` and `renkei.escape`; never the checks, summary,
bundle, workflow, report or cli packages (the checks use `dates`)."""
