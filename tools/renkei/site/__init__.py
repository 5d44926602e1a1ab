"""The public static site (`renkei site`): the build (`build`) over the registry read and
checked once (`data`) and its Git history (`history`, whose pages `change_pages` renders), the
pages of the registry as it is (`pages`, `tables`, tables as HTML in `table_markup`), the JSON
API (`api`), the Atom feeds (`feeds`), the downloads (`downloads`) and bundles (`bundles`), the
search index by region (`search`, and `search_index`, its step in the build, in the Pagefind
process of `pagefind_process`, which `renkei site` forks before it imports the build), the templates and
their words (`render`, `text`, templates/, static/), the paths and edit links (`links`), the
steps run in forked processes beside the pages (`forked`, their replies read by `child_reply`) and the incremental output folder
(`output`, `model`).

May import: `renkei.findings`, `renkei.registry`, `renkei.checks`, `renkei.revisions`,
`renkei.summary`, `renkei.bundle`, `renkei.export` (registry.sqlite) and `renkei.escape`; never the workflow, report or cli
packages."""
