"""The keys of the validation cache: a hash of the code that validates, of the registry-wide
inputs (schemas/ and registry/reference/, read as the loaders read them) and of each folder's
files. A result is served only when its key matches (see `renkei.registry.cache`)."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import stat
import sys
from pathlib import Path

from renkei import __version__
from renkei.registry.safe_files import SUPPORT_FILE_LIMIT

#: Libraries whose behaviour is part of a result; their installed files are in the code key.
LIBRARIES = ("yaml", "jsonschema", "jsonschema_rs")
#: The package whose source files are hashed into the code key.
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: How deep links and folders under schemas/ and registry/reference/ are followed for the key.
MAX_TREE_DEPTH = 8


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
