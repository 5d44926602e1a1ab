"""The output folder of a site: refused unless it is missing, empty or a previous renkei site,
and written incrementally. The manifest (`.renkei-site.json`) records each file the site wrote
with the hash of its inputs; a file whose inputs did not change is kept, not rendered again, and
a file the site no longer has is removed (only files the manifest lists are ever removed)."""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from renkei.site.model import SiteError, SiteResult

MANIFEST = ".renkei-site.json"
#: The build's own files for the next build (`renkei.site.kept_states`), not pages.
KEPT_DIR = ".renkei-site"
#: Below this many files to render, worker processes cost more than they save.
PARALLEL_THRESHOLD = 100
_pending: list[Callable[[], str | bytes]] = []
MANIFEST_FORMAT = 1


def input_hash(*parts: object) -> str:
    """A stable hash of some inputs (JSON-able values, bytes or text)."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            digest.update(part)
        else:
            digest.update(
                json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode()
            )
        digest.update(b"\0")
    return digest.hexdigest()


def _bytes(data: str | bytes) -> bytes:
    return data.encode() if isinstance(data, str) else data


def _render_pending(index: int) -> bytes:
    # In a forked worker: the render functions were set before the fork, only the index and
    # the bytes cross between the processes.
    return _bytes(_pending[index]())


def check_output(out_dir: Path) -> dict[str, Any]:
    """The previous manifest of OUT_DIR ({} for a missing or empty folder); a SiteError for a
    file, or for a folder that holds files and is not a renkei site (nothing is touched)."""
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise SiteError(
            f"The output {out_dir} is not a folder; give a folder for the site.",
            f"出力先 {out_dir} はフォルダではありません。サイト用のフォルダを指定してください。",
        )
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return {}
    manifest = out_dir / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else None
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("generator") != "renkei site":
        raise SiteError(
            f"The folder {out_dir} is not empty and is not a site renkei built (it has no "
            f"{MANIFEST}); nothing was written. Give an empty or new folder, or a previous "
            "site's folder.",
            f"フォルダ {out_dir} は空ではなく、renkei が作ったサイトでもありません（{MANIFEST} が"
            "ありません）。何も書き込んでいません。空のフォルダ、新しいフォルダ、または以前に作った"
            "サイトのフォルダを指定してください。",
        )
    return data


class SiteWriter:
    """Writes the site's files into OUT_DIR, skipping those whose inputs are unchanged."""

    def __init__(self, out_dir: Path, previous: dict[str, Any]) -> None:
        self.out_dir = out_dir
        # The folder as text ending in a separator: thousands of files are looked up each
        # build, and joining text is cheaper than a Path per file.
        self._prefix = os.path.join(out_dir, "")
        self.old: dict[str, str] = dict(previous.get("files") or {})
        self.files: dict[str, str] = {}
        self.result = SiteResult(out_dir)
        #: Files emitted and not yet rendered: (path, key, render).
        self.pending: list[tuple[str, str, Callable[[], str | bytes]]] = []
        #: Anything a build keeps between runs (e.g. the history's summaries), by name.
        self.cache: dict[str, Any] = dict(previous.get("cache") or {})
        if previous.get("format") != MANIFEST_FORMAT:
            self.old, self.cache = {}, {}

    def has_file(self, path: str) -> bool:
        """True when PATH (relative to the site's folder) is a file there."""
        return os.path.isfile(self._prefix + path)

    def current(self, path: str, key: str) -> bool:
        """True when PATH was written from the same inputs and is still there (it is kept)."""
        if self.old.get(path) == key and self.has_file(path):
            self.files[path] = key
            self.result.kept.append(path)
            return True
        return False

    def emit(self, path: str, key: str, render: Callable[[], str | bytes]) -> None:
        """PATH rendered and written at the next `flush`, unless its inputs (KEY) are
        unchanged."""
        if not self.current(path, key):
            self.pending.append((path, key, render))

    def flush(self, jobs: int = 1) -> None:
        """Render and write every file emitted since the last flush, on JOBS forked workers
        when there are many (each renders from what the build has read, inherited)."""
        global _pending
        todo, self.pending = self.pending, []
        if jobs > 1 and len(todo) > PARALLEL_THRESHOLD and "fork" in mp.get_all_start_methods():
            _pending = [render for _path, _key, render in todo]
            try:
                with mp.get_context("fork").Pool(jobs) as pool:
                    chunk = max(1, -(-len(todo) // (jobs * 8)))
                    rendered = pool.map(_render_pending, range(len(todo)), chunksize=chunk)
            finally:
                _pending = []
        else:
            rendered = [_bytes(render()) for _path, _key, render in todo]
        for (path, key, _render), data in zip(todo, rendered, strict=True):
            self.write(path, key, data)

    def write(self, path: str, key: str, data: bytes) -> None:
        """PATH written now (its parent folders made), recorded with its inputs' KEY."""
        self._put(path, data)
        self.files[path] = key
        self.result.written.append(path)

    def kept(self, path: str, key: str) -> bytes | None:
        """The bytes of a file the build keeps for itself (not part of the site's pages), when
        the previous build wrote it from the same inputs (KEY); None otherwise."""
        if self.old.get(path) != key or not self._own(path):
            return None
        try:
            data = (self.out_dir / path).read_bytes()
        except OSError:
            return None
        self.files[path] = key
        return data

    def retain(self, path: str, key: str) -> None:
        """Carry a kept file over to the next build unread, when it is still from KEY (a step
        whose output is unchanged does not read what it kept, and must not lose it)."""
        if self.old.get(path) == key and self.has_file(path):
            self.files[path] = key

    def keep(self, path: str, key: str, data: bytes) -> None:
        """Write a file the build keeps for itself (recorded, not counted as a page); nothing
        is written where a link would lead it out of the site's folder."""
        if not self._own(path):
            return
        self._put(path, data)
        self.files[path] = key

    def _put(self, path: str, data: bytes) -> None:
        """DATA written to PATH whole (a temporary file beside it, renamed into place)."""
        target = self.out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)

    def _own(self, path: str) -> bool:
        """True when PATH is no link and its folder is inside the site's folder, reached through
        no link (a folder that does not exist yet is made there)."""
        target = self.out_dir / path
        try:
            inside = (self.out_dir.resolve() / path).parent
            return not target.is_symlink() and target.parent.resolve() == inside
        except OSError:
            return False

    def adopt(self, path: str, key: str) -> None:
        """Record a file another step wrote into the folder (e.g. a bundle, the search index)."""
        self.files[path] = key
        if self.old.get(path) == key:
            self.result.kept.append(path)
        else:
            self.result.written.append(path)

    def finish(self, generated: dict[str, Any]) -> SiteResult:
        """Write what is still to render, remove the files of the previous build the site no
        longer has, write the manifest."""
        self.flush()
        for path in sorted(set(self.old) - set(self.files)):
            target = self.out_dir / path
            if target.is_file() and not target.is_symlink():
                target.unlink()
                if not path.startswith(KEPT_DIR + "/"):
                    self.result.removed.append(path)
        manifest = {
            "generator": "renkei site",
            "format": MANIFEST_FORMAT,
            **generated,
            "files": dict(sorted(self.files.items())),
            "cache": self.cache,
        }
        # One line: without indentation, json's C encoder writes it (5x faster for the
        # thousands of files a site has).
        text = json.dumps(manifest, ensure_ascii=False, sort_keys=True) + "\n"
        (self.out_dir / MANIFEST).write_text(text, encoding="utf-8")
        return self.result
