"""The key of a whole `renkei validate` run with the default options: every input that its
report depends on, read as the loaders read them, in one hash.

It covers the code, the limits, the fiscal year, --strict, schemas/ and registry/reference/
(`cache_keys.base_key`), every entry of registry/prefectures with its kind (links, hidden and
stray entries included) and, for each prefecture folder, the key its cached result has
(`cache_keys.fingerprint`). A folder that the checks would report on its files alone (a file
missing, linked, special, above the limit or unexpected) gives no key: such a run is never
served whole. Written with `os` alone, so that the command's fast path can make the key
before importing the checks; `renkei.registry.run_output` keeps each run's printed report."""

from __future__ import annotations

import os
import stat

from renkei.registry.cache_keys import (
    SHARED_INPUTS,
    base_key,
    blake2b,
    code_fingerprint,
    context_text,
    fingerprint,
    tree_digest,
)
from renkei.registry.file_limits import DEFAULT_LIMITS_TEXT, MAX_FILE_SIZE

#: The files of a prefecture folder (`renkei.registry.layout.REQUIRED_FILES`, spelt out here:
#: layout imports pathlib, which this module avoids; a test keeps the two the same).
FOLDER_FILES = (
    "prefecture.yaml",
    "platforms.yaml",
    "vision.yaml",
    "datapackage.yaml",
    "municipalities.csv",
    "municipal-platforms.csv",
    "services.csv",
    "data-assets.csv",
    "kpis.csv",
)
#: What a folder may also hold (`renkei.registry.layout.ALLOWED_EXTRA`).
FOLDER_EXTRAS = frozenset({"README.md"})
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


def full_run_key(root: str, strict: bool, fiscal_year: int) -> str | None:
    """The key of `renkei validate` over the whole registry at ROOT with the default limits,
    --strict as STRICT and the checks seeing FISCAL_YEAR; None when the run cannot be served
    whole (see the module's docstring) or anything cannot be read."""
    prefectures = os.path.join(root, "registry", "prefectures")
    for directory in (os.path.join(root, "registry"), prefectures):
        try:
            if not stat.S_ISDIR(os.lstat(directory).st_mode):
                return None
        except OSError:
            return None
    base = base_key(
        code_fingerprint(),
        DEFAULT_LIMITS_TEXT,
        context_text(fiscal_year, strict),
        tree_digest(root, SHARED_INPUTS),
    )
    digest = blake2b(f"run\0{base}\0".encode(), digest_size=20)
    try:
        with os.scandir(prefectures) as scanned:
            entries = sorted(scanned, key=lambda entry: entry.name)
        for entry in entries:
            kind = stat.S_IFMT(entry.stat(follow_symlinks=False).st_mode)
            digest.update(f"{entry.name}\0{kind}\0".encode())
            if kind == stat.S_IFLNK:
                digest.update(f"{os.readlink(entry.path)}\0".encode())
            if kind != stat.S_IFDIR or entry.name.startswith("."):
                continue
            contents = plain_folder_contents(entry.path)
            if contents is None:
                return None
            digest.update(fingerprint(base, entry.name, contents, "").encode())
    except OSError:
        return None
    return digest.hexdigest()


def plain_folder_contents(folder: str) -> dict[str, bytes] | None:
    """The bytes of a prefecture folder's files when the checks have nothing to say about the
    files themselves (each one there, a regular file within the default limit, nothing
    unexpected beside them); None otherwise."""
    with os.scandir(folder) as scanned:
        present = {entry.name for entry in scanned}
    if any(n not in FOLDER_FILES and n not in FOLDER_EXTRAS for n in present if n[:1] != "."):
        return None
    contents: dict[str, bytes] = {}
    for name in FOLDER_FILES:
        if name not in present:
            return None
        data = _plain_file(os.path.join(folder, name))
        if data is None:
            return None
        contents[name] = data
    return contents


def _plain_file(path: str) -> bytes | None:
    if not stat.S_ISREG(os.lstat(path).st_mode):
        return None
    descriptor = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_SIZE:
            return None
        chunks: list[bytes] = []
        remaining = MAX_FILE_SIZE + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, max(info.st_size, 1 << 16) + 1))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= MAX_FILE_SIZE else None
    finally:
        os.close(descriptor)
