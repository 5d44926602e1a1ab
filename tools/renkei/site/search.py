"""Search over the site with Pagefind, run at build time through its Python API (one Pagefind
process for the whole build): it indexes the pages marked `data-pagefind-body` (prefectures,
visions, platforms; municipalities are on their prefecture's page), each language apart (the
`lang` of <html>).

The index is split by region (the eight 地方区分, by prefecture code): pagefind/<region>/ each,
listed in pagefind/bundles.json, which the search box reads to merge them (Pagefind's
`mergeIndex`). A rebuild indexes again only the regions whose pages changed: Japanese
segmentation costs Pagefind about a second before its first page, and a region is a fraction of
the pages."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from renkei.site.model import SiteError

if TYPE_CHECKING:
    from pagefind.service import PagefindService

INDEX_DIR = "pagefind"
#: The list of the regions' indexes the search box merges (the first is the primary).
BUNDLES_FILE = f"{INDEX_DIR}/bundles.json"
#: The eight regions (地方区分) by their first and last prefecture code (JIS X 0401).
REGIONS = (
    ("hokkaido", 1, 1),
    ("tohoku", 2, 7),
    ("kanto", 8, 14),
    ("chubu", 15, 23),
    ("kinki", 24, 30),
    ("chugoku", 31, 35),
    ("shikoku", 36, 39),
    ("kyushu-okinawa", 40, 47),
)
#: The index of a folder whose code is in no region.
OTHER_REGION = "other"
#: The page `warm_up` indexes (Japanese text: it loads the segmentation).
WARM_UP_PAGE = (
    '<!DOCTYPE html><html lang="ja"><head><title>索引</title></head>'
    "<body><main data-pagefind-body><p>データ連携基盤の共同利用</p></main></body></html>"
)
_T = TypeVar("_T")


@dataclass(frozen=True)
class Region:
    """One region's index: its name and the pages it indexes (paths in the site)."""

    name: str
    pages: tuple[str, ...]

    @property
    def folder(self) -> str:
        """Where its index is written in the site."""
        return f"{INDEX_DIR}/{self.name}"


def region_of(folder: str) -> str:
    """The region of a prefecture folder (by the code it starts with)."""
    code = folder.split("-", 1)[0]
    number = int(code) if code.isdigit() else 0
    return next((name for name, first, last in REGIONS if first <= number <= last), OTHER_REGION)


def regions(pages_by_folder: dict[str, list[str]]) -> list[Region]:
    """The regions that have pages, in code order, from each folder's searched pages."""
    grouped: dict[str, list[str]] = {}
    for folder in sorted(pages_by_folder):
        grouped.setdefault(region_of(folder), []).extend(pages_by_folder[folder])
    order = [name for name, _first, _last in REGIONS] + [OTHER_REGION]
    return [Region(n, tuple(sorted(grouped[n]))) for n in order if grouped.get(n)]


def index_regions(out_dir: Path, todo: list[Region]) -> list[Path]:
    """Index each region of TODO into OUT_DIR/pagefind/<region>/ (replacing what was there),
    all in one Pagefind process; the files written. A SiteError when Pagefind cannot run or a
    region's pages are missing; a region's previous index is kept until its new one
    is complete."""
    if not todo:
        return []

    async def session() -> list[Path]:
        from renkei.site.pagefind_service import PromptPagefindService

        async with PromptPagefindService() as service:
            return await index_with(service, out_dir, todo)

    return run_pagefind(session)


def run_pagefind(session: Callable[[], Coroutine[Any, Any, _T]]) -> _T:
    """SESSION run with Pagefind's Python API; its errors (plain Exceptions carrying Pagefind's
    message, or a missing binary) as a SiteError."""
    try:
        return asyncio.run(session())
    except SiteError:
        raise
    except Exception as error:
        raise SiteError(
            f"Pagefind could not index the site: {error}",
            f"Pagefind がサイトの索引を作れませんでした: {error}",
        ) from error


async def warm_up(service: PagefindService) -> None:
    """Make SERVICE load its Japanese segmentation (about a second) now, on a page of its own
    that is never written, so that indexing the site later does not wait for it."""
    index = await service.create_index({})
    await index.add_html_file(content=WARM_UP_PAGE, url="/")


async def index_with(service: PagefindService, out_dir: Path, todo: list[Region]) -> list[Path]:
    """`index_regions` on a running Pagefind SERVICE."""
    out_dir = out_dir.resolve()

    async def one(region: Region) -> int:
        staging = _staging(out_dir, region)
        shutil.rmtree(staging, ignore_errors=True)
        index = await service.create_index({})
        found = await index.add_directory(str(out_dir), glob=_glob(region.pages))
        await index.write_files(output_path=str(staging))
        return int(found.get("page_count", 0))

    counts = list(await asyncio.gather(*(one(region) for region in todo)))
    empty = [region.name for region, count in zip(todo, counts, strict=True) if count == 0]
    if empty:
        for region in todo:
            shutil.rmtree(_staging(out_dir, region), ignore_errors=True)
        raise SiteError(
            f"Pagefind found no page to index for {', '.join(empty)}: the site's pages are "
            "missing; build the site again into an empty folder.",
            f"{', '.join(empty)} の索引にするページがありません（サイトのページが欠けています）。"
            "空のフォルダにサイトを作り直してください。",
        )
    written: list[Path] = []
    for region in todo:
        target = out_dir / region.folder
        shutil.rmtree(target, ignore_errors=True)
        _staging(out_dir, region).rename(target)
        written += sorted(p for p in target.rglob("*") if p.is_file())
    return written


def _staging(out_dir: Path, region: Region) -> Path:
    return out_dir / INDEX_DIR / f".{region.name}.new"


def _glob(pages: tuple[str, ...]) -> str:
    """PAGES as one Pagefind glob. Their folders and ids are lower-case letters, digits and
    hyphens (`FOLDER_PATTERN`, `SAFE_ID`): nothing in them is a pattern character."""
    return "{" + ",".join(pages) + "}"
