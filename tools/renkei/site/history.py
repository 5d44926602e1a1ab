"""The registry's Git history for the site, read in one pass (`renkei.revisions.change_walk`):
each commit's change to each prefecture (a page, a line of the feeds and of the platforms'
timelines) and each prefecture's fiscal years (a page each). What a previous build computed is
kept in its manifest's cache: a rebuild reads and diffs only the commits it has not seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from renkei.revisions.change_walk import (
    Commit,
    FolderChange,
    History,
    read_change_blobs,
    vision_file,
    walk_history,
)
from renkei.revisions.git import GitError, open_repo, read_blobs
from renkei.revisions.history import vision_revisions
from renkei.revisions.platform_timeline import TimelineEntry
from renkei.site import history_kept
from renkei.site.change_pages import Shared, Task, render_all
from renkei.site.data import RegistryData
from renkei.site.history_kept import YearPage
from renkei.site.links import Page, Repository
from renkei.site.model import LANGUAGES
from renkei.site.output import SiteWriter, input_hash
from renkei.site.text import text


@dataclass
class SiteHistory:
    """What the pages read of history: each change's record (oldest first) and each folder's
    fiscal years."""

    records: list[dict[str, Any]] = field(default_factory=list)
    years: dict[str, list[YearPage]] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def of_folder(self, folder: str) -> list[dict[str, Any]]:
        """The records of one folder, oldest first."""
        return [r for r in self.records if r["folder"] == folder]

    def timelines(self) -> dict[str, list[TimelineEntry]]:
        """Every platform's timeline by id (a renamed platform's under its new id too)."""
        by_id: dict[str, list[TimelineEntry]] = {}
        for record in self.records:
            for row in record["timeline"]:
                item = TimelineEntry(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                    tuple(row[6]),
                    tuple(row[7]),
                    row[8],
                )
                by_id.setdefault(item.platform_id, []).append(item)
        for platform_id, items in list(by_id.items()):
            for item in items:
                if item.kind == "renamed" and item.old_id:
                    merged = by_id.get(item.old_id, []) + items
                    by_id[platform_id] = sorted(set(merged), key=lambda e: e.timestamp)
        return by_id


def change_path(folder: str, sha: str) -> str:
    """The page of one commit's change to a folder."""
    return f"prefectures/{folder}/changes/{sha[:12]}.html"


def _repo(root: Path) -> git.Repo | None:
    try:
        repo = open_repo(root)
        repo.head.commit  # noqa: B018 - a repository without commits has no history
        return repo
    except (GitError, ValueError):
        return None


def _fiscal_years(
    repo: git.Repo, history: History, cache: dict[str, Any]
) -> dict[str, list[tuple[int, FolderChange, FolderChange]]]:
    """Each folder's fiscal years: (year, the first change of the year, its last change), the
    year of a state being its vision's newest revision (blobs' years cached by id)."""
    wanted = [
        c.new[vision_file(c.folder)]
        for c in history.changes
        if vision_file(c.folder) in c.new and c.new[vision_file(c.folder)] not in cache
    ]
    if wanted:
        for sha, data in read_blobs(repo, sorted(set(wanted)), 5_000_000).data.items():
            revisions = vision_revisions(data)
            cache[sha] = max((r[0] for r in revisions), default=None) if revisions else None
    years: dict[str, list[tuple[int, FolderChange, FolderChange]]] = {}
    for change in history.changes:
        year = cache.get(change.new.get(vision_file(change.folder), ""))
        if not isinstance(year, int):
            continue
        found = years.setdefault(change.folder, [])
        if found and found[-1][0] == year:
            found[-1] = (year, found[-1][1], change)
        elif not found or year > found[-1][0]:
            found.append((year, change, change))
    return years


def _year_change(
    first: FolderChange, last: FolderChange, previous: FolderChange | None
) -> FolderChange:
    """The change from the end of the previous fiscal year (or the state just before FIRST)
    to the end of this one (LAST)."""
    old = previous.new if previous is not None else first.old
    before = previous.commit if previous is not None else first.parent
    changed = frozenset(
        p
        for p in set(old) | set(last.new)
        if old.get(p) != last.new.get(p) and p.startswith("registry/")
    )
    return FolderChange(last.commit, before, first.folder, old, last.new, changed)


