"""`write_sqlite`: the registry at a root as one SQLite database (every table of `tables`,
`documents` and `reference`, and the `history` from Git), with foreign keys, indexes and
full-text search made by sqlite-utils, and its Datasette metadata beside it.

The database is written to a temporary file beside the target and renamed into place (see
`renkei.registry.safe_files`): the target is either the old database or the new one, never
half. A target that exists and is not an SQLite database is refused, never replaced."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed

from renkei.export.documents import document_tables
from renkei.export.history import empty_history, history_table
from renkei.export.metadata import datasette_metadata
from renkei.export.model import ExportError, ExportOutcome, ExportTable, HistoryNote
from renkei.export.reference import reference_tables
from renkei.export.tables import csv_tables
from renkei.registry.display_labels import DisplayLabels
from renkei.registry.safe_files import check_writable, move_into_place, stage_beside, write_atomic
from renkei.registry.snapshot import PrefectureState, RegistryState, parse_snapshot
from renkei.revisions.git import working_snapshot

#: Reads the history table of the registry at a root, and how it was read.
HistoryReader = Callable[[Path], tuple[ExportTable, HistoryNote]]
#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
METADATA_FILE = "metadata.json"


def write_sqlite(
    root: Path,
    target: Path,
    *,
    metadata: Path | None = None,
    history: bool = True,
    parsed: RegistryState | None = None,
    read_history: HistoryReader = history_table,
) -> ExportOutcome:
    """Write the registry at ROOT to the SQLite database TARGET and its Datasette metadata to
    METADATA (default: metadata.json beside TARGET); with `history` False the history table
    is left empty. PARSED: the working tree's prefecture folders already parsed (read again
    when None); READ_HISTORY reads the history table (`history_table`, or one that keeps it). Raises ExportError for a target that is not an SQLite database, a registry
    file that cannot be read or a reference that points at nothing (renkei validate finds
    those); nothing is written then."""
    metadata = metadata if metadata is not None else target.with_name(METADATA_FILE)
    check_writable(target)
    check_writable(metadata)
    refuse_foreign_file(target)
    refuse_foreign_metadata(metadata)
    tables, note = registry_tables(root, history, parsed, read_history)
    staged = stage_beside(target, lambda path: fill_database(path, tables))
    move_into_place(staged, target)
    text = json.dumps(datasette_metadata(target.stem, tables), ensure_ascii=False, indent=2)
    write_atomic(metadata, text + "\n")
    return ExportOutcome(target, metadata, {t.name: len(t.rows) for t in tables}, note)


def registry_tables(
    root: Path,
    history: bool = True,
    parsed: RegistryState | None = None,
    read_history: HistoryReader = history_table,
) -> tuple[list[ExportTable], HistoryNote]:
    """Every table of the export, in the order they are written, and the history note
    (PARSED and READ_HISTORY: as in `write_sqlite`)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        # `git log` runs in its own process while this one parses the files (it waits, the
        # parsing does not).
        reading = pool.submit(read_history, root) if history else None
        states = readable_states(parsed if parsed is not None else read_working_tree(root))
        labels = DisplayLabels.from_root(root)
        tables = [
            *reference_tables(root),
            *document_tables(labels, states),
            *csv_tables(root, states),
        ]
        found, note = reading.result() if reading else (empty_history(), HistoryNote(0, "not_read"))
    return [*tables, found], note


def read_working_tree(root: Path) -> RegistryState:
    """The prefecture folders of the working tree at ROOT, parsed."""
    found = working_snapshot(root, ("registry/prefectures", "schemas"))
    return parse_snapshot(found.files, too_large=found.too_large)


def readable_states(state: RegistryState) -> list[PrefectureState]:
    """Every prefecture folder of STATE in folder order; ExportError naming the first file that
    could not be read."""
    states = [state.prefectures[f] for f in sorted(state.prefectures)]
    for pref in states:
        for filename, reason in sorted(pref.unreadable.items()):
            where = f"registry/prefectures/{pref.folder}/{filename}"
            raise ExportError(
                f"{where} cannot be read ({reason}); fix it first (renkei validate {where}).",
                f"{where} を読めません（{reason}）。先に直してください（renkei validate {where}）。",
            )
    return states


def refuse_foreign_file(target: Path) -> None:
    """ExportError when TARGET exists and is neither an SQLite database nor empty (never
    overwritten)."""
    try:
        with target.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return
    if head not in (SQLITE_HEADER, b""):  # an empty file holds nothing to lose
        raise ExportError(
            f"{target} exists and is not an SQLite database; it was not overwritten. "
            "Give another file name, or move the file away first.",
            f"{target} は SQLite データベースではないファイルです。上書きしませんでした。"
            "別のファイル名を指定するか、先にそのファイルを移してください。",
        )


