"""Each prefecture's latest bundle for the site's downloads (`renkei.bundle`), built again only
when its folder's inputs changed. The bundles need none of the pages: they are built in a
process forked when the build starts (before any thread), beside the pages, and collected when
the downloads are written."""

from __future__ import annotations

import multiprocessing as mp
import shutil
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from renkei.bundle.model import BundleError, BundleOptions, BundleResult
from renkei.site.data import RegistryData
from renkei.site.downloads import DOWNLOADS
from renkei.site.model import SiteError
from renkei.site.output import SiteWriter, input_hash

BUNDLES_DIR = f"{DOWNLOADS}/bundles"
#: The writer's cache entry: each folder's key and its zip's path, or why it has none.
CACHE_KEY = "bundles"
#: A bundle built, as the forked process sends it: (folder, zip path or None, reason en, ja).
Built = tuple[str, str | None, str, str]


class BundleJob:
    """The bundles of the folders whose inputs changed, started at once; `finish` writes them
    into the site and returns every folder's entry (its zip's path, or the reason, in ja and
    en, it could not be built)."""

    def __init__(self, data: RegistryData, writer: SiteWriter, jobs: int) -> None:
        self.writer = writer
        self.cached: dict[str, dict[str, str]] = writer.cache.setdefault(CACHE_KEY, {})
        self.out: dict[str, dict[str, str]] = {}
        self.keys: dict[str, str] = {}
        for folder in data.folders:
            key = input_hash("bundle", data.folder_hashes[folder])
            item = self.cached.get(folder)
            if (
                item
                and item.get("key") == key
                and (not item.get("path") or writer.current(item["path"], key))
            ):
                self.out[folder] = item
            else:
                self.keys[folder] = key
        self._temp = Path(tempfile.mkdtemp(prefix="renkei-site-"))
        self._options = BundleOptions(out_dir=self._temp, as_of=data.summary.as_of)
        self._data, self._jobs = data, jobs
        self._process: Any = None
        self._receive: Connection | None = None
        if self.keys and "fork" in mp.get_all_start_methods():
            context = mp.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_child, args=(send, data, list(self.keys), self._options, jobs)
            )
            self._process.start()
            send.close()
            self._receive = receive

    def finish(self) -> dict[str, dict[str, str]]:
        """Wait for the bundles, copy them into the site; every folder's entry by folder."""
        try:
            built = self._collect()
            for folder, path, reason_en, reason_ja in built:
                key = self.keys[folder]
                if path is None:
                    self.out[folder] = {"key": key, "ja": reason_ja, "en": reason_en}
                else:
                    relative = f"{BUNDLES_DIR}/{Path(path).name}"
                    self.writer.write(relative, key, Path(path).read_bytes())
                    self.out[folder] = {"key": key, "path": relative}
        finally:
            shutil.rmtree(self._temp, ignore_errors=True)
        self.cached.update(self.out)
        return self.out

    def abandon(self) -> None:
        """Stop the bundles' process (the build failed before it needed them), leave nothing."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        shutil.rmtree(self._temp, ignore_errors=True)

    def _collect(self) -> list[Built]:
        if not self.keys:
            return []
        if self._receive is None:  # no fork on this system: built here, now
            return _built(self._data, list(self.keys), self._options, self._jobs)
        try:
            message = self._receive.recv()
        except EOFError:
            message = ("failed", "the process building the bundles ended without a result")
        finally:
            self._receive.close()
            self._process.join()
        if message[0] != "built":
            raise SiteError(
                f"The bundles could not be built: {message[1]}",
                f"バンドルを作れませんでした: {message[1]}",
            )
        found: list[Built] = message[1]
        return found


def _child(
    send: Connection, data: RegistryData, folders: list[str], options: BundleOptions, jobs: int
) -> None:
    try:
        message: tuple[str, Any] = ("built", _built(data, folders, options, jobs))
    except Exception as error:  # sent to the parent, which reports it as a SiteError
        message = ("failed", f"{type(error).__name__}: {error}")
    send.send(message)
    send.close()


def _built(
    data: RegistryData, folders: list[str], options: BundleOptions, jobs: int
) -> list[Built]:
    found: list[Built] = []
    for folder, result in _build(data, folders, options, jobs):
        if isinstance(result, BundleError):
            found.append((folder, None, result.message_en, result.message_ja))
        else:
            found.append((folder, str(result.path), "", ""))
    return found


def _build(
    data: RegistryData, folders: list[str], options: BundleOptions, jobs: int
) -> list[tuple[str, BundleResult | BundleError]]:
    """The bundles of FOLDERS: all of them from one read and validation (`build_all`) when
    many changed, else one by one."""
    from renkei.bundle.all_prefectures import build_all
    from renkei.bundle.build import build_bundle
    from renkei.registry.layout import prefecture_folders

    if len(folders) > 4:
        names = [f.name for f in prefecture_folders(data.root)]
        results = build_all(data.root, options, jobs)
        return [(n, r) for n, r in zip(names, results, strict=False) if n in folders]
    found: list[tuple[str, BundleResult | BundleError]] = []
    for folder in folders:
        try:
            found.append((folder, build_bundle(data.root, folder, options)))
        except BundleError as error:
            found.append((folder, error))
    return found
