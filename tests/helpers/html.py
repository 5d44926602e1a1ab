"""HTML as a browser would parse it, for assertions on rendered pages."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class HtmlOutline(HTMLParser):
    """The start tags and the text of an HTML page, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.texts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)
