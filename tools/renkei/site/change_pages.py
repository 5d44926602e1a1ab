"""The pages of history: one per commit's change to a prefecture, one per fiscal year of a
prefecture (the diff between the ends of consecutive fiscal years), each the HTML diff of
`renkei diff` (`renkei.revisions.diff_render.html_body`) inside the site's layout. Rendered in
forked workers that share the blobs read once."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from dataclasses import dataclass
from typing import Any

from renkei.registry.display_labels import DisplayLabels
from renkei.revisions.change_walk import FolderChange, ParseCache, change_diff
from renkei.revisions.dates import reiwa_label
from renkei.revisions.diff_render import html_body, summary_line
from renkei.revisions.platform_timeline import JST, diff_entries
from renkei.site.links import Page, Repository
from renkei.site.model import LANGUAGES
from renkei.site.render import render_page
from renkei.site.text import text

#: The most entities of one category a change page shows (the rest are counted): a change
#: that adds a whole folder would otherwise make a page of megabytes.
ENTITY_LIMIT = 10
#: Below this many pages to render, worker processes cost more than they save.
PARALLEL_THRESHOLD = 100


@dataclass(frozen=True)
class Task:
    """A page of history to render: a commit's change (`kind` "change") or a fiscal year's
    ("fy", with its year and the fiscal year it is compared with)."""

    kind: str
    path: str  # below the language's folder
    change: FolderChange
    name: str
    year: int = 0
    since: int | None = None


@dataclass
class Shared:
    """What every worker reads: the blobs, the labels and the repository."""

    blobs: dict[str, bytes]
    labels: DisplayLabels
    repository: Repository


_shared: Shared | None = None
_cache: ParseCache = {}


def year_label(year: int, lang: str) -> str:
    """A fiscal year as people read it: 令和7年度（2025年度） or FY2025."""
    return f"{reiwa_label(year)}（{year}年度）" if lang == "ja" else f"FY{year}"


def commit_date(timestamp: int) -> str:
    """A commit's date in JST."""
    return dt.datetime.fromtimestamp(timestamp, JST).date().isoformat()


def _render(task: Task) -> tuple[dict[str, str], dict[str, Any]]:
    """The task's page in each language, and (for a commit's change) the record the national
    pages, feeds and timelines read."""
    assert _shared is not None
    diff = change_diff(task.change, _shared.blobs, _shared.labels, _cache)
    commit = task.change.commit
    folder = task.change.folder
    pages: dict[str, str] = {}
    for lang in LANGUAGES:
        page = Page(task.path, lang)
        back = text("back_to", lang, name=task.name)
        if task.kind == "change":
            title = text(
                "change_title",
                lang,
                name=task.name,
                date=commit_date(commit.timestamp),
                commit=commit.short,
            )
            meta = commit.subject
            github = _shared.repository.commit(commit.sha)
            edit = min(task.change.changed) if task.change.changed else None
        else:
            title = text("fy_title", lang, name=task.name, year=year_label(task.year, lang))
            new = year_label(task.year, lang)
            meta = (
                text("fy_from", lang, old=year_label(task.since, lang), new=new)
                if task.since is not None
                else text("fy_first", lang, new=new)
            )
            github = None
            edit = f"registry/prefectures/{folder}/vision.yaml"
        pages[lang] = render_page(
            "change.html",
            page,
            _shared.repository,
            title,
            edit,
            meta=meta,
            github=github,
            diff_body=_markup(html_body(diff, lang, heading=2, limit=ENTITY_LIMIT)),
            prefecture_href=page.to(f"prefectures/{folder}/index.html"),
            back=back,
        )
    record: dict[str, Any] = {}
    if task.kind == "change":
        prefs = diff.prefectures
        record = {
            "sha": commit.sha,
            "timestamp": commit.timestamp,
            "subject": commit.subject,
            "folder": folder,
            "name": task.name,
            "summary": {lang: summary_line(prefs[0], lang) if prefs else "" for lang in LANGUAGES},
            "timeline": [
                [
                    e.platform_id,
                    e.folder,
                    e.commit,
                    e.timestamp,
                    e.subject,
                    e.kind,
                    list(e.changed_ja),
                    list(e.changed_en),
                    e.old_id,
                ]
                for e in diff_entries(diff, commit)
            ],
        }
    return pages, record


def _markup(html: str) -> Any:
    """HTML already escaped by its own template, marked safe for the page's."""
    from markupsafe import Markup

    return Markup(html)


def render_all(
    tasks: list[Task], shared: Shared, jobs: int
) -> list[tuple[Task, dict[str, str], dict[str, Any]]]:
    """Every task's pages and record, on JOBS forked workers when there are many."""
    global _shared
    _shared = shared
    # A folder's changes one after another: the new side of one is the old side of the next,
    # parsed once in the worker's cache.
    tasks = sorted(tasks, key=lambda t: (t.change.folder, t.kind, t.change.commit.timestamp))
    try:
        if jobs > 1 and len(tasks) > PARALLEL_THRESHOLD and "fork" in mp.get_all_start_methods():
            with mp.get_context("fork").Pool(jobs) as pool:
                chunk = max(1, -(-len(tasks) // (jobs * 4)))
                results = pool.map(_render, tasks, chunksize=chunk)
        else:
            results = [_render(task) for task in tasks]
    finally:
        _shared = None
        _cache.clear()
    return [(task, pages, record) for task, (pages, record) in zip(tasks, results, strict=True)]
