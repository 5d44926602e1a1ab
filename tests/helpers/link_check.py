"""A link check over a built static site, offline.

Every `<a href>`, `<area href>`, `<link href>`, `<script src>`, `<img src>`, `<iframe src>` and
`<source src>` of every HTML page under the root is resolved as a browser would resolve it from
the page's URL (the root served at `/`): an internal link must name a file under the root (a
folder or a URL ending in `/` means its index.html), and its fragment must be an `id` (or an
`<a name>`) of the page it names. External links (http, https, protocol-relative) are only
collected, never fetched; `mailto:`, `tel:`, `data:` and `javascript:` are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

#: The attributes that load or link something, by element.
LINK_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
    "iframe": "src", "source": "src",
}  # fmt: skip
NOT_CHECKED = ("mailto:", "tel:", "data:", "javascript:")
#: Fragments a browser always resolves (the top of the page).
ALWAYS_THERE = {"", "top"}


@dataclass(frozen=True)
class Broken:
    """A link that does not resolve: where it is, what it says, and why."""

    page: str
    element: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: <{self.element}> {self.url!r}: {self.reason}"


@dataclass
class LinkReport:
    """What the check found: pages read, internal links checked, broken ones, external URLs."""

    pages: int = 0
    internal: int = 0
    broken: list[Broken] = field(default_factory=list)
    external: set[str] = field(default_factory=set)

    def show(self) -> str:
        """The broken links, one a line, after a count."""
        head = f"{len(self.broken)} broken link(s) in {self.pages} page(s)"
        return "\n".join([head, *(f"  {b}" for b in self.broken)])


class _PageLinks(HTMLParser):
    """The ids and the links of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        wanted = LINK_ATTRIBUTES.get(tag)
        if wanted and wanted in values:
            self.links.append((f"{tag} {wanted}", values[wanted].strip()))


def _parse(path: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _target(root: Path, url_path: str) -> Path | None:
    """The file a URL path names under ROOT, or None when there is none (or it leaves ROOT)."""
    relative = PurePosixPath(unquote(url_path)).parts[1:]  # drop the leading "/"
    if ".." in relative:
        return None
    candidate = root.joinpath(*relative) if relative else root
    if url_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(root: Path) -> LinkReport:
    """Check every link of every HTML page under ROOT (see the module's docstring)."""
    root = root.resolve()
    report = LinkReport()
    pages = sorted(root.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    report.pages = len(pages)
    for page, links in parsed.items():
        page_url = "/" + page.relative_to(root).as_posix()
        for element, url in links.links:
            if url.lower().startswith(NOT_CHECKED):
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                report.external.add(url)
                continue
            if parts.scheme:
                report.broken.append(Broken(page_url, element, url, "unknown scheme"))
                continue
            report.internal += 1
            resolved = urlsplit(urljoin(page_url, url))
            target = _target(root, resolved.path or page_url)
            if target is None:
                report.broken.append(Broken(page_url, element, url, "no such file"))
                continue
            fragment = unquote(resolved.fragment)
            if fragment in ALWAYS_THERE or target.suffix != ".html":
                continue
            ids = parsed[target].ids if target in parsed else _parse(target).ids
            if fragment not in ids:
                report.broken.append(
                    Broken(page_url, element, url, f"no id {fragment!r} in {target.name}")
                )
    return report
