"""The size limits of the files renkei reads, as plain numbers (importable at no cost by the
cache keys and the command's fast path; `renkei.registry.loaders.text.Limits` holds them for
the checks)."""

from __future__ import annotations

#: Support files (schemas, reference data, the cache) are never read past this many bytes.
SUPPORT_FILE_LIMIT = 32 * 1024 * 1024
#: The default limits of validation: bytes per file (P001), YAML nesting (P008), rows per CSV
#: (P014) and values per YAML file (P016).
MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_DEPTH = 32
MAX_ROWS = 100_000
MAX_ENTRIES = 200_000


def limits_text(max_file_size: int, max_depth: int, max_rows: int, max_entries: int) -> str:
    """The limits as they enter a cache key."""
    return f"limits:{max_file_size}:{max_depth}:{max_rows}:{max_entries}"


#: `limits_text` of the default limits.
DEFAULT_LIMITS_TEXT = limits_text(MAX_FILE_SIZE, MAX_DEPTH, MAX_ROWS, MAX_ENTRIES)
