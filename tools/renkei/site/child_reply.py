"""The reply of a process the build forked (a step of `forked`, Pagefind's `pagefind_process`):
("done", ...) or ("failed", English, Japanese), read from its pipe."""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import Any

from renkei.site.model import SiteError


def child_reply(connection: Connection, ended_en: str, ended_ja: str) -> tuple[Any, ...]:
    """What follows "done" in the child's reply on CONNECTION. A SiteError with the child's
    message when it failed, or with ENDED_EN and ENDED_JA when it ended without a reply."""
    try:
        message = connection.recv()
    except EOFError:
        message = ("failed", ended_en, ended_ja)
    if message[0] != "done":
        raise SiteError(message[1], message[2])
    return tuple(message[1:])
