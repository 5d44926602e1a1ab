"""Validation results cached by content hash, so a repeat run with nothing changed is instant.

The key of a prefecture folder's result covers the bytes of every file in it, the schemas, the
reference data, the limits, renkei's version and the source of renkei's checks (so a changed
rule is never hidden by a result cached under the old one): any change to any of them is a
cache miss.
The cache lives in `.renkei-cache/` at the registry root (ignored by Git); `--no-cache` skips it.
A cache that cannot be read or written is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from renkei import __version__
from renkei.layout import SCHEMAS_DIR
from renkei.loaders.text import Limits
from renkei.reference import REFERENCE_DIR
from renkei.results import PrefectureResult

CACHE_DIR = ".renkei-cache"
CACHE_FILE = "validate.json"
FORMAT = 1


def fingerprint(base_key: str, folder: str, contents: dict[str, bytes], extra: str = "") -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{base_key}\0{folder}\0{extra}\0".encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


#: The modules whose rules decide a validation result.
CHECK_SOURCES = ("checks", "loaders")
PACKAGE_DIR = Path(__file__).resolve().parent


def code_digest(package: Path = PACKAGE_DIR) -> str:
    """A digest of the source of renkei's checks and loaders under `package`."""
    digest = hashlib.blake2b(digest_size=20)
    for part in CHECK_SOURCES:
        for path in sorted((package / part).glob("*.py")):
            digest.update(path.name.encode() + b"\0")
            digest.update(path.read_bytes())
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
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if loaded.get("format") == FORMAT:
                    self._entries = loaded["entries"]
            except (OSError, ValueError, KeyError, AttributeError):
                self._entries = {}

    def base_key(self, limits: Limits, context: str = "") -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{__version__}\0{limits!r}\0{context}\0".encode())
        digest.update(code_digest().encode())
        for directory in (self.root / SCHEMAS_DIR, self.root / REFERENCE_DIR):
            if not directory.is_dir():
                continue
            for path in sorted(directory.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    digest.update(path.relative_to(self.root).as_posix().encode() + b"\0")
                    digest.update(path.read_bytes())
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
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            payload = json.dumps({"format": FORMAT, "entries": self._entries}, ensure_ascii=False)
            handle, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(temp, self.path)
        except OSError:
            pass
