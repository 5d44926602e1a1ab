"""Submission bundles: building one (`build` over its steps: `model` for the request and the
result, `prepare` for the revision read and validated once, `package` for the CSV tables and
datapackage.json, `manifest`, `tables`, `vision_page`, `survey_xlsx`), every one of a revision
with the national summary (`all_prefectures`), its manifest's schema (`manifest_schema`),
rebuilding it from Git (`rebuild`), checking one received (`verify`), its reproducible zip
(`reprozip`) and what the commands say about the outcome (`outcome_text`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks`, `renkei.revisions`,
`renkei.summary`, `renkei.report`, `renkei.workbook` (the survey workbook) and `renkei.escape`; never the workflow or cli packages."""
