"""The registry through time: Git access (`git`: the repository, its revisions and the files
they hold; `git_changes`: the commits that changed a file, the paths and lines a change
touches), the vision history and fiscal-year revisions (`history`, shown by `log_table`),
comparing two revisions' snapshots (`compare`, `diff`) and rendering the difference
(`diff_render`: text, Markdown, JSON, HTML); every change of history in one pass
(`change_walk`) and each platform's timeline from it (`platform_timeline`); `dates` holds the era table and the fiscal-year
arithmetic used across renkei.

May import: `renkei.findings`, `renkei.registry` and `renkei.escape`; never the checks, summary,
bundle, workflow, report or cli packages (the checks use `dates`)."""
