"""The pages of a built site, sorted by template: what the browser tests open.

A page's template is its path with the folder below the first and the file name (but
index.html) replaced by `*`: `prefectures/13-tokyo/index.html` is `prefectures/*/index.html`,
`prefectures/13-tokyo/fy/2025.html` is `prefectures/*/fy/*`; in its language: Japanese at
the root, English under `en/`. The search index (`pagefind/`), the API (`api/`) and the static
files (`assets/`, `static/`) hold no page of the site.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

#: Folders of the built site that hold no page of its own.
NOT_PAGES = {"pagefind", "api", "assets", "static"}


def site_pages(root: Path) -> list[str]:
    """Every HTML page of the site at ROOT, as a path below it."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        parts = relative.split("/")
        if parts[0] == "en":
            parts = parts[1:]
        if parts and parts[0] not in NOT_PAGES:
            pages.append(relative)
    return pages


def language(page: str) -> str:
    """The language a page's path says: en under en/, else ja."""
    return "en" if page.startswith("en/") else "ja"


def template(page: str) -> str:
    """The template a page is made from (see the module's docstring), with its language."""
    parts = list(PurePosixPath(page).parts)
    if parts[0] == "en":
        parts = parts[1:]
    last = len(parts) - 1
    shape = [
        part if index == 0 or part == "index.html" or 1 < index < last else "*"
        for index, part in enumerate(parts)
    ]
    return f"{language(page)}:{'/'.join(shape)}"


def one_page_per_template(root: Path) -> dict[str, str]:
    """A page of every template in each language: the largest (the most to look at)."""
    chosen: dict[str, str] = {}
    for page in site_pages(root):
        key = template(page)
        if key not in chosen or (root / page).stat().st_size > (root / chosen[key]).stat().st_size:
            chosen[key] = page
    return dict(sorted(chosen.items()))


class _HtmlLang(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang") or ""


def declared_language(path: Path) -> str | None:
    """The `lang` of a page's <html> element ("" when it has none, None without <html>)."""
    parser = _HtmlLang()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.lang
