"""Reading and writing files without following links, opening special files or reading more
than a limit: the registry's files, schemas, reference data, the cache, and the files a user
names (workbooks, CSV, bundles, outputs) are read and written through here.

A file is checked with lstat to be a regular file (a device is never opened), then opened with
O_NOFOLLOW and O_NONBLOCK (a FIFO never blocks); its descriptor is checked again, its size is
checked against the limit, and only then is it read (never more than limit + 1 bytes, so a file
growing while it is read is still caught). With a `root`, every
directory between the root and the file is checked not to be a link either. Problems raise an
`UnsafeFile` (a finding the command reports), never a hang or a read outside the registry.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

from renkei.findings import codes
from renkei.findings.errors import BilingualError
from renkei.findings.finding_type import FindingType
from renkei.findings.model import Finding, Position
from renkei.registry.file_limits import SUPPORT_FILE_LIMIT as SUPPORT_FILE_LIMIT

#: Schemas and reference files have their own fixed limit (they are not registry data).
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1024 * 1024


class UnsafeFile(BilingualError):
    """A path renkei refuses to read or write; `finding()` explains it with a code."""

    finding_type: ClassVar[FindingType] = codes.P019

    def __init__(self, display: str, **params: object) -> None:
        self.display = display
        self.params = params
        finding = self.finding()
        super().__init__(f"{display}: {finding.message_en}", f"{display}: {finding.message_ja}")

    def finding(self) -> Finding:
        """The finding that explains the refusal, at the start of the file."""
        return self.finding_type.make_from(self.display, Position(1, 1), self.params)


class LinkedPath(UnsafeFile):
    """The file, or a directory on the way to it, is a symbolic link."""

    finding_type = codes.P015


class SpecialFile(UnsafeFile):
    """A FIFO, device, socket or directory where a regular file belongs."""

    finding_type = codes.P019


class FileTooLarge(UnsafeFile):
    """More bytes than the limit (checked before reading)."""

    finding_type = codes.P001

    @property
    def size(self) -> int:
        """The file's size in bytes (0 when unknown)."""
        value = self.params.get("size", 0)
        return value if isinstance(value, int) else 0


_KINDS = (
    (stat.S_ISDIR, "directory", "フォルダ"),
    (stat.S_ISFIFO, "FIFO", "FIFO（名前付きパイプ）"),
    (stat.S_ISSOCK, "socket", "ソケット"),
    (stat.S_ISCHR, "device", "デバイス"),
    (stat.S_ISBLK, "device", "デバイス"),
    (stat.S_ISLNK, "symbolic link", "シンボリックリンク"),
)


def kind_of(mode: int) -> dict[str, str]:
    """What a non-regular file is, in words a user recognises (the finding's parameters)."""
    for test, english, japanese in _KINDS:
        if test(mode):
            return {"kind": english, "kind_ja": japanese}
    return {"kind": "special file", "kind_ja": "特殊ファイル"}


def _display(path: Path, root: Path | None, display: str | None) -> str:
    if display is not None:
        return display
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def check_parents(root: Path, path: Path, display: str | None = None) -> None:
    """Raise when a directory between `root` (itself trusted) and `path` is a link or not a
    directory. Missing directories are left to the caller (FileNotFoundError on open)."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        return
    current = root
    for part in relative.parts[:-1]:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        shown = display or _display(current, root, None)
        if stat.S_ISLNK(mode):
            raise LinkedPath(shown, name=current.relative_to(root).as_posix())
        if not stat.S_ISDIR(mode):
            name = current.relative_to(root).as_posix()
            raise SpecialFile(shown, name=name, **kind_of(mode))


def read_limited(
    path: Path, limit: int, *, root: Path | None = None, display: str | None = None
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileNotFoundError when absent."""
    return read_limited_with_stat(path, limit, root=root, display=display)[0]


