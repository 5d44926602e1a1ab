"""The site's search index as a step of the build. Pagefind runs in a process of its own
(`renkei.site.pagefind_process`), forked when the build starts or before, where it loads its
Japanese segmentation while the pages are made; once the searched pages are written, it is told
which regions' indexes to make again (those whose pages' inputs changed, or whose files are
missing) and indexes them while the downloads are written; their files are recorded in the
manifest when it is done."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from renkei.site.data import RegistryData
from renkei.site.output import SiteWriter, input_hash
from renkei.site.pagefind_process import PagefindProcess
from renkei.site.pages import platform_path, prefecture_path, vision_path
from renkei.site.search import BUNDLES_FILE, Region, index_regions, regions

#: The writer's cache entry: each region's key and the files of its index.
CACHE_KEY = "search"


def searched_pages(data: RegistryData) -> dict[str, list[str]]:
    """Each folder's pages in the search, in both languages: its page, its vision, its
    platforms."""
    found = {f: [prefecture_path(f), vision_path(f)] for f in data.folders}
    for platform_id, (folder, _platform) in data.platforms().items():
        found.setdefault(folder, []).append(platform_path(platform_id))
    return {f: [*pages, *(f"en/{p}" for p in pages)] for f, pages in found.items()}


class SearchIndexing:
    """Made when the build starts, with the Pagefind process `renkei site` forked before it
    imported the build (PAGEFIND), or one forked now (unless FORK is false: then Pagefind runs
    at `finish`, in this process); `start` once the searched pages are written; `finish` waits
    for the index and records it (raising its SiteError, if any)."""

    def __init__(
        self, out_dir: Path, fork: bool = True, pagefind: PagefindProcess | None = None
    ) -> None:
        self.out_dir = out_dir
        self.regions: list[Region] = []
        self.todo: list[Region] = []
        self.keys: dict[str, str] = {}
        self.cached: dict[str, Any] = {}
        if pagefind is None and fork:
            pagefind = PagefindProcess.started(out_dir)
        self._pagefind = pagefind

    def start(self, writer: SiteWriter, data: RegistryData) -> None:
        """The regions to index again, sent to Pagefind (indexed now, beside the downloads)."""
        self.cached = writer.cache.setdefault(CACHE_KEY, {})
        self.regions = regions(searched_pages(data))
        for region in self.regions:
            pages = [(p, writer.files.get(p)) for p in region.pages]
            self.keys[region.name] = input_hash("search", region.name, pages)
        self.todo = [
            r for r in self.regions if not _kept(writer, self.cached.get(r.name), self.keys[r.name])
        ]
        if self._pagefind is not None:
            self._pagefind.send([(r.name, list(r.pages)) for r in self.todo])

    def finish(self, writer: SiteWriter) -> None:
        """Wait for Pagefind; record every region's files and the list the search box reads."""
        written = self._written()
        cached = self.cached
        fresh = {r.name for r in self.todo}
        for region in self.regions:
            key = self.keys[region.name]
            if region.name in fresh:
                prefix = f"{region.folder}/"
                files = [p for p in written if p.startswith(prefix)]
                cached[region.name] = {"key": key, "files": files}
            for path in cached[region.name]["files"]:
                writer.adopt(path, input_hash(key, path))
        for name in set(cached) - set(self.keys):
            del cached[name]
        names = [r.name for r in self.regions]
        writer.emit(BUNDLES_FILE, input_hash(names), lambda: json.dumps(names) + "\n")

    def abandon(self) -> None:
        """Stop Pagefind (the build failed before it needed the index)."""
        if self._pagefind is not None:
            self._pagefind.abandon()

    def _written(self) -> list[str]:
        """The files of the new indexes, relative to the site."""
        if self._pagefind is None:  # no fork on this system: indexed here, now
            made = index_regions(self.out_dir, self.todo)
            return [p.relative_to(self.out_dir.resolve()).as_posix() for p in made]
        return self._pagefind.written()


def _kept(writer: SiteWriter, item: Any, key: str) -> bool:
    """A region's previous index is kept: same KEY, and every one of its files still there."""
    if not isinstance(item, dict) or item.get("key") != key:
        return False
    files = item.get("files")
    return (
        isinstance(files, list)
        and bool(files)
        and all(isinstance(p, str) and writer.has_file(p) for p in files)
    )
