"""Validation results cached by content hash, so a repeat run with nothing changed is instant.

A prefecture folder's result is served only when its key matches. The key covers:

- the code: a hash of renkei's own source files (not only its version number), the Python
  version and the installed files of the libraries that validation uses (`code_fingerprint`);
- every input as it is read: the folder's files (a linked, special or missing file gives a
  finding whose code and path are in the key, so it never matches a regular file with the same
  bytes), and every file under schemas/ and registry/reference/, read through links as the
  loaders read them (a link's target is in the key too);
- the limits, the fiscal year of --as-of and --strict. (A result holds its messages in both
  languages, and the number of worker processes does not change it: neither is in the key.)

The cache lives in `.renkei-cache/validate.json` at the registry root (ignored by Git). It is
bound to the file renkei wrote: the file records its own inode and modification time, so a
cache that arrives by Git, by copying or by hand editing is not served. A cache that cannot be
used (bad JSON, wrong types, too large, a link, a directory or a special file in its place,
unreadable) is discarded with a notice, never an error and never a result. `--no-cache`,
RENKEI_NO_CACHE=1 or CI=true (set by GitHub Actions and most CI services) turn it off.

The keys are made in `cache_keys`, stored entries read back in `cache_entries`.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from renkei.registry.cache_entries import stored_entry
from renkei.registry.cache_keys import (
    KEY_FORMAT,
    LIBRARIES,
    PACKAGE_DIR,
    SHARED_INPUTS,
    base_key,
    code_fingerprint,
    disabled_by_environment,
    fingerprint,
    source_digest,
    tree_digest,
)
from renkei.registry.loaders.text import Limits
from renkei.registry.results import PrefectureResult
from renkei.registry.run_output import results_saved
from renkei.registry.safe_files import (
    FileTooLarge,
    LinkedPath,
    SpecialFile,
    read_limited_with_stat,
)

__all__ = [
    "CACHE_DIR",
    "CACHE_FILE",
    "LIBRARIES",
    "PACKAGE_DIR",
    "CacheNotice",
    "ResultCache",
    "code_fingerprint",
    "disabled_by_environment",
    "fingerprint",
    "source_digest",
    "tree_digest",
]

CACHE_DIR = ".renkei-cache"
CACHE_FILE = "validate.json"
FORMAT = KEY_FORMAT
#: A cache larger than this is not read (the shipped registry's is about 100 kB).
MAX_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CacheNotice:
    """Why a cache file was discarded, in both languages."""

    path: str
    reason_ja: str
    reason_en: str

    def render(self, lang: str) -> str:
        """The notice as one line in LANG (ja or en)."""
        if lang == "ja":
            return (
                f"renkei: 検証キャッシュ {self.path} を使わずに破棄しました（{self.reason_ja}）。"
                "すべてを検証し直します。"
            )
        return (
            f"renkei: discarded the validation cache {self.path} ({self.reason_en}); "
            "checking everything afresh."
        )


class _Unusable(Exception):
    def __init__(self, reason_ja: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason_ja = reason_ja
        self.reason_en = reason_en


def _reason(error: OSError) -> str:
    """The system's words for an OS error (its class name when it has none)."""
    return error.strerror or type(error).__name__


def _default_notify(notice: CacheNotice) -> None:
    print(notice.render("ja"), file=sys.stderr)
    print(notice.render("en"), file=sys.stderr)


