"""The history's pages of the previous build, used again when nothing they read has changed: the
same commit (and the same depth of a shallow clone), the same pages around them (renkei's
code, the settings, the shared files) and the same prefecture folders. A rebuild after an edit
to the working tree then reads no Git log and computes no key of a change or fiscal-year page.

What is kept, in the manifest's cache: the key, the pages (each in both languages), each
folder's fiscal years and the order of the change records (which stay in the "changes" cache).
Anything missing or of another shape, a page deleted or written from other inputs: the
history is walked as on a first build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from renkei.site.links import Page
from renkei.site.model import LANGUAGES
from renkei.site.output import SiteWriter, input_hash

if TYPE_CHECKING:
    import git


@dataclass
class YearPage:
    """A prefecture's fiscal year with a page: its year, the year before it (None for the
    first) and the page's path."""

    year: int
    since: int | None
    path: str


#: The writer's cache entry.
CACHE_KEY = "history_pages"


def history_key(repo: git.Repo, shared_hash: str, names: dict[str, str]) -> str:
    """What every history page reads besides the commits: the commit at HEAD, the clone's
    shallow boundary, the pages' shared inputs and each folder's name."""
    shallow = Path(repo.git_dir) / "shallow"
    try:
        boundary = shallow.read_text(encoding="utf-8") if shallow.is_file() else ""
    except (OSError, UnicodeDecodeError):
        boundary = None  # unreadable: never the same as a kept key
    return input_hash(
        "history pages", repo.head.commit.hexsha, boundary, shared_hash, sorted(names.items())
    )


def reuse(
    writer: SiteWriter, key: str, records: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, list[YearPage]]] | None:
    """The records (oldest first) and fiscal years of the previous build when it was made from
    KEY and every one of its pages is still there as it wrote them; each page is then kept.
    RECORDS: the change records by "sha:folder" (the "changes" cache)."""
    item = writer.cache.get(CACHE_KEY)
    if not isinstance(item, dict) or item.get("key") != key:
        return None
    order, pages, years = item.get("records"), item.get("pages"), item.get("years")
    if not (_texts(order) and _texts(pages) and isinstance(years, dict)):
        return None
    if not all(k in records for k in order):
        return None
    files = [Page(path, lang).file for path in pages for lang in LANGUAGES]
    if not all(f in writer.old and writer.has_file(f) for f in files):
        return None
    found: dict[str, list[YearPage]] = {}
    for folder, rows in years.items():
        if not isinstance(rows, list) or not all(_year_row(r) for r in rows):
            return None
        found[folder] = [YearPage(r[0], r[1], r[2]) for r in rows]
    for path in files:
        writer.current(path, writer.old[path])
    for stale in set(records) - set(order):
        del records[stale]
    return [records[k] for k in order], found


def remember(
    writer: SiteWriter,
    key: str,
    order: list[str],
    pages: list[str],
    years: dict[str, list[YearPage]],
) -> None:
    """What `reuse` needs next time: the records' ORDER, the PAGES and each folder's YEARS."""
    writer.cache[CACHE_KEY] = {
        "key": key,
        "records": order,
        "pages": pages,
        "years": {f: [[y.year, y.since, y.path] for y in rows] for f, rows in years.items()},
    }


def _texts(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _year_row(row: Any) -> bool:
    return (
        isinstance(row, list)
        and len(row) == 3
        and type(row[0]) is int
        and (row[1] is None or type(row[1]) is int)
        and isinstance(row[2], str)
    )