def build_history(
    data: RegistryData, writer: SiteWriter, repository: Repository, jobs: int
) -> SiteHistory:
    """Every page of history written (or kept), and what the other pages read of it."""
    result = SiteHistory()
    repo = _repo(data.root)
    if repo is None:
        result.warnings.append(
            (
                "Git の履歴がないため、変更のページ・フィード・年表は空です。",
                "No Git history: the change pages, feeds and timelines are empty.",
            )
        )
        return result
    cached: dict[str, Any] = writer.cache.setdefault("changes", {})
    names = {f: data.prefecture(f).name for f in data.folders}
    key_of_all = history_kept.history_key(repo, data.shared_hash, names)
    reused = history_kept.reuse(writer, key_of_all, cached)
    if reused is not None:
        result.records, result.years = reused
        return result
    history = walk_history(repo)
    tasks: list[Task] = []
    written: list[str] = []
    for change in history.changes:
        if change.folder not in names:
            continue
        path = change_path(change.folder, change.commit.sha)
        written.append(path)
        key = input_hash(data.shared_hash, "change", change.commit.sha, change.folder)
        record_key = f"{change.commit.sha}:{change.folder}"
        kept = [writer.current(Page(path, lang).file, key) for lang in LANGUAGES]
        if not all(kept) or record_key not in cached:
            tasks.append(Task("change", path, change, names[change.folder]))
    years = _fiscal_years(repo, history, writer.cache.setdefault("vision_years", {}))
    for folder, found in years.items():
        if folder not in names:
            continue
        pages: list[YearPage] = []
        previous: FolderChange | None = None
        for index, (year, first, last) in enumerate(found):
            since = found[index - 1][0] if index else None
            path = f"prefectures/{folder}/fy/{year}.html"
            pages.append(YearPage(year, since, path))
            written.append(path)
            change = _year_change(first, last, previous)
            previous = last
            key = input_hash(
                data.shared_hash,
                "fy",
                year,
                since,
                sorted(change.old.items()),
                sorted(change.new.items()),
            )
            if not all([writer.current(Page(path, lang).file, key) for lang in LANGUAGES]):
                tasks.append(Task("fy", path, change, names[folder], year, since))
        result.years[folder] = pages
    blobs = read_change_blobs(repo, [t.change for t in tasks]) if tasks else {}
    for task, pages_by_lang, record in render_all(
        tasks, Shared(blobs, data.labels, repository), jobs
    ):
        if task.kind == "change":
            key = input_hash(data.shared_hash, "change", task.change.commit.sha, task.change.folder)
            cached[f"{task.change.commit.sha}:{task.change.folder}"] = record
        else:
            change = task.change
            key = input_hash(
                data.shared_hash,
                "fy",
                task.year,
                task.since,
                sorted(change.old.items()),
                sorted(change.new.items()),
            )
        for lang, html in pages_by_lang.items():
            writer.write(Page(task.path, lang).file, key, html.encode())
    order = {(c.commit.sha, c.folder): i for i, c in enumerate(history.changes)}
    result.records = sorted(
        (r for k, r in cached.items() if tuple(k.split(":", 1)) in order),
        key=lambda r: order[(r["sha"], r["folder"])],
    )
    live = {f"{sha}:{folder}" for sha, folder in order}
    for stale in set(cached) - live:
        del cached[stale]
    kept_order = [f"{r['sha']}:{r['folder']}" for r in result.records]
    history_kept.remember(writer, key_of_all, kept_order, written, result.years)
    return result


def change_rows(
    records: list[dict[str, Any]], page: Page, limit: int | None = None
) -> list[dict[str, str]]:
    """Changes newest first as the tables of changes show them (links relative to PAGE)."""
    import datetime as dt

    from renkei.revisions.dates import fiscal_year_of
    from renkei.site.change_pages import commit_date, year_label

    rows = []
    for record in reversed(records[-limit:] if limit else records):
        day = dt.date.fromisoformat(commit_date(record["timestamp"]))
        rows.append(
            {
                "date": day.isoformat(),
                "year": year_label(fiscal_year_of(day), page.lang),
                "name": record["name"],
                "summary": record["summary"][page.lang] or text("change", page.lang),
                "href": page.to(change_path(record["folder"], record["sha"])),
                "short": record["sha"][:10],
            }
        )
    return rows


def latest_commit(records: list[dict[str, Any]]) -> Commit | None:
    """The newest change's commit, or None without history."""
    if not records:
        return None
    last = records[-1]
    return Commit(last["sha"], last["timestamp"], last["subject"])
