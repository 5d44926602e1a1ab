"""`renkei export sqlite`: the registry as one SQLite database, checked against the registry's
own files (a blank registry of the tests' own, committed in a real Git repository)."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest
import yaml

from helpers.gitrepo import commit, committed_registry, git
from helpers.registry import Registry, copy_registry
from renkei.export.model import Column, ExportTable
from renkei.export.sqlite import write_sqlite

TABLES = {
    "local_governments", "fields", "technologies", "vocabularies", "machine_readability_rules",
    "national_status", "prefectures", "platforms", "platform_fields", "platform_modules",
    "platform_participants", "platform_costs", "platform_sources", "vision", "vision_revisions",
    "vision_sources", "municipalities", "municipal_platforms", "services", "data_assets", "kpis",
    "history",
}  # fmt: skip
CSV_TABLES = {
    "municipalities.csv": "municipalities",
    "municipal-platforms.csv": "municipal_platforms",
    "services.csv": "services",
    "data-assets.csv": "data_assets",
    "kpis.csv": "kpis",
}
EDIT_DATE = "2026-05-10T12:00:00+09:00"


def _export(registry: Registry, out: Path, *args: str, lang: str = "en") -> tuple[int, str]:
    result = registry.run(
        "export", "sqlite", "--root", str(registry.root), "-o", str(out), "--lang", lang, *args
    )
    return result.exit_code, result.output


def _csv_rows(path: Path) -> int:
    return len(list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))))


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    """A committed blank registry, then a use of the synthetic platform committed in May."""
    registry = committed_registry(tmp_path / "repo")
    relative = registry.pref("municipal-platforms.csv")
    registry.write(relative, registry.read(relative) + "131016,test-platform,uses,2024\n")
    commit(registry, "SYNTHETIC: Chiyoda uses the test platform", EDIT_DATE)
    return registry


@pytest.fixture
def database(repo: Registry, tmp_path: Path) -> Path:
    out = tmp_path / "out" / "registry.sqlite"
    out.parent.mkdir()
    code, output = _export(repo, out)
    assert code == 0, output
    assert f"wrote {out} (22 tables" in output and "from 2 commits" in output
    return out


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows if not name.startswith(("platforms_fts", "sqlite_"))}


def test_every_registry_table_is_a_table_with_its_keys(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        assert _tables(connection) == TABLES
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        columns = connection.execute("PRAGMA table_info(municipalities)").fetchall()
        types = {name: kind for _, name, kind, _, _, _ in columns}
        assert types["prefecture_code"] == "TEXT" and types["planned_fiscal_year"] == "INTEGER"
        keyed = sorted((pk, name) for _, name, _, _, _, pk in columns if pk)
        assert keyed == [(1, "prefecture_code"), (2, "lg_code")]
        references = {
            (row[3], row[2], row[4])
            for row in connection.execute("PRAGMA foreign_key_list(municipal_platforms)")
        }
        assert references == {
            ("prefecture_code", "prefectures", "code"),
            ("lg_code", "local_governments", "lg_code"),
            ("platform_id", "platforms", "id"),
        }
        used = connection.execute(
            "SELECT p.name, m.relation, m.since_fiscal_year FROM municipal_platforms m "
            "JOIN platforms p ON p.id = m.platform_id WHERE m.lg_code = '131016'"
        ).fetchall()
        assert used == [("テスト基盤", "uses", 2024)]
        hits = connection.execute(
            "SELECT id FROM platforms WHERE rowid IN "
            "(SELECT rowid FROM platforms_fts WHERE platforms_fts MATCH 'テスト基盤')"
        ).fetchall()
        assert hits == [("test-platform",)]


def test_row_counts_equal_the_registry_rows(repo: Registry, database: Path) -> None:
    folders = sorted(p for p in repo.path("registry/prefectures").iterdir() if p.is_dir())
    with sqlite3.connect(database) as connection:

        def count(table: str) -> int:
            return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

        for filename, table in CSV_TABLES.items():
            assert count(table) == sum(_csv_rows(f / filename) for f in folders), table
        assert count("local_governments") == _csv_rows(
            repo.path("registry/reference/local-governments.csv")
        )
        assert count("prefectures") == count("vision") == len(folders) == 47
        platforms = yaml.safe_load(repo.read(repo.pref("platforms.yaml")))["platforms"]
        assert count("platforms") == len(platforms) == 1
        assert count("platform_fields") == len(platforms[0]["fields"]) == 2
        assert count("platform_participants") == len(platforms[0]["participants"]) == 1
        assert count("platform_sources") == len(platforms[0]["sources"]) == 1
        row = connection.execute(
            "SELECT prefecture_code, cross_prefecture, linkage, costs FROM platforms"
        ).fetchone()
        assert row == ("13", 0, '{"authentication": false, "data": true}', "unknown")


def test_the_history_has_a_row_for_the_commit_made(repo: Registry, database: Path) -> None:
    sha = git(repo, "rev-parse", "HEAD")
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT file, date, fiscal_year, prefecture_code, prefecture, change, lines_added, "
            'lines_removed, summary FROM history WHERE "commit" = ?',
            (sha,),
        ).fetchall()
        assert rows == [
            (
                "registry/prefectures/13-tokyo/municipal-platforms.csv",
                "2026-05-10T12:00:00+09:00",
                2026,
                "13",
                "13-tokyo",
                "modified",
                1,
                0,
                "SYNTHETIC: Chiyoda uses the test platform",
            )
        ]
        first = connection.execute(
            'SELECT count(*), min(change), max(fiscal_year) FROM history WHERE "commit" != ?',
            (sha,),
        ).fetchone()
        files = sum(1 for p in repo.path("registry/prefectures").glob("*/*") if p.is_file())
        # The initial commit (2026-01-01, fiscal year 2025) added every prefecture file.
        assert first == (files, "added", 2025)


def test_the_metadata_speaks_japanese_with_english_beside(database: Path) -> None:
    metadata = json.loads(database.with_name("metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"] == "データ連携基盤と共同利用ビジョンのレジストリ"
    assert metadata["license"] == "CC-BY-4.0"
    tables = metadata["databases"]["registry"]["tables"]
    assert set(tables) == TABLES
    municipalities = tables["municipalities"]
    assert municipalities["title"] == "市区町村の回答"
    assert municipalities["title_en"] == "Municipal survey answers"
    assert municipalities["columns"]["lg_code"].startswith("団体コード / Local government code")
    assert tables["platforms"]["title"] == "データ連携基盤"
    assert tables["platforms"]["columns"]["status"].startswith("状態 / Status")
    assert tables["history"]["columns"]["fiscal_year"].startswith("年度 / Fiscal year")
    for name, table in tables.items():
        assert table["title"] and table["description"], name
        for column, text in table["columns"].items():
            assert text, (name, column)


def test_outside_git_the_history_is_empty_and_the_outcome_says_so(
    registry: Registry, tmp_path: Path
) -> None:
    out = tmp_path / "registry.sqlite"
    outcome = write_sqlite(registry.root, out)
    assert outcome.history.state == "not_a_repository" and outcome.rows["history"] == 0
    assert outcome.metadata == tmp_path / "metadata.json" and outcome.metadata.is_file()
    code, output = _export(registry, out, lang="ja")
    assert code == 0, output
    assert "履歴 0 行: Git リポジトリではないため空です" in output


def test_an_existing_database_is_replaced(repo: Registry, database: Path, tmp_path: Path) -> None:
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE stale (x)")
    connection.close()
    elsewhere = tmp_path / "meta" / "datasette.json"
    elsewhere.parent.mkdir()
    code, output = _export(repo, database, "--metadata", str(elsewhere), "--no-history")
    assert code == 0, output
    assert "history 0 rows: empty: --no-history" in output
    with sqlite3.connect(database) as connection:
        assert _tables(connection) == TABLES
    connection.close()
    assert json.loads(elsewhere.read_text(encoding="utf-8"))["databases"]["registry"]
    assert not [p for p in database.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_file_that_is_not_a_database_is_never_overwritten(
    registry: Registry, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "notes.sqlite"
    out.write_text("SYNTHETIC: my notes, not a database\n", encoding="utf-8")
    code, output = _export(registry, out, lang=lang)
    assert code == 2
    expected = {
        "en": f"renkei: {out} exists and is not an SQLite database; it was not overwritten.",
        "ja": f"renkei: {out} は SQLite データベースではないファイルです。上書きしませんでした。",
    }
    assert expected[lang] in output and "Traceback" not in output
    assert out.read_text(encoding="utf-8") == "SYNTHETIC: my notes, not a database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite", "repo"]


def test_metadata_that_is_not_json_is_never_overwritten(registry: Registry, tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("SYNTHETIC: not JSON\n", encoding="utf-8")
    code, output = _export(registry, tmp_path / "registry.sqlite")
    assert code == 2 and "is not a JSON metadata file; it was not overwritten" in output
    assert not (tmp_path / "registry.sqlite").exists()
    assert (tmp_path / "metadata.json").read_text(encoding="utf-8") == "SYNTHETIC: not JSON\n"


def test_a_reference_to_nothing_is_a_clear_error_and_nothing_is_written(
    registry: Registry, tmp_path: Path
) -> None:
    relative = registry.pref("services.csv")
    header = registry.read(relative).splitlines()[0]
    cells = {"platform_id": "no-such-platform", "service_name": "SYNTHETIC", "source": "x"}
    registry.write(
        relative, header + "\n" + ",".join(cells.get(c, "") for c in header.split(",")) + "\n"
    )
    code, output = _export(registry, tmp_path / "registry.sqlite")
    assert code == 2, output
    assert (
        "In table services, platform_id 'no-such-platform' is not in table platforms; "
        "run renkei validate" in output
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_an_unreadable_file_is_a_clear_error(registry: Registry, tmp_path: Path) -> None:
    registry.write(registry.pref("vision.yaml"), "schema_version: [1\n")
    code, output = _export(registry, tmp_path / "registry.sqlite", lang="ja")
    assert code == 2, output
    assert "registry/prefectures/13-tokyo/vision.yaml を読めません" in output
    assert "Traceback" not in output and not (tmp_path / "registry.sqlite").exists()


def test_a_root_inside_a_larger_repository_keeps_its_paths(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    copy_registry(outer / "data")
    git(outer, "init", "-q", "-b", "main")
    commit(outer, "SYNTHETIC: the registry in a sub-folder")
    outcome = write_sqlite(outer / "data", tmp_path / "registry.sqlite")
    assert outcome.history.state == "read" and outcome.history.commits == 1
    with sqlite3.connect(tmp_path / "registry.sqlite") as connection:
        files = {f for (f,) in connection.execute("SELECT file FROM history")}
    assert "registry/prefectures/13-tokyo/platforms.yaml" in files


def test_a_shallow_clone_says_its_history_is_cut_off(repo: Registry, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    code, output = _export(Registry(clone), tmp_path / "registry.sqlite")
    assert code == 0, output
    files = sum(1 for p in clone.glob("registry/prefectures/*/*") if p.is_file())
    # The one commit fetched has no parent here: every file reads as added by it.
    note = f"history {files} rows: a shallow clone, 1 commit(s) fetched (git fetch --unshallow"
    assert note in output


def test_a_platform_id_in_two_prefectures_is_a_clear_error(
    registry: Registry, tmp_path: Path
) -> None:
    registry.write(
        registry.pref("platforms.yaml", "01-hokkaido"),
        registry.read(registry.pref("platforms.yaml")),
    )
    code, output = _export(registry, tmp_path / "registry.sqlite")
    assert code == 2, output
    assert "The registry's data breaks a key of the database (UNIQUE constraint failed: " in output
    assert "platforms.id); run renkei validate" in output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_an_empty_file_in_the_way_is_replaced(registry: Registry, tmp_path: Path) -> None:
    out = tmp_path / "registry.sqlite"
    out.touch()
    assert _export(registry, out)[0] == 0
    with sqlite3.connect(out) as connection:
        assert _tables(connection) == TABLES
    connection.close()


def test_a_link_in_the_way_is_refused_and_not_followed(registry: Registry, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("SYNTHETIC: keep me\n", encoding="utf-8")
    (tmp_path / "registry.sqlite").symlink_to(victim)
    code, output = _export(registry, tmp_path / "registry.sqlite")
    assert code == 1 and "Traceback" not in output, output
    assert victim.read_text(encoding="utf-8") == "SYNTHETIC: keep me\n"


def test_rows_are_stored_as_sqlite_utils_stores_them(repo: Registry, tmp_path: Path) -> None:
    """The rows written in one statement per table are the rows, values and types that
    sqlite-utils' own insert_all writes (JSON for lists, NULL for a missing value)."""
    import sqlite_utils

    from renkei.export.sqlite import fill_database, registry_tables

    tables, _note = registry_tables(repo.root)
    ours = tmp_path / "ours.sqlite"
    fill_database(ours, tables)
    theirs = sqlite_utils.Database(tmp_path / "theirs.sqlite")
    for table in tables:
        created = theirs.table(table.name).create(
            {c.name: c.sql_type for c in table.columns},
            pk=table.primary_key[0] if len(table.primary_key) == 1 else tuple(table.primary_key),
            column_order=[c.name for c in table.columns],
        )
        created.insert_all(table.rows, batch_size=500)
    ours_db = sqlite3.connect(ours)
    compared = 0
    for table in tables:
        typed = ", ".join(f'"{c.name}", typeof("{c.name}")' for c in table.columns)
        query = f'SELECT {typed} FROM "{table.name}" ORDER BY rowid'
        expected = theirs.conn.execute(query).fetchall()
        assert ours_db.execute(query).fetchall() == expected, table.name
        compared += len(expected)
    assert compared > 100


