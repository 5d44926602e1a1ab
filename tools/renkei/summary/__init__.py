"""The national summary: figures computed from the registry (`build`), written as text, Markdown,
CSV or JSON (`render`), the prefecture map (`map_svg`) and the overview page (`overview`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks`, `renkei.revisions` and
`renkei.escape`; never the bundle, workflow, report or cli packages."""
