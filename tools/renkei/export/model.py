"""What an export is made of: tables with typed, titled columns, their keys, their rows, and the
outcome of writing them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from renkei.findings.errors import BilingualError

#: Table Schema types → SQLite column types (dates stay ISO 8601 text).
SQLITE_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}


class ExportError(BilingualError):
    """An export that cannot be written: what is wrong, where, and how to fix it."""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, SQLite type and bilingual title ("日本語 / English")."""

    name: str
    sql_type: str = "TEXT"
    title: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """A column whose values are keys of another table."""

    column: str
    table: str
    other_column: str


@dataclass
class ExportTable:
    """One table of the database: columns in order, keys, rows (one dict each) and where the
    rows come from."""

    name: str
    title: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    source: str
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Columns searched by full-text search (empty: none).
    search: list[str] = field(default_factory=list)
    #: Columns indexed besides the primary key.
    indexes: list[str] = field(default_factory=list)

    def column(self, name: str) -> Column | None:
        """The column called NAME, or None."""
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True, slots=True)
class HistoryNote:
    """How the history table was filled: from how many commits, or why it is empty."""

    commits: int = 0
    #: "read", "shallow" (a shallow clone: only the commits fetched), "not_a_repository",
    #: "no_commits" or "not_read" (not asked for).
    state: str = "read"


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What `write_sqlite` wrote: the database, its metadata file, the rows of each table (in
    the order they were written) and how the history was read."""

    database: Path
    metadata: Path
    rows: dict[str, int]
    history: HistoryNote

    @property
    def total_rows(self) -> int:
        """The rows of every table together."""
        return sum(self.rows.values())


def split_title(title: str) -> tuple[str, str]:
    """(Japanese, English) of a "日本語 / English" title; the same text twice without " / "."""
    ja, sep, en = title.partition(" / ")
    return (ja.strip(), en.strip()) if sep else (title.strip(), title.strip())


def sqlite_value(value: Any) -> Any:
    """A YAML or JSON value as SQLite stores it: booleans as 1 and 0, mappings and lists as
    JSON text, everything else as it is (`unknown` stays `unknown`)."""
    import json

    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)  # a date YAML read as a date
