"""A step of the site's build run in a process forked from the build, beside the rest: it works
on a copy of the build's writer, and when the build asks for its result, what it wrote (files,
their keys, the cache entries it changed) is merged into the build's writer. Used for the
downloads and bundles, which read the registry but no page."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Generic, TypeVar

from renkei.findings.errors import BilingualError
from renkei.site.child_reply import child_reply
from renkei.site.output import SiteWriter

_T = TypeVar("_T")
#: A forked step yields the cores to the pages and the search index, which the build waits for
#: first (a step's result is needed only at the end).
NICENESS = 5


class ForkedStep(Generic[_T]):
    """WORK(writer) started now in a forked process (run at `result`, in this process, when
    FORK is false or the system cannot fork); it must write only files no other step writes."""

    def __init__(
        self, writer: SiteWriter, work: Callable[[SiteWriter], _T], fork: bool = True
    ) -> None:
        self.writer = writer
        self.work = work
        self._connection: Connection | None = None
        self._process: Any = None
        #: The step's temporary files go here (made and removed by the build): a step stopped
        #: half-way leaves none behind in the temporary folder.
        self._scratch: Path | None = None
        if fork and "fork" in mp.get_all_start_methods():
            self._scratch = Path(tempfile.mkdtemp(prefix="renkei-step-"))
            context = mp.get_context("fork")
            ours, theirs = context.Pipe(duplex=False)
            self._process = context.Process(target=self._child, args=(theirs,))
            self._process.start()
            theirs.close()
            self._connection = ours

    def result(self) -> _T:
        """Wait for the step; what it wrote recorded in the build's writer; its value."""
        if self._connection is None:
            return self.work(self.writer)
        try:
            value, files, written, kept, cache = child_reply(
                self._connection,
                "the process of a build step ended without a result",
                "ビルドの処理のプロセスが結果を返さずに終了しました",
            )
        finally:
            self.abandon()
        self.writer.files.update(files)
        self.writer.result.written += written
        self.writer.result.kept += kept
        self.writer.cache.update(cache)
        result: _T = value
        return result

    def abandon(self) -> None:
        """Stop the step (the build failed before it needed it)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if self._process is not None:
            if self._process.is_alive():
                # The step's process group: the step and any worker it forked (a pool's), which
                # would otherwise go on building for nobody.
                try:
                    os.killpg(self._process.pid, signal.SIGTERM)
                except OSError:  # not yet a group of its own: no worker yet either
                    self._process.terminate()
            self._process.join()
            self._process = None
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _child(self, connection: Connection) -> None:
        if self._scratch is not None:  # forked (not run here by a test)
            os.setpgid(0, 0)  # a process group of its own: see `abandon`
            tempfile.tempdir = str(self._scratch)  # its (and its workers') temporary files
        os.nice(NICENESS)
        writer = self.writer
        writer.pending = []  # the build's own files to render are the build's
        files, written, kept = (
            dict(writer.files),
            len(writer.result.written),
            len(writer.result.kept),
        )
        cache = {k: json.dumps(v, sort_keys=True, default=str) for k, v in writer.cache.items()}
        try:
            value = self.work(writer)
            writer.flush()
            changed = {p: k for p, k in writer.files.items() if files.get(p) != k}
            entries = {
                k: v
                for k, v in writer.cache.items()
                if cache.get(k) != json.dumps(v, sort_keys=True, default=str)
            }
            message: tuple[Any, ...] = (
                "done", value, changed, writer.result.written[written:],
                writer.result.kept[kept:], entries,
            )  # fmt: skip
        except BilingualError as error:  # a SiteError, an ExportError: both languages
            message = ("failed", error.message_en, error.message_ja)
        except Exception as error:  # sent to the build, which reports it as a SiteError
            message = (
                "failed",
                f"{type(error).__name__}: {error}",
                f"{type(error).__name__}: {error}",
            )
        connection.send(message)
        connection.close()
