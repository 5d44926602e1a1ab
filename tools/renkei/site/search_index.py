"""The site's search index as a step of the build: which regions' indexes must be made again
(their pages' inputs changed, or their files are missing), Pagefind run for those in a thread
beside the rest of the build (the downloads and bundles need no page), and the files recorded
in the manifest when it is done."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from renkei.site.data import RegistryData
from renkei.site.output import SiteWriter, input_hash
from renkei.site.pages import platform_path, prefecture_path
from renkei.site.search import BUNDLES_FILE, Region, index_regions, regions

#: The writer's cache entry: each region's key and the files of its index.
CACHE_KEY = "search"


def searched_pages(data: RegistryData) -> dict[str, list[str]]:
    """Each folder's pages in the search, in both languages: its page, its vision, its
    platforms."""
    found: dict[str, list[str]] = {
        f: [prefecture_path(f), f"prefectures/{f}/vision.html"] for f in data.folders
    }
    for platform_id, (folder, _platform) in data.platforms().items():
        found.setdefault(folder, []).append(platform_path(platform_id))
    return {f: [*pages, *(f"en/{p}" for p in pages)] for f, pages in found.items()}


class SearchIndexing:
    """Started once the searched pages are written; `finish` waits for Pagefind and records
    the index (raising its SiteError, if any, there)."""

    def __init__(self, writer: SiteWriter, data: RegistryData) -> None:
        self.writer = writer
        self.cached: dict[str, Any] = writer.cache.setdefault(CACHE_KEY, {})
        self.regions = regions(searched_pages(data))
        self.keys = {r.name: self._key(r) for r in self.regions}
        self.todo = [r for r in self.regions if not self._kept(r)]
        self._written: list[Path] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self._thread.start()

    def _key(self, region: Region) -> str:
        return input_hash(
            "search", region.name, [(p, self.writer.files.get(p)) for p in region.pages]
        )

    def _kept(self, region: Region) -> bool:
        item = self.cached.get(region.name)
        if not isinstance(item, dict) or item.get("key") != self.keys[region.name]:
            return False
        files = item.get("files")
        return (
            isinstance(files, list)
            and all(isinstance(p, str) and (self.writer.out_dir / p).is_file() for p in files)
            and bool(files)
        )

    def _run(self) -> None:
        try:
            self._written = index_regions(self.writer.out_dir, self.todo)
        except BaseException as error:  # raised again in `finish`, in the build's thread
            self._error = error

    def finish(self) -> None:
        """Wait for Pagefind; record every region's files and the list the search box reads."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        out_dir = self.writer.out_dir
        fresh = {r.name for r in self.todo}
        for region in self.regions:
            key = self.keys[region.name]
            if region.name in fresh:
                prefix = f"{region.folder}/"
                files = [
                    p.relative_to(out_dir).as_posix()
                    for p in self._written
                    if p.relative_to(out_dir).as_posix().startswith(prefix)
                ]
                self.cached[region.name] = {"key": key, "files": files}
            files = self.cached[region.name]["files"]
            for path in files:
                self.writer.adopt(path, input_hash(key, path))
        for name in set(self.cached) - set(self.keys):
            del self.cached[name]
        names = [r.name for r in self.regions]
        self.writer.emit(BUNDLES_FILE, input_hash(names), lambda: json.dumps(names) + "\n")
