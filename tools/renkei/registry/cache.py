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
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import secrets
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from renkei import __version__
from renkei.findings.model import Finding, Severity
from renkei.registry.layout import SCHEMAS_DIR
from renkei.registry.loaders.text import Limits
from renkei.registry.reference import REFERENCE_DIR
from renkei.registry.results import IdUse, PrefectureResult
from renkei.registry.safe_files import (
    SUPPORT_FILE_LIMIT,
    FileTooLarge,
    LinkedPath,
    SpecialFile,
    read_limited_with_stat,
)

CACHE_DIR = ".renkei-cache"
CACHE_FILE = "validate.json"
FORMAT = 2
#: A cache larger than this is not read (the shipped registry's is about 100 kB).
MAX_CACHE_BYTES = 64 * 1024 * 1024
#: Libraries whose behaviour is part of a result; their installed files are in the code key.
LIBRARIES = ("yaml", "jsonschema", "jsonschema_rs")
#: The package whose source files are hashed into the code key.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: How deep links and folders under schemas/ and registry/reference/ are followed for the key.
MAX_TREE_DEPTH = 8
_TRUE = frozenset({"1", "true", "yes", "on"})


def disabled_by_environment(environ: Mapping[str, str] | None = None) -> bool:
    """True when RENKEI_NO_CACHE or CI is set to a true value (1, true, yes, on)."""
    env = os.environ if environ is None else environ
    return any(env.get(name, "").strip().lower() in _TRUE for name in ("RENKEI_NO_CACHE", "CI"))


def source_digest(package_dir: Path) -> str:
    """A hash of every file of a package (its relative names and bytes), `__pycache__` aside."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(package_dir.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        data = path.read_bytes()
        digest.update(f"{path.relative_to(package_dir).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _library_stamp(name: str) -> str:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return f"{name}:absent"
    try:
        info = os.stat(spec.origin)
    except OSError:
        return f"{name}:{spec.origin}:unreadable"
    return f"{name}:{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


@functools.cache
def code_fingerprint() -> str:
    """The code part of every key: renkei's version and source files, the Python version and
    the installed libraries. Computed once per process (a few milliseconds)."""
    parts = [__version__, sys.version, source_digest(PACKAGE_DIR)]
    parts.extend(_library_stamp(name) for name in LIBRARIES)
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=20).hexdigest()


def tree_digest(root: Path, directories: tuple[Path, ...]) -> str:
    """A hash of the files under DIRECTORIES (relative to ROOT) as the loaders read them:
    through links, with each link's target and each special file's kind in the hash."""
    digest = hashlib.blake2b(digest_size=20)
    for directory in directories:
        _digest_entry(digest, root / directory, directory.as_posix(), 0)
    return digest.hexdigest()


def _digest_entry(digest: hashlib.blake2b, path: Path, name: str, depth: int) -> None:
    try:
        link = os.readlink(path) if path.is_symlink() else None
        info = path.stat()  # follows links, as the loaders do
    except OSError as error:
        digest.update(f"{name}\0missing:{error.errno}\0".encode())
        return
    if link is not None:
        digest.update(f"{name}\0link:{link}\0".encode())
    if stat.S_ISREG(info.st_mode) and info.st_size > SUPPORT_FILE_LIMIT:
        # Never read whole: the loaders refuse it (P001), and its size is enough for the key.
        digest.update(f"{name}\0too-large:{info.st_size}\0".encode())
    elif stat.S_ISREG(info.st_mode):
        try:
            data = path.read_bytes()
        except OSError as error:
            digest.update(f"{name}\0unreadable:{error.errno}\0".encode())
            return
        digest.update(f"{name}\0file:{len(data)}\0".encode())
        digest.update(data)
    elif stat.S_ISDIR(info.st_mode) and depth < MAX_TREE_DEPTH:
        digest.update(f"{name}\0dir\0".encode())
        try:
            children = sorted(os.listdir(path))
        except OSError as error:
            digest.update(f"{name}\0unlistable:{error.errno}\0".encode())
            return
        for child in children:
            _digest_entry(digest, path / child, f"{name}/{child}", depth + 1)
    else:
        digest.update(f"{name}\0special:{stat.S_IFMT(info.st_mode)}\0".encode())


def fingerprint(base_key: str, folder: str, contents: dict[str, bytes], extra: str = "") -> str:
    """The key of one folder's result: the base key, the folder, its files' bytes and EXTRA
    (the codes and paths of the findings about its files: missing, linked, special, extra)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{base_key}\0{folder}\0{len(extra)}\0{extra}\0".encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class CacheNotice:
    """Why a cache file was discarded, in both languages."""

    path: str
    reason_ja: str
    reason_en: str

    def render(self, lang: str) -> str:
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
            result = _entry(name, entry)
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
        inputs = tree_digest(self.root, (SCHEMAS_DIR, REFERENCE_DIR))
        text = f"{FORMAT}\0{code}\0{limits!r}\0{context}\0{inputs}"
        return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()

    def get(self, folder: str, key: str) -> PrefectureResult | None:
        if not self.enabled:
            return None
        entry = self._entries.get(folder)
        if entry is None or entry[0] != key:
            return None
        return entry[1]

    def put(self, folder: str, key: str, result: PrefectureResult) -> None:
        if self.enabled:
            self._entries[folder] = (key, result)
            self._dirty = True

    def save(self) -> None:
        """Write the cache, bound to the written file; any failure leaves no file behind."""
        if not (self.enabled and self._dirty and self._writable):
            return
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
        except OSError:
            pass
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)


def _entry(folder: str, entry: Any) -> tuple[str, PrefectureResult] | None:
    """A cache entry checked field by field: (key, result), or None when anything is off."""
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return None
    data = entry.get("result")
    if not isinstance(data, dict) or data.get("folder") != folder:
        return None
    files = data.get("files")
    if not isinstance(files, int) or isinstance(files, bool) or files < 0:
        return None
    findings = data.get("findings")
    defined, referenced = data.get("defined"), data.get("referenced")
    if not (
        isinstance(findings, list) and isinstance(defined, list) and isinstance(referenced, list)
    ):
        return None
    try:
        result = PrefectureResult(
            folder=folder,
            findings=[_finding(f) for f in findings],
            defined=[_id_use(u) for u in defined],
            referenced=[_id_use(u) for u in referenced],
            files=files,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return entry["key"], result


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _finding(data: Any) -> Finding:
    if not isinstance(data, dict):
        raise TypeError(data)
    message, hint = data["message"], data["hint"]
    return Finding(
        code=_text(data["code"]),
        name=_text(data["name"]),
        severity=Severity(_text(data["severity"])),
        file=_text(data["file"]),
        line=_int(data["line"]),
        column=_int(data["column"]),
        where=_text(data["where"]),
        message_ja=_text(message["ja"]),
        message_en=_text(message["en"]),
        hint_ja=_text(hint["ja"]),
        hint_en=_text(hint["en"]),
    )


def _id_use(data: Any) -> IdUse:
    if not isinstance(data, dict):
        raise TypeError(data)
    return IdUse(
        id=_text(data["id"]),
        file=_text(data["file"]),
        line=_int(data["line"]),
        column=_int(data["column"]),
        where=_text(data["where"]),
    )
