"""Pagefind's service (its Python API), its replies read as soon as they arrive.

The client of the `pagefind` package waits a tenth of a second before it reads each reply of
the Pagefind process. Indexing a region asks three things in turn (a new index, its pages, its
files), so a rebuild that indexes one region again waited some 0.3 s for nothing. This
service reads the same replies the same way, without the wait; everything else is Pagefind's
own. Replies are base64 JSON, each followed by a comma (the package's protocol).

When Pagefind stops without replying (it cannot write the index, say), the package's client
waits forever; here every request still waiting raises Pagefind's own last words instead."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any, cast

from pagefind.service import PagefindService
from pagefind.service.types import InternalResponsePayload, InternalResponseType


class PromptPagefindService(PagefindService):
    """`PagefindService` whose replies reach their requests as soon as Pagefind writes them."""

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        said = b""  # what Pagefind wrote that is no reply (its messages, on the same pipe)
        while True:
            try:
                output = await stdout.readuntil(b",")
            except asyncio.IncompleteReadError as ended:  # the process has stopped
                self._fail_waiting(said + ended.partial)
                return
            try:
                reply = json.loads(base64.b64decode(output[:-1], validate=True))
            except ValueError:
                said += output
                continue
            if not isinstance(reply, dict):
                continue
            payload: dict[str, Any] = reply.get("payload") or {}
            message_id = reply.get("message_id")
            original = payload.get("original_message")
            if message_id is None and original:
                # A message Pagefind could not read comes back without its id, inside.
                message_id = json.loads(original).get("message_id")
            future = self._responses.get(message_id) if message_id is not None else None
            if future is None or future.done():
                continue
            if payload.get("type") == InternalResponseType.ERROR.value:
                future.set_exception(Exception(payload.get("message"), original))
            else:
                future.set_result(cast(InternalResponsePayload, payload))

    def _fail_waiting(self, said: bytes) -> None:
        """Every request still waiting raises what Pagefind last wrote."""
        words = said.decode("utf-8", "replace").strip() or "no message"
        for future in self._responses.values():
            if not future.done():
                future.set_exception(Exception(f"Pagefind stopped: {words[-2000:]}"))

    def stop(self) -> None:
        """Stop Pagefind now: every request still waiting is cancelled."""
        for future in self._responses.values():
            if not future.done():
                future.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()

    async def close(self) -> None:
        """Wait (at most 5 s) for the requests still waiting, stop Pagefind, stop reading. A
        request that failed has raised its error to its caller already."""
        waiting = [f for f in self._responses.values() if not f.done()]
        if waiting:
            await asyncio.wait(waiting, timeout=5)
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()
