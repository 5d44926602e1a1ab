"""The `history` table: one row per commit and prefecture file it changed (the date and fiscal
year in Japan time, the commit, the prefecture, the file, how it changed, the lines added and
removed, and the commit's subject as the summary), read from Git in one pass. Outside a Git
repository, or before the first commit, the table is empty and the note says why; in a shallow
clone it holds the commits fetched, and the note says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from renkei.export.model import Column, ExportTable, HistoryNote
from renkei.registry.layout import PREFECTURES_DIR
from renkei.revisions.dates import fiscal_year_of
from renkei.revisions.git import GitError, is_shallow, open_repo, toplevel
from renkei.revisions.git_changes import commit_changes

JST = dt.timezone(dt.timedelta(hours=9))
COLUMNS = [
    Column("commit", "TEXT", "コミット / Commit"),
    Column("file", "TEXT", "ファイル / File", "レジストリのルートからのパス。 / The path from the registry root."),
    Column("date", "TEXT", "日時（日本時間） / Date (Japan time)", "コミットの日時（ISO 8601、+09:00）。 / The commit's time (ISO 8601, +09:00)."),
    Column("fiscal_year", "INTEGER", "年度 / Fiscal year", "日本時間の日付の年度（4 月 1 日から）。 / The fiscal year of the date in Japan time (from April 1)."),
    Column("prefecture_code", "TEXT", "都道府県コード / Prefecture code"),
    Column("prefecture", "TEXT", "都道府県のフォルダ / Prefecture folder"),
    Column("change", "TEXT", "変更の種類 / Change", "added 追加 / modified 変更 / deleted 削除"),
    Column("lines_added", "INTEGER", "追加行数 / Lines added"),
    Column("lines_removed", "INTEGER", "削除行数 / Lines removed"),
    Column("summary", "TEXT", "概要（コミットの件名） / Summary (the commit's subject)"),
]  # fmt: skip


def empty_history() -> ExportTable:
    """The history table without rows."""
    return ExportTable(
        name="history",
        title="変更履歴 / History of changes",
        description="Git の履歴から、コミットと都道府県のファイルごとに 1 行。 / From the Git "
        "history: one row per commit and prefecture file it changed.",
        columns=list(COLUMNS),
        primary_key=["commit", "file"],
        source="git log",
        indexes=["prefecture_code", "fiscal_year"],
    )


def history_table(root: Path) -> tuple[ExportTable, HistoryNote]:
    """The history of the registry at ROOT, and how it was read."""
    table = empty_history()
    try:
        repo = open_repo(root)
    except GitError:
        return table, HistoryNote(0, "not_a_repository")
    with repo:
        top = toplevel(repo)
        try:
            prefix = root.resolve().relative_to(top.resolve()).as_posix()
        except ValueError:
            return table, HistoryNote(0, "not_a_repository")
        base = (
            PREFECTURES_DIR.as_posix()
            if prefix == "."
            else f"{prefix}/{PREFECTURES_DIR.as_posix()}"
        )
        changes = commit_changes(repo, f"{base}/*/*")
        shallow = is_shallow(repo)
    for change in changes:
        parts = change.path[len(base) + 1 :].split("/")
        if len(parts) != 2:
            continue
        when = dt.datetime.fromtimestamp(change.timestamp, JST)
        table.rows.append(
            {
                "commit": change.sha,
                "file": change.path if prefix == "." else change.path[len(prefix) + 1 :],
                "date": when.isoformat(),
                "fiscal_year": fiscal_year_of(when.date()),
                "prefecture_code": parts[0].split("-", 1)[0],
                "prefecture": parts[0],
                "change": change.change,
                "lines_added": change.lines_added,
                "lines_removed": change.lines_removed,
                "summary": change.subject,
            }
        )
    commits = len({r["commit"] for r in table.rows})
    state = "shallow" if shallow else "read" if commits else "no_commits"
    return table, HistoryNote(commits, state)