class ResultCache:
    """The cache of one registry. `code_key` replaces `code_fingerprint()` (for tests)."""

    def __init__(
        self,
        root: Path,
        enabled: bool = True,
        notify: Callable[[CacheNotice], None] | None = None,
        code_key: str | None = None,
    ) -> None:
        self.root = root
        self.enabled = enabled and not disabled_by_environment()
        self.directory = root / CACHE_DIR
        self.path = self.directory / CACHE_FILE
        self.code_key = code_key
        self.notice: CacheNotice | None = None
        self._notify = notify or _default_notify
        self._entries: dict[str, tuple[str, PrefectureResult]] = {}
        self._writable = True
        self._dirty = False
        if self.enabled:
            try:
                self._entries = self._load()
            except _Unusable as error:
                self._discard(error)

    def _discard(self, error: _Unusable) -> None:
        self._entries = {}
        self.notice = CacheNotice(f"{CACHE_DIR}/{CACHE_FILE}", error.reason_ja, error.reason_en)
        self._notify(self.notice)

    def _load(self) -> dict[str, tuple[str, PrefectureResult]]:
        try:
            folder = os.lstat(self.directory)
        except FileNotFoundError:
            return {}
        except OSError as error:
            self._writable = False
            reason = _reason(error)
            raise _Unusable(f"フォルダを読めません: {reason}", reason) from error
        if not stat.S_ISDIR(folder.st_mode):
            self._writable = False
            raise _Unusable(
                f"{CACHE_DIR} がリンクか、フォルダではありません",
                f"{CACHE_DIR} is a link or not a directory",
            )
        try:
            data, info = read_limited_with_stat(self.path, MAX_CACHE_BYTES)
        except FileNotFoundError:
            return {}
        except LinkedPath as error:
            raise _Unusable("リンクです", "it is a link") from error
        except SpecialFile as error:
            if os.path.isdir(self.path):
                raise _Unusable("フォルダです", "it is a directory") from error
            raise _Unusable("通常のファイルではありません", "it is not a regular file") from error
        except FileTooLarge as error:
            raise _Unusable("大きすぎます", "it is too large") from error
        except OSError as error:
            reason = _reason(error)
            raise _Unusable(f"読めません: {reason}", reason) from error
        try:
            loaded = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise _Unusable("JSON として読めません", "it is not valid JSON") from error
        if isinstance(loaded, dict) and loaded.get("format") != FORMAT:
            return {}  # written by another version of renkei: not damaged, just not ours
        stamp = loaded.get("stamp") if isinstance(loaded, dict) else None
        if not isinstance(stamp, dict) or not isinstance(loaded.get("entries"), dict):
            raise _Unusable("形式が違います", "its structure is wrong")
        if stamp.get("inode") != info.st_ino or stamp.get("mtime_ns") != info.st_mtime_ns:
            raise _Unusable(
                "renkei が書いたままのファイルではありません: コピー、Git のチェックアウト、手での編集など",
                "it is not the file renkei wrote (copied, checked out or edited)",
            )
        entries: dict[str, tuple[str, PrefectureResult]] = {}
        for name, entry in loaded["entries"].items():
            result = stored_entry(name, entry)
            if result is None:
                raise _Unusable(
                    f"{name} の項目の形式が違います", f"the entry of {name} is malformed"
                )
            entries[name] = result
        return entries

    def base_key(self, limits: Limits, context: str = "") -> str:
        """The part of every folder's key that is the same for all folders: the code, the
        limits, CONTEXT (the options that change results) and the registry-wide inputs."""
        code = self.code_key if self.code_key is not None else code_fingerprint()
        inputs = tree_digest(self.root, SHARED_INPUTS)
        return base_key(code, limits.key_text(), context, inputs)

    def get(self, folder: str, key: str) -> PrefectureResult | None:
        """FOLDER's cached result when its key is KEY, else None."""
        if not self.enabled:
            return None
        entry = self._entries.get(folder)
        if entry is None or entry[0] != key:
            return None
        return entry[1]

    def put(self, folder: str, key: str, result: PrefectureResult) -> None:
        """Keep FOLDER's RESULT under KEY (written by `save`)."""
        if self.enabled:
            self._entries[folder] = (key, result)
            self._dirty = True

    def save(self) -> None:
        """Write the cache, bound to the written file; any failure leaves no file behind."""
        if not (self.enabled and self._dirty and self._writable):
            return
        import secrets  # here: only a run that checked something writes the cache
        import tempfile

        temp: str | None = None
        try:
            if self.directory.is_symlink():
                return
            self.directory.mkdir(exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists() and not ignore.is_symlink():
                ignore.write_text("*\n", encoding="utf-8")
            handle, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            # A random time in 2001-2033, in even seconds that every file system keeps (FAT
            # keeps 2 s): a file written by anything else (Git, a copy, an editor) has another.
            mtime_ns = (1_000_000_000 + 2 * secrets.randbelow(500_000_000)) * 1_000_000_000
            payload = {
                "format": FORMAT,
                "stamp": {"inode": os.fstat(handle).st_ino, "mtime_ns": mtime_ns},
                "entries": {
                    name: {"key": key, "result": result.to_dict()}
                    for name, (key, result) in self._entries.items()
                },
            }
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(json.dumps(payload, ensure_ascii=False))
            os.utime(temp, ns=(mtime_ns, mtime_ns))
            os.replace(temp, self.path)
            temp = None
            results_saved(str(self.root))
        except OSError:
            pass
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
