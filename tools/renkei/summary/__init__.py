"""The national summary: figures computed from the registry (`build`), written as text, Markdown,
CSV or JSON (`render`) and to files with the map beside the Markdown (`files`), the prefecture
map (`map_svg`) and the overview of `validate --summary` (`overview`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks`, `renkei.revisions` and
`renkei.escape`; never the bundle, workflow, report or cli packages."""
