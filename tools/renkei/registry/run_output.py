"""The printed report of a whole `renkei validate` run, kept by its key (`run_key`), so that a
repeat run with nothing changed prints it again without checking anything.

The file `.renkei-cache/run-output` holds, for the last few keys, the report in each format and
language printed so far and the exit code. Like the result cache (`renkei.registry.cache`) it is bound
to the file renkei wrote: it records its own inode and modification time (a random time that
renkei sets), so a copy, a checkout or an edit is never served. It also records the state of
`validate.json` as renkei last left it (when a report was kept, and on every write of the
result cache: `results_saved`), so it is served only while the result cache is the very file
that a normal run would load without a notice. Anything unexpected and it is not
served (the normal run then runs). Written with `os` alone: the command's fast path reads it."""

from __future__ import annotations

import os
import stat

from renkei.registry.file_limits import SUPPORT_FILE_LIMIT

CACHE_DIR = ".renkei-cache"
OUTPUT_FILE = "run-output"
RESULTS_FILE = "validate.json"
MAGIC = b"renkei-run-output 1"
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
#: The runs (keys) whose reports are kept, the newest last: a strict and a plain run, say.
MAX_RUNS = 4
#: The kept reports: (key, format, language) -> (the printed text's bytes, the exit code).
Outputs = dict[tuple[str, str, str], tuple[bytes, int]]


def stored_output(root: str, key: str, output_format: str, lang: str) -> tuple[str, int] | None:
    """The report printed by a run with KEY in OUTPUT_FORMAT and LANG, and its exit code; None
    when there is none that may be served."""
    stored = _read(root)
    if stored is None or stored[0] != _results_state(root):
        return None
    found = stored[1].get((key, output_format, lang))
    if found is None:
        return None
    try:
        return found[0].decode("utf-8"), found[1]
    except UnicodeDecodeError:
        return None


def store_output(
    root: str, key: str, output_format: str, lang: str, text: str, exit_code: int
) -> None:
    """Keep TEXT, printed with EXIT_CODE by a run with KEY in OUTPUT_FORMAT and LANG, beside
    the reports of the same run in other formats. Any failure leaves the stored file as it was
    or removes it; nothing is raised for a file-system error."""
    directory = os.path.join(root, CACHE_DIR)
    state = _results_state(root)
    try:
        data = text.encode("utf-8")
        if not stat.S_ISDIR(os.lstat(directory).st_mode) or state in ("other", "unreadable"):
            return
    except (OSError, UnicodeEncodeError):
        return
    stored = _read(root)
    outputs: Outputs = {} if stored is None else stored[1]
    outputs.pop((key, output_format, lang), None)
    outputs[(key, output_format, lang)] = (data, exit_code)
    runs = list(dict.fromkeys(run for run, _, _ in reversed(outputs)))[:MAX_RUNS]
    _write(directory, state, {k: v for k, v in outputs.items() if k[0] in runs})


def results_saved(root: str) -> None:
    """Tell the kept reports that renkei has just written validate.json (so that a normal run
    loads it without a notice): they stay servable. Called by `ResultCache.save`."""
    stored = _read(root)
    if stored is not None:
        _write(os.path.join(root, CACHE_DIR), _results_state(root), stored[1])


def _write(directory: str, state: str, outputs: Outputs) -> None:
    import secrets  # here: only the normal run writes

    temp = os.path.join(directory, f"{OUTPUT_FILE}.{os.getpid()}.tmp")
    try:
        _remove(temp)
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        # Even seconds in 2001-2033, as the result cache's file: anything else writes another.
        mtime_ns = (1_000_000_000 + 2 * secrets.randbelow(500_000_000)) * 1_000_000_000
        parts = [MAGIC, f"{os.fstat(handle).st_ino} {mtime_ns}".encode(), state.encode()]
        body = [b"\n".join(parts) + b"\n"]
        for (run, name, language), (printed, code) in outputs.items():
            body.append(f"{run} {name} {language} {code} {len(printed)}\n".encode() + printed)
        with os.fdopen(handle, "wb") as out:
            out.write(b"".join(body))
        os.utime(temp, ns=(mtime_ns, mtime_ns))
        os.replace(temp, os.path.join(directory, OUTPUT_FILE))
    except OSError:
        _remove(temp)
        _remove(os.path.join(directory, OUTPUT_FILE))  # never left with a stale state


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # not there, or not ours to remove: nothing to do
        return


def _results_state(root: str) -> str:
    """validate.json as it is now: absent, or its inode, modification time and size."""
    try:
        info = os.lstat(os.path.join(root, CACHE_DIR, RESULTS_FILE))
    except FileNotFoundError:
        return "absent"
    except OSError:
        return "unreadable"
    if not stat.S_ISREG(info.st_mode):
        return "other"
    return f"{info.st_ino} {info.st_mtime_ns} {info.st_size}"


def _read(root: str) -> tuple[str, Outputs] | None:
    """The stored (validate.json state, outputs), or None when there is none that is
    renkei's own, whole and well formed."""
    directory = os.path.join(root, CACHE_DIR)
    try:
        if not stat.S_ISDIR(os.lstat(directory).st_mode):
            return None
        descriptor = os.open(os.path.join(directory, OUTPUT_FILE), _READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > SUPPORT_FILE_LIMIT:
            return None
        data = os.read(descriptor, info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    try:
        return _parse(data, info)
    except (ValueError, UnicodeDecodeError):
        return None


def _parse(data: bytes, info: os.stat_result) -> tuple[str, Outputs] | None:
    magic, stamp, state, rest = data.split(b"\n", 3)
    if magic != MAGIC or len(data) != info.st_size:
        return None
    if stamp.decode("ascii") != f"{info.st_ino} {info.st_mtime_ns}":
        return None
    outputs: Outputs = {}
    while rest:
        header, rest = rest.split(b"\n", 1)
        run, name, language, code, size = header.decode("ascii").split(" ")
        length = int(size)
        if length > len(rest):
            return None
        outputs[(run, name, language)] = (rest[:length], int(code))
        rest = rest[length:]
    return state.decode("ascii"), outputs