def read_limited_with_stat(
    path: Path, limit: int, *, root: Path | None = None, display: str | None = None
) -> tuple[bytes, os.stat_result]:
    """`read_limited`, with the status of the very file that was read (from its descriptor)."""
    shown = _display(path, root, display)
    if root is not None:
        check_parents(root, path, shown)
    # Refused before open, so a device is never opened (opening one can have effects); the
    # descriptor is checked again after open, in case the path changed in between.
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        raise LinkedPath(shown, name=path.name)
    if not stat.S_ISREG(mode):
        raise SpecialFile(shown, name=path.name, **kind_of(mode))
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError as error:
        _raise_for_open(error, path, shown)
        raise
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise SpecialFile(shown, name=path.name, **kind_of(info.st_mode))
        if info.st_size > limit:
            raise FileTooLarge(shown, size=info.st_size, limit=limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(_CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLarge(shown, size=max(len(data), info.st_size), limit=limit)
        return data, info
    finally:
        os.close(descriptor)


def read_text_limited(
    path: Path,
    limit: int = SUPPORT_FILE_LIMIT,
    *,
    root: Path | None = None,
    display: str | None = None,
    encoding: str = "utf-8",
) -> str:
    """`read_limited`, decoded (for schemas, reference files and other support files)."""
    return read_limited(path, limit, root=root, display=display).decode(encoding)


def _raise_for_open(error: OSError, path: Path, shown: str) -> None:
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if stat.S_ISLNK(mode):
        raise LinkedPath(shown, name=path.name) from error
    if not stat.S_ISREG(mode):
        raise SpecialFile(shown, name=path.name, **kind_of(mode)) from error


def check_writable(path: Path, *, root: Path | None = None, display: str | None = None) -> None:
    """Raise when writing `path` would go through a link or replace a non-regular file."""
    shown = _display(path, root, display)
    if root is not None:
        check_parents(root, path, shown)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise LinkedPath(shown, name=path.name)
    if not stat.S_ISREG(mode):
        raise SpecialFile(shown, name=path.name, **kind_of(mode))


def default_file_mode() -> int:
    """The mode a new file gets here (0666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _naming(error: OSError, path: Path) -> OSError:
    """The same error naming the file to write, not a temporary one beside it."""
    return type(error)(error.errno, error.strerror, str(path))


def stage_beside(path: Path, write: Callable[[Path], object], mode: int | None = None) -> Path:
    """A temporary file in the target's folder (`.NAME.*.tmp`) that `write` fills, with the
    target's mode (a replaced file keeps its mode, a new one gets the usual mode for new files)
    or `mode`. Errors name the target; on failure nothing is left behind."""
    import tempfile  # here: reading (every run) never needs it

    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _naming(error, path) from error
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        if mode is None:
            try:
                mode = os.lstat(path).st_mode & 0o777
            except FileNotFoundError:
                mode = default_file_mode()
        os.chmod(temp, mode)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _naming(error, path) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def move_into_place(
    temp: Path, path: Path, *, root: Path | None = None, display: str | None = None
) -> None:
    """Rename a staged file over its target, checked again just before (never through a link,
    never over a special file); on failure the staged file is removed."""
    try:
        check_writable(path, root=root, display=display)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _naming(error, path) from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(
    path: Path, data: str | bytes, *, root: Path | None = None, display: str | None = None
) -> None:
    """Write beside the target, then rename: the file is either old or new, never half. A link
    or special file in the target's place is refused, never written through."""
    check_writable(path, root=root, display=display)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = stage_beside(path, lambda staged: staged.write_bytes(payload))
    move_into_place(temp, path, root=root, display=display)


def regular_files(base: Path, root: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry under `base`, depth first in name order, without following links: regular
    files and what stands in their place (links and special files are yielded too, so callers
    report them). Directories reached through a link are never entered."""
    check_parents(root, base / "x")
    try:
        with os.scandir(base) as listing:
            entries = sorted(
                ((Path(e.path), e.stat(follow_symlinks=False)) for e in listing),
                key=lambda item: item[0].name,
            )
    except (FileNotFoundError, NotADirectoryError):
        return
    for path, info in entries:
        if stat.S_ISDIR(info.st_mode):
            yield from regular_files(path, root)
        else:
            yield path, info


def copy_regular_tree(root: Path, relative: Path, target_root: Path) -> None:
    """Copy `root/relative` to `target_root/relative`: regular files only, each read safely
    (a link or special file raises `UnsafeFile`; nothing outside `root` is read)."""
    for path, _ in regular_files(root / relative, root):
        data = read_limited(path, SUPPORT_FILE_LIMIT, root=root)
        target = target_root / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def read_if_safe(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file within `limit`, or None when it is missing, a link, special
    or too large (for overviews that skip what `renkei validate` reports)."""
    try:
        return read_limited(path, limit)
    except (OSError, UnsafeFile):
        return None
