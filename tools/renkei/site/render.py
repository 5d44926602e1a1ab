"""The site's Jinja2 templates (renkei/site/templates/) and what every page shows around its
content: the language, the navigation, the search box, the edit link and the footer."""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from renkei import __version__
from renkei.site.links import CONTRIBUTING, Page, Repository
from renkei.site.table_markup import data_table, pairs_table
from renkei.site.text import text

TEMPLATE_PACKAGE = "renkei.site"


@functools.cache
def environment() -> jinja2.Environment:
    """The templates' environment (built once per process): every value escaped, an unknown
    name an error."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(TEMPLATE_PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["data_table"] = data_table
    env.filters["pairs_table"] = pairs_table
    return env


def render_page(
    template: str,
    page: Page,
    repository: Repository,
    title: str,
    edit_path: str | None,
    **context: Any,
) -> str:
    """One page: TEMPLATE filled with CONTEXT inside the shared layout. EDIT_PATH is the
    repository file the page shows (its edit link), None for a page of no single file."""
    lang = page.lang

    def t(key: str, **values: object) -> str:
        return text(key, lang, **values)

    return (
        environment()
        .get_template(template)
        .render(
            page=page,
            lang=lang,
            t=t,
            title=title,
            version=__version__,
            edit_url=repository.edit(edit_path) if edit_path else None,
            contributing_url=repository.blob(CONTRIBUTING),
            commit_url=repository.commit,
            # Registry text (names, notes) is Japanese: marked as such on the English pages.
            data_lang="ja" if lang == "en" else None,
            **context,
        )
    )
