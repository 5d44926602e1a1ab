"""Turn a file's bytes into text, refusing what is not UTF-8 with a hint that fixes it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.file_limits import (
    MAX_DEPTH,
    MAX_ENTRIES,
    MAX_FILE_SIZE,
    MAX_ROWS,
    limits_text,
)

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


@dataclass(frozen=True, slots=True)
class Limits:
    """Safe defaults; every limit has its own finding code when exceeded."""

    max_file_size: int = MAX_FILE_SIZE  # bytes per file (P001)
    max_depth: int = MAX_DEPTH  # nesting of lists and mappings in a YAML file (P008)
    max_rows: int = MAX_ROWS  # rows per CSV file (P014)
    max_entries: int = MAX_ENTRIES  # values (scalars, lists, mappings) per YAML file (P016)

    def key_text(self) -> str:
        """The limits as they enter a cache key."""
        return limits_text(self.max_file_size, self.max_depth, self.max_rows, self.max_entries)


DEFAULT_LIMITS = Limits()


def _byte_position(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[start:offset].decode("utf-8", errors="replace")
    return Position(line, len(prefix) + 1)


def convert_command(display_path: str) -> str:
    """The shell command that converts DISPLAY_PATH from CP932 to UTF-8 in place."""
    quoted = shlex.quote(display_path)
    tmp = shlex.quote(display_path + ".utf8")
    return f"iconv -f CP932 -t UTF-8 {quoted} > {tmp} && mv {tmp} {quoted}"


def decode_text(
    data: bytes, display_path: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is dropped). Anything else is a finding, never an exception."""
    start = Position(1, 1)
    if len(data) > limits.max_file_size:
        return None, [
            codes.P001.make(display_path, start, size=len(data), limit=limits.max_file_size)
        ]
    if data.startswith(_UTF32_BOMS) or data.startswith(_UTF16_BOMS):
        kind = "UTF-32" if data.startswith(_UTF32_BOMS) else "UTF-16"
        command = f"iconv -f {kind} -t UTF-8 {shlex.quote(display_path)}"
        return None, [codes.P002.make(display_path, start, detected=kind, command=command)]
    nul = data.find(b"\x00")
    if nul != -1:
        return None, [codes.P003.make(display_path, _byte_position(data, nul))]
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as error:
        position = _byte_position(body, error.start)
        try:
            body.decode("cp932")
            detected = "Shift_JIS/CP932"
        except UnicodeDecodeError:
            detected = "unknown encoding"
        return None, [
            codes.P002.make(
                display_path,
                position,
                detected=detected,
                command=convert_command(display_path),
            )
        ]


def decode_utf8_or_cp932(data: bytes) -> tuple[str, str] | None:
    """The text and the encoding it was in (a UTF-8 BOM is dropped), or None when it is neither
    UTF-8 nor CP932: the leniency of an import from a spreadsheet, never of the registry."""
    body = data[len(UTF8_BOM) :] if data.startswith(UTF8_BOM) else data
    for encoding in ("utf-8", "cp932"):
        try:
            return body.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def unify_line_endings(text: str) -> str:
    """One line ending, as editors count lines: CRLF and a lone CR end a line like LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
