"""Submission bundles: building one (`build`, `tables`, `vision_page`, `survey_xlsx`), its
manifest's schema (`manifest_schema`), rebuilding it from Git (`rebuild`), checking one received
(`verify`), its reprozip-style description (`reprozip`) and what the commands say about the
outcome (`outcome_text`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks`, `renkei.revisions`,
`renkei.summary`, `renkei.report` and `renkei.escape`; never the workflow or cli packages."""
