"""Validation results cached by content hash, so a repeat run with nothing changed is instant.

The key of a prefecture folder's result covers the bytes of every file in it, the schemas, the
reference data, the limits and renkei's version: any change to any of them is a cache miss.
The cache lives in `.renkei-cache/` at the registry root (ignored by Git); `--no-cache` skips it.
A cache that cannot be read or written is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from renkei import __version__
from renkei.layout import SCHEMAS_DIR
from renkei.loaders.text import Limits
from renkei.reference import REFERENCE_DIR
from renkei.results import PrefectureResult
from renkei.safe_files import (
    SUPPORT_FILE_LIMIT,
    UnsafeFile,
    read_limited,
    regular_files,
    write_atomic,
)

CACHE_DIR = ".renkei-cache"
CACHE_FILE = "validate.json"
CACHE_FILE_LIMIT = 256 * 1024 * 1024
FORMAT = 1


def fingerprint(base_key: str, folder: str, contents: dict[str, bytes], extra: str = "") -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{base_key}\0{folder}\0{extra}\0".encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class ResultCache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.root = root
        self.enabled = enabled
        self.path = root / CACHE_DIR / CACHE_FILE
        self._entries: dict[str, dict] = {}
        self._dirty = False
        if enabled:
            try:
                data = read_limited(self.path, CACHE_FILE_LIMIT, root=root)
                loaded = json.loads(data.decode("utf-8"))
                if loaded.get("format") == FORMAT:
                    self._entries = loaded["entries"]
            except (OSError, ValueError, KeyError, AttributeError, UnsafeFile):
                self._entries = {}

    def base_key(self, limits: Limits, context: str = "") -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{__version__}\0{limits!r}\0{context}\0".encode())
        for directory in (self.root / SCHEMAS_DIR, self.root / REFERENCE_DIR):
            # A link or special file here raises UnsafeFile: it is never hashed or followed.
            for path, _ in regular_files(directory, self.root):
                digest.update(path.relative_to(self.root).as_posix().encode() + b"\0")
                digest.update(read_limited(path, SUPPORT_FILE_LIMIT, root=self.root))
        return digest.hexdigest()

    def get(self, folder: str, key: str) -> PrefectureResult | None:
        if not self.enabled:
            return None
        entry = self._entries.get(folder)
        if not entry or entry.get("key") != key:
            return None
        try:
            return PrefectureResult.from_dict(entry["result"])
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, folder: str, key: str, result: PrefectureResult) -> None:
        if self.enabled:
            self._entries[folder] = {"key": key, "result": result.to_dict()}
            self._dirty = True

    def save(self) -> None:
        if not (self.enabled and self._dirty):
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not os.path.lexists(ignore):
                write_atomic(ignore, "*\n", root=self.root)
            payload = json.dumps({"format": FORMAT, "entries": self._entries}, ensure_ascii=False)
            # Never through a link: a linked cache directory or file is left alone.
            write_atomic(self.path, payload, root=self.root)
        except (OSError, UnsafeFile):
            pass