def _table(name: str, rows: list[dict[str, object]]) -> ExportTable:
    columns = [Column("id", "TEXT"), Column("count", "INTEGER"), Column("extra", "TEXT")]
    return ExportTable(name, name, "", columns, ["id"], "SYNTHETIC", rows=rows)


@pytest.mark.parametrize(
    "rows",
    [
        # every column, plain values: inserted as they are
        [{"id": "a", "count": 1, "extra": "x"}, {"id": "b", "count": None, "extra": "y"}],
        # a missing column in one row: that row's value is NULL
        [{"id": "a", "count": 1, "extra": "x"}, {"id": "b", "count": 2}],
        # values SQLite cannot store as they are: converted as sqlite-utils converts them
        [
            {"id": "a", "count": True, "extra": ["p", "q"]},
            {"id": "b", "count": 2, "extra": dt.date(2025, 4, 1)},
            {"id": "c", "count": 3, "extra": {"k": "v"}},
        ],
    ],
    ids=["plain", "missing", "converted"],
)
def test_each_kind_of_table_is_stored_as_sqlite_utils_stores_it(
    tmp_path: Path, rows: list[dict[str, object]]
) -> None:
    import sqlite_utils

    from renkei.export.sqlite import fill_database

    table = _table("synthetic", rows)
    fill_database(tmp_path / "ours.sqlite", [table])
    theirs = sqlite_utils.Database(tmp_path / "theirs.sqlite")
    theirs.table("synthetic").create(
        {c.name: c.sql_type for c in table.columns}, pk="id", column_order=["id", "count", "extra"]
    ).insert_all(rows)
    query = 'SELECT id, typeof(id), count, typeof(count), extra, typeof(extra) FROM "synthetic"'
    with contextlib.closing(sqlite3.connect(tmp_path / "ours.sqlite")) as ours:
        assert ours.execute(query).fetchall() == theirs.conn.execute(query).fetchall()


def test_a_row_with_a_column_the_table_lacks_is_refused(tmp_path: Path) -> None:
    from renkei.export.sqlite import fill_database

    table = _table("synthetic", [{"id": "a", "count": 1, "extra": "x", "other": 1}])
    with pytest.raises(ValueError, match="no column other"):
        fill_database(tmp_path / "ours.sqlite", [table])
