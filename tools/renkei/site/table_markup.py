"""The site's tables as HTML, written in Python rather than as template macros: a platform
page holds thousands of cells, and a template loop over them cost more than the rest of the
page. The templates call `data_table` and `pairs_table` as filters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

#: The characters `markupsafe.escape` replaces.
_ESCAPED = re.compile("[&<>'\"]")


def _text(value: Any) -> str:
    # Escaped as the templates escape (markup already safe stays as it is). Most cells are
    # plain text with nothing to escape: they are taken as they are (a site's tables hold a
    # million cells, and escaping each one cost a tenth of rendering them).
    if type(value) is str and _ESCAPED.search(value) is None:
        return value
    return str(escape(value))


def _cell(cell: Any) -> str:
    if isinstance(cell, dict) and "href" in cell:
        return f'<a href="{_text(cell["href"])}">{_text(cell["text"])}</a>'
    return _text(cell)


def data_table(tbl: dict[str, Any], data_lang: str | None) -> Markup:
    """A table of `tables.table` (its first cell of a row heads the row, in DATA_LANG when the
    registry's text is in another language than the page), or without rows its words for that
    (after its caption when they are a bare word); marked to be left out of the search when it
    is not searched."""
    caption = _text(tbl["caption"])
    ignored = "" if tbl.get("searched", True) else " data-pagefind-ignore"
    if not tbl["rows"]:
        # Its section's heading names the table: a sentence of its own needs no caption.
        said = "" if tbl.get("empty_names_it", True) else f"{caption}: "
        return Markup(f"<p{ignored}>{said}{_text(tbl['empty'])}</p>")
    lang = f' lang="{_text(data_lang)}"' if data_lang else ""
    heads = "".join(f'<th scope="col">{_text(h)}</th>' for h in tbl["headers"])
    lines = [
        f'<div class="scroll" tabindex="0" role="region" aria-label="{caption}"{ignored}>',
        '<table class="data">',
        f"<caption>{caption}</caption>",
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for row in tbl["rows"]:
        cells = iter(row)
        first = next(cells, None)
        head = f'<th scope="row"{lang}>{_cell(first)}</th>' if row else ""
        lines.append(f"<tr>{head}{''.join(f'<td>{_cell(c)}</td>' for c in cells)}</tr>")
    lines += ["</tbody>", "</table>", "</div>", ""]
    return Markup("\n".join(lines))


#: Values no one searches for: a row that shows one of them is left out of the search index.
_UNSEARCHED = frozenset(("はい", "いいえ", "不明", "—", "yes", "no", "unknown", "なし", "あり"))
_FIGURE = re.compile(r"[0-9０-９][0-9０-９,.\-/ ]*")


def pairs_table(rows: Iterable[tuple[Any, Any]], data_lang: str | None = None) -> Markup:
    """(name, value) rows as a table of two columns, the name heading each row. A row whose
    value is a yes, a no, an unknown or a figure is shown but not indexed for search (its
    words would match every page)."""
    body = []
    for name, value in rows:
        shown = _text(value)
        unsearched = shown in _UNSEARCHED or _FIGURE.fullmatch(shown)
        marker = " data-pagefind-ignore" if unsearched else ""
        body.append(f'<tr{marker}><th scope="row">{_text(name)}</th><td>{shown}</td></tr>\n')
    return Markup(f'<table class="data pairs">\n<tbody>\n{"".join(body)}</tbody>\n</table>\n')