def refuse_foreign_metadata(path: Path) -> None:
    """ExportError when PATH exists and is not a JSON object (Datasette metadata)."""
    try:
        text = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return
    try:
        ok = isinstance(json.loads(text), dict)
    except ValueError:
        ok = False
    if not ok:
        raise ExportError(
            f"{path} exists and is not a JSON metadata file; it was not overwritten. "
            "Give another path with --metadata, or move the file away first.",
            f"{path} は JSON のメタデータではないファイルです。上書きしませんでした。"
            "--metadata で別のパスを指定するか、先にそのファイルを移してください。",
        )


def fill_database(path: Path, tables: list[ExportTable]) -> None:
    """Create every table in the empty database at PATH, fill it, index it and check its
    foreign keys (ExportError naming the first row that points at nothing)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = MEMORY")
        connection.execute("PRAGMA synchronous = OFF")
        db = sqlite_utils.Database(connection)
        for table in tables:
            _create(db, table)
        broken = connection.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise _broken_reference(connection, tables, broken)
        connection.commit()
    except sqlite3.IntegrityError as error:
        raise ExportError(
            f"The registry's data breaks a key of the database ({error}); run renkei validate "
            "and fix what it reports.",
            f"レジストリのデータがデータベースのキーに反します（{error}）。renkei validate を実行して"
            "指摘を直してください。",
        ) from error
    finally:
        connection.close()


def _create(db: sqlite_utils.Database, table: ExportTable) -> None:
    """One table: created with its types and keys, filled, indexed and made searchable."""
    created = db.table(table.name).create(
        {c.name: c.sql_type for c in table.columns},
        pk=table.primary_key[0] if len(table.primary_key) == 1 else tuple(table.primary_key),
        foreign_keys=[(k.column, k.table, k.other_column) for k in table.foreign_keys],
        column_order=[c.name for c in table.columns],
    )
    _insert_rows(db.conn, table)
    for column in table.indexes:
        created.create_index([column], if_not_exists=True, find_unique_name=True)
    if table.search:
        created.enable_fts(table.search, create_triggers=False)


def _insert_rows(connection: sqlite3.Connection, table: ExportTable) -> None:
    """TABLE's rows in one prepared statement, their values converted as sqlite-utils'
    `insert_all` converts them (lists and mappings as JSON, dates as ISO text): the same
    database, without building a statement and its parameters per batch of rows (that was half
    of the export's time)."""
    names = [c.name for c in table.columns]
    known = set(names)
    complete = True
    for row in table.rows:
        keys = row.keys()
        if keys != known:
            unknown = keys - known
            if unknown:
                raise ValueError(f"table {table.name} has no column {sorted(unknown)[0]}")
            complete = False
    columns = ", ".join(f'"{name}"' for name in names)
    marks = ", ".join("?" for _ in names)
    values = chain.from_iterable(map(dict.values, table.rows))
    plain = complete and _PLAIN.issuperset(map(type, values))
    # The usual table: every row has every column and only values SQLite stores as they are,
    # so each row goes in as its values in column order, with nothing to convert.
    parameters: Iterable[Any] = (
        map(itemgetter(*names), table.rows)
        if plain and len(names) > 1
        else ([_value(row.get(name)) for name in names] for row in table.rows)
    )
    connection.executemany(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', parameters)


#: Values SQLite stores as they are (sqlite-utils converts only the others).
_PLAIN = frozenset((str, int, float, bool, type(None)))


def _value(value: Any) -> Any:
    return value if type(value) in _PLAIN else jsonify_if_needed(value)


def _broken_reference(
    connection: sqlite3.Connection, tables: list[ExportTable], broken: tuple[object, ...]
) -> ExportError:
    """The ExportError for the first row whose foreign key points at nothing."""
    name, rowid, parent, index = broken
    keys = next((t.foreign_keys for t in tables if t.name == name), [])
    reported = [k for k in keys if k.table == parent]
    column = reported[0].column if reported else "?"
    if isinstance(index, int):
        listed = connection.execute(f"PRAGMA foreign_key_list('{name}')").fetchall()
        column = next((str(row[3]) for row in listed if row[0] == index), column)
    value = connection.execute(f'SELECT "{column}" FROM "{name}" WHERE rowid = ?', (rowid,))
    shown = (value.fetchone() or ("?",))[0]
    return ExportError(
        f"In table {name}, {column} '{shown}' is not in table {parent}; run renkei validate "
        "and fix what it reports.",
        f"表 {name} の {column}「{shown}」が表 {parent} にありません。renkei validate を実行して"
        "指摘を直してください。",
    )
