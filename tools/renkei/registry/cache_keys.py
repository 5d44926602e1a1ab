"""The keys of the validation cache: a hash of the code that validates, of the registry-wide
inputs (schemas/ and registry/reference/, read as the loaders read them) and of each folder's
files. A result is served only when its key matches (see `renkei.registry.cache`).

Written with `os` alone (no pathlib, no findings): the command's fast path computes the same
keys before importing anything else (see `renkei.registry.run_key`)."""

from __future__ import annotations

import importlib.machinery
import os
import stat
import sys

try:  # the hash itself, without loading OpenSSL as hashlib does (hashlib.blake2b is this one)
    from _blake2 import blake2b as blake2b
except ImportError:  # pragma: no cover - a Python without the module
    from hashlib import blake2b as blake2b

from renkei import __version__
from renkei.registry.file_limits import SUPPORT_FILE_LIMIT

#: Libraries whose behaviour is part of a result; their installed files are in the code key.
LIBRARIES = ("yaml", "jsonschema", "jsonschema_rs")
#: The package whose source files are hashed into the code key.
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: How deep links and folders under schemas/ and registry/reference/ are followed for the key.
MAX_TREE_DEPTH = 8
#: The version of the keys (and of the cache file that holds them).
KEY_FORMAT = 2
_TRUE = frozenset({"1", "true", "yes", "on"})
#: The registry-wide inputs of every result, relative to the registry root.
SHARED_INPUTS = ("schemas", "registry/reference")


def disabled_by_environment(environ: dict[str, str] | None = None) -> bool:
    """True when RENKEI_NO_CACHE or CI is set to a true value (1, true, yes, on)."""
    env = os.environ if environ is None else environ
    return any(env.get(name, "").strip().lower() in _TRUE for name in ("RENKEI_NO_CACHE", "CI"))


def source_digest(package_dir: str | os.PathLike[str]) -> str:
    """A hash of every file of a package (its relative names and bytes), `__pycache__` aside."""
    top = os.fspath(package_dir)
    files: list[str] = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, top)
        for name in names:
            files.append(name if relative == "." else f"{relative}/{name}")
    digest = blake2b(digest_size=20)
    for name in sorted(files):
        path = os.path.join(top, name)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _library_stamp(name: str) -> str:
    spec = importlib.machinery.PathFinder.find_spec(name)
    if spec is None or not spec.origin:
        return f"{name}:absent"
    try:
        info = os.stat(spec.origin)
    except OSError:
        return f"{name}:{spec.origin}:unreadable"
    return f"{name}:{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


_code_fingerprints: list[str] = []


def code_fingerprint() -> str:
    """The code part of every key: renkei's version and source files, the Python version and
    the installed libraries (as found on sys.path). Computed once per process (a few
    milliseconds)."""
    if not _code_fingerprints:
        parts = [__version__, sys.version, source_digest(PACKAGE_DIR)]
        parts.extend(_library_stamp(name) for name in LIBRARIES)
        text = "\0".join(parts)
        _code_fingerprints.append(blake2b(text.encode(), digest_size=20).hexdigest())
    return _code_fingerprints[0]


def context_text(fiscal_year: int, strict: bool) -> str:
    """The options besides the limits that a result depends on: the fiscal year the checks
    see (never the day) and --strict."""
    return f"FY{fiscal_year}\0strict={strict}"


def base_key(code: str, limits: str, context: str, inputs: str) -> str:
    """The part of every folder's key that is the same for all folders: the CODE fingerprint,
    the LIMITS (`file_limits.limits_text`), the CONTEXT (`context_text`) and the registry-wide
    INPUTS (`tree_digest`)."""
    text = f"{KEY_FORMAT}\0{code}\0{limits}\0{context}\0{inputs}"
    return blake2b(text.encode(), digest_size=20).hexdigest()


def tree_digest(
    root: str | os.PathLike[str], directories: tuple[str | os.PathLike[str], ...]
) -> str:
    """A hash of the files under DIRECTORIES (relative to ROOT) as the loaders read them:
    through links, with each link's target and each special file's kind in the hash."""
    digest = blake2b(digest_size=20)
    top = os.fspath(root)
    for directory in directories:
        name = os.fspath(directory)
        _digest_entry(digest, os.path.join(top, name), name, 0)
    return digest.hexdigest()


def _digest_entry(digest: blake2b, path: str, name: str, depth: int) -> None:
    try:
        link = os.readlink(path) if os.path.islink(path) else None
        info = os.stat(path)  # follows links, as the loaders do
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
            with open(path, "rb") as handle:
                data = handle.read()
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
            _digest_entry(digest, os.path.join(path, child), f"{name}/{child}", depth + 1)
    else:
        digest.update(f"{name}\0special:{stat.S_IFMT(info.st_mode)}\0".encode())


def fingerprint(base_key: str, folder: str, contents: dict[str, bytes], extra: str = "") -> str:
    """The key of one folder's result: the base key, the folder, its files' bytes and EXTRA
    (the codes and paths of the findings about its files: missing, linked, special, extra)."""
    digest = blake2b(digest_size=20)
    digest.update(f"{base_key}\0{folder}\0{len(extra)}\0{extra}\0".encode())
    for name in sorted(contents):
        data = contents[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
