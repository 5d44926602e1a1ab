"""The site's search index as a step of the build. Pagefind is started in a process forked
when the build starts, where it loads its Japanese segmentation while the pages are made; once
the searched pages are written, it is told which regions' indexes to make again (those whose
pages' inputs changed, or whose files are missing) and indexes them while the downloads are
written; their files are recorded in the manifest when it is done."""

from __future__ import annotations

import asyncio
import contextlib
import json
import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from renkei.findings.errors import BilingualError
from renkei.site.data import RegistryData
from renkei.site.model import SiteError
from renkei.site.output import SiteWriter, input_hash
from renkei.site.pages import platform_path, prefecture_path, vision_path
from renkei.site.search import (
    BUNDLES_FILE,
    Region,
    index_regions,
    index_with,
    regions,
    run_pagefind,
    warm_up,
)

#: The writer's cache entry: each region's key and the files of its index.
CACHE_KEY = "search"
#: A region as it is sent to the Pagefind process: (name, pages).
Sent = list[tuple[str, list[str]]]


def searched_pages(data: RegistryData) -> dict[str, list[str]]:
    """Each folder's pages in the search, in both languages: its page, its vision, its
    platforms."""
    found = {f: [prefecture_path(f), vision_path(f)] for f in data.folders}
    for platform_id, (folder, _platform) in data.platforms().items():
        found.setdefault(folder, []).append(platform_path(platform_id))
    return {f: [*pages, *(f"en/{p}" for p in pages)] for f, pages in found.items()}


class SearchIndexing:
    """Made when the build starts (Pagefind warms up in a forked process, unless FORK is false:
    then it runs at `finish`, in this process); `start` once the searched pages are written;
    `finish` waits for the index and records it (raising its SiteError, if any)."""

    def __init__(self, out_dir: Path, fork: bool = True) -> None:
        self.out_dir = out_dir
        self.regions: list[Region] = []
        self.todo: list[Region] = []
        self.keys: dict[str, str] = {}
        self.cached: dict[str, Any] = {}
        self._connection: Connection | None = None
        self._process: Any = None
        if fork and "fork" in mp.get_all_start_methods():
            context = mp.get_context("fork")
            ours, theirs = context.Pipe()
            self._process = context.Process(target=_serve, args=(theirs, out_dir), daemon=True)
            self._process.start()
            theirs.close()
            self._connection = ours

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
        if self._connection is not None:
            self._connection.send([(r.name, list(r.pages)) for r in self.todo])

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
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()

    def _written(self) -> list[str]:
        """The files of the new indexes, relative to the site."""
        if self._connection is None:  # no fork on this system: indexed here, now
            made = index_regions(self.out_dir, self.todo)
            return [p.relative_to(self.out_dir.resolve()).as_posix() for p in made]
        try:
            message = self._connection.recv()
        except EOFError:
            message = ("failed", "Pagefind's process ended without a result",
                       "Pagefind のプロセスが結果を返さずに終了しました")  # fmt: skip
        finally:
            self.abandon()
        if message[0] != "done":
            raise SiteError(message[1], message[2])
        return list(message[1])


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


def _serve(connection: Connection, out_dir: Path) -> None:
    """In the forked process: start Pagefind and warm it up while the build waits for the
    regions to index; index them and reply. When there is none (a rebuild whose searched pages
    did not change), Pagefind is stopped at once, without waiting for it to be warm."""

    async def session() -> list[Path]:
        from renkei.site.pagefind_service import PromptPagefindService

        service = PromptPagefindService()
        async with service:
            warming = asyncio.ensure_future(warm_up(service))
            loop = asyncio.get_running_loop()
            sent: Sent | None = await loop.run_in_executor(None, _receive, connection)
            if not sent:  # nothing to index: Pagefind is stopped, warm or not
                service.stop()
                with contextlib.suppress(asyncio.CancelledError):
                    await warming
                return []
            await warming
            todo = [Region(name, tuple(pages)) for name, pages in sent]
            return await index_with(service, out_dir, todo)

    try:
        made = run_pagefind(session)
        reply: tuple[Any, ...] = (
            "done",
            [p.relative_to(out_dir.resolve()).as_posix() for p in made],
        )
    except BilingualError as error:  # a SiteError, an ExportError: both languages
        reply = ("failed", error.message_en, error.message_ja)
    except Exception as error:  # sent to the build, which reports it as a SiteError
        reply = ("failed", f"Pagefind: {type(error).__name__}: {error}", f"Pagefind: {error}")
    with contextlib.suppress(OSError):  # the build stopped waiting (it failed elsewhere)
        connection.send(reply)
    connection.close()


def _receive(connection: Connection) -> Sent | None:
    try:
        sent: Sent = connection.recv()
    except EOFError:  # the build ended without asking for an index
        return None
    return sent
