"""Pagefind in a process of its own, forked before the build imports its own modules.

Pagefind needs about 1.3 s to load its Japanese segmentation before it can index a page; a
rebuild that changed one prefecture waits for that more than for anything else. The process is
therefore forked as early as possible (`renkei site` starts it before it imports the build),
warms Pagefind up while the registry is read and the pages are made, and indexes the regions
it is sent (`renkei.site.search_index` decides which). This module imports nothing heavy: the
process imports Pagefind's client and asyncio itself, after the fork.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from renkei.site.child_reply import child_reply
from renkei.site.model import SiteError

#: A region as it is sent to the Pagefind process: (name, pages).
Sent = list[tuple[str, list[str]]]


class PagefindProcess:
    """A forked process that warms Pagefind up at once, then indexes into OUT_DIR the regions
    `send` names; `written` waits for the files it wrote. `started` makes one, or None where
    processes cannot be forked."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        context = mp.get_context("fork")
        ours, theirs = context.Pipe()
        self._process: Any = context.Process(
            target=_child, args=(theirs, ours, out_dir), daemon=True
        )
        self._process.start()
        theirs.close()
        self._connection: Connection | None = ours
        self._sent = False
        #: How the process ended (0: it left by itself), once it has.
        self.exitcode: int | None = None

    @classmethod
    def started(cls, out_dir: Path) -> PagefindProcess | None:
        """A process for OUT_DIR, warming up now; None when this system cannot fork."""
        if "fork" not in mp.get_all_start_methods():
            return None
        return cls(out_dir)

    def send(self, todo: Sent) -> None:
        """The regions to index (none: Pagefind is stopped at once)."""
        if self._connection is not None:
            self._connection.send(todo)
            self._sent = True

    def written(self) -> list[str]:
        """The files of the new indexes, relative to the site; a SiteError from Pagefind."""
        if self._connection is None:
            raise SiteError("Pagefind's process was stopped", "Pagefind のプロセスは止められました")
        try:
            (files,) = child_reply(
                self._connection,
                "Pagefind's process ended without a result",
                "Pagefind のプロセスが結果を返さずに終了しました",
            )
        finally:
            self.abandon()
        return list(files)

    def abandon(self) -> None:
        """Stop the process (the build failed, or is done with it). Not yet sent any region,
        it is told there is none, and stops at once; indexing, it is given 5 s to finish."""
        if self._connection is not None:
            if not self._sent:
                with contextlib.suppress(OSError, ValueError):
                    self._connection.send([])
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
            self.exitcode = self._process.exitcode
            self._process = None


def _child(connection: Connection, builds_end: Connection, out_dir: Path) -> None:
    """The forked process: the build's end of the pipe, which it inherited, closed first (so
    that it sees the pipe end when the build closes it), then `serve`."""
    builds_end.close()
    serve(connection, out_dir)


def serve(connection: Connection, out_dir: Path) -> None:
    """In the forked process: start Pagefind and warm it up while the build waits for the
    regions to index; index them and reply. When there is none (a rebuild whose searched pages
    did not change), Pagefind is stopped at once, without waiting for it to be warm."""
    import asyncio

    from renkei.findings.errors import BilingualError
    from renkei.site.pagefind_service import PromptPagefindService
    from renkei.site.search import Region, index_with, run_pagefind, warm_up

    async def session() -> list[Path]:
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
