"""The site's pages of the registry as it is now: the national page, one page per prefecture,
its vision as published, one page per platform, and the downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from renkei import __version__
from renkei.bundle.vision_page import page_labels, vision_body_html
from renkei.registry.reference import Reference
from renkei.revisions.dates import fiscal_year_of
from renkei.revisions.platform_timeline import TimelineEntry
from renkei.site.change_pages import year_label
from renkei.site.data import RegistryData
from renkei.site.history import SiteHistory, change_path, change_rows
from renkei.site.links import Page, Repository
from renkei.site.render import render_page
from renkei.site.tables import (
    PLATFORM_TABLES,
    SEARCHED_TABLES,
    csv_table,
    data_map_counts,
    finding_rows,
    pairs,
    platform_rows,
    provenance,
    source_headers,
    source_rows,
    table,
)
from renkei.site.text import text
from renkei.summary.map_svg import render_map
from renkei.summary.national_status import comparison_rows, explanation
from renkei.summary.render import COLUMNS, cells

#: The facts of a vision the prefecture page shows (the vision page shows the rest).
VISION_KEYS = ["status", "title", "current_type", "target_type", "migration_pattern"]
#: What a platform page shows elsewhere than among its attributes.
PLATFORM_OWN = ("id", "name", "sources", "participants")


def prefecture_path(folder: str) -> str:
    """The page of a prefecture."""
    return f"prefectures/{folder}/index.html"


def vision_path(folder: str) -> str:
    """The page of a prefecture's vision as published."""
    return f"prefectures/{folder}/vision.html"


def platform_path(platform_id: str) -> str:
    """The page of a platform."""
    return f"platforms/{platform_id}/index.html"


def feed_path(folder: str | None, lang: str) -> str:
    """The Atom feed of a prefecture's changes, or the national one (FOLDER None)."""
    prefix = "" if lang == "ja" else "en/"
    return f"{prefix}feeds/{folder or 'changes'}.xml"


def national_page(data: RegistryData, history: SiteHistory, page: Page, repo: Repository) -> str:
    """The national page: the tile map (each tile a link), the status counts beside the
    Agency's, the table of the 47 prefectures and the latest changes."""
    summary, lang = data.summary, page.lang
    svg = render_map(summary, lambda p: page.to(prefecture_path(p.folder)))
    svg = svg.split("\n", 1)[1] if svg.startswith("<?xml") else svg
    heads = [ja if lang == "ja" else en for _, ja, en in COLUMNS]
    rows = []
    for pref in summary.prefectures:
        shown = cells(pref, lang, summary.type_labels)
        rest = [key for key, _, _ in COLUMNS if key not in ("code", "name")]
        rows.append({"cells": shown, "rest": rest, "href": page.to(prefecture_path(pref.folder))})
    as_of = summary.as_of.isoformat()
    note = (
        f"{as_of} 時点。区分はレジストリのデータから導出しています。"
        if lang == "ja"
        else f"As of {as_of}; the categories are derived from the registry's data."
    )
    return render_page(
        "national.html",
        page,
        repo,
        text("national_title", lang),
        "registry/reference/national-status.csv",
        map_svg=Markup(svg),
        comparison=comparison_rows(summary, lang),
        explanation=explanation(summary, lang),
        columns=heads,
        rows=rows,
        as_of_note=note,
        changes=change_rows(history.records, page, 20),
        feed=page.root + feed_path(None, lang),
        indexed=False,
    )


def _years(
    folder: str, data: RegistryData, history: SiteHistory, page: Page
) -> list[dict[str, Any]]:
    """The prefecture's fiscal years, newest first: the vision's revisions of the year, the
    page of the year's diff and the year's changes."""
    lang = page.lang
    by_year: dict[int, dict[str, Any]] = {}

    def year(value: int) -> dict[str, Any]:
        return by_year.setdefault(
            value,
            {
                "year": value,
                "label": year_label(value, lang),
                "revisions": [],
                "changes": [],
                "diff_href": None,
            },
        )

    vision = data.prefecture(folder).vision or {}
    for revision in vision.get("revisions") or []:
        if isinstance(revision, dict) and isinstance(revision.get("fiscal_year"), int):
            rows = data.labels.rows("vision", "revisions", [revision], lang)
            year(revision["fiscal_year"])["revisions"].append(
                "; ".join(f"{name}: {value}" for name, value in rows[:4])
            )
    for item in history.years.get(folder, []):
        year(item.year)["diff_href"] = page.to(item.path)
    for row in change_rows(history.of_folder(folder), page):
        year(fiscal_year_of(dt.date.fromisoformat(row["date"])))["changes"].append(row)
    return [by_year[y] for y in sorted(by_year, reverse=True)]


def prefecture_page(
    folder: str, data: RegistryData, history: SiteHistory, page: Page, repo: Repository
) -> str:
    """A prefecture's page: platforms, vision, survey, Data Map, KPIs, findings, provenance
    and its revisions by fiscal year."""
    lang, labels = page.lang, data.labels
    state = data.prefecture(folder)
    summary = next((p for p in data.summary.prefectures if p.folder == folder), None)
    platforms = data.platforms()
    href = {k: page.to(platform_path(k)) for k, (f, _) in platforms.items() if f == folder}
    vision = state.vision or {}
    category = summary.category_label[0 if lang == "ja" else 1] if summary else ""
    answered = summary.municipalities_answered if summary else 0
    total = summary.municipalities_total if summary else 0
    return render_page(
        "prefecture.html",
        page,
        repo,
        state.name,
        f"registry/prefectures/{folder}/prefecture.yaml",
        category=category,
        platforms=platform_rows(state, labels, lang, href),
        vision_rows=pairs("vision", vision, VISION_KEYS, labels, lang),
        vision_href=page.to(vision_path(folder)),
        survey={"answered": answered, "total": total},
        municipalities=csv_table(
            state,
            "municipalities",
            labels,
            lang,
            text("municipalities", lang),
            first="name",
            skip=("lg_code",),
        ),
        data_map=data_map_counts(state, labels, lang, href),
        findings=finding_rows(data.findings.get(folder, []), lang),
        provenance=provenance(state, labels, lang),
        years=_years(folder, data, history, page),
        feed=page.root + feed_path(folder, lang),
        indexed=True,
    )


def vision_page(folder: str, data: RegistryData, page: Page, repo: Repository, commit: str) -> str:
    """A prefecture's vision as published: the content of the bundle's vision.html."""
    state = data.prefecture(folder)
    labels = page_labels(data.labels.reference or Reference(data.root))
    body = vision_body_html(
        state.vision or {}, state.name, list(state.platforms.values()), __version__, commit, labels
    )
    title = f"{state.name}: {text('vision', page.lang)}"
    return render_page(
        "vision.html",
        page,
        repo,
        title,
        f"registry/prefectures/{folder}/vision.yaml",
        vision_body=Markup(body),
        prefecture_href=page.to(prefecture_path(folder)),
        back=text("back_to", page.lang, name=state.name),
        indexed=True,
    )


def _timeline_table(entries: list[TimelineEntry], page: Page) -> dict[str, Any]:
    lang = page.lang
    separator = "、" if lang == "ja" else ", "
    rows: list[list[Any]] = [
        [
            e.date.isoformat(),
            year_label(e.fiscal_year, lang),
            e.kind_label(lang),
            separator.join(e.changed(lang)) or "—",
            {"href": page.to(change_path(e.folder, e.commit)), "text": e.commit[:10]},
        ]
        for e in reversed(entries)
    ]
    headers = [text(k, lang) for k in ("date", "fiscal_year", "change", "what_changed", "commit")]
    return table(text("timeline", lang), headers, rows, text("no_timeline", lang))


def platform_page(
    platform_id: str,
    data: RegistryData,
    timeline: list[TimelineEntry],
    page: Page,
    repo: Repository,
) -> str:
    """A platform's page: its attributes, participants, sources and timeline."""
    lang, labels = page.lang, data.labels
    folder, platform = data.platforms()[platform_id]
    keys = [k for k in platform if k not in PLATFORM_OWN]
    participants = platform.get("participants")
    columns = ["lg_code", "since"]
    rows: list[list[Any]] = []
    for item in participants if isinstance(participants, list) else []:
        if isinstance(item, dict):
            rows.append(
                [labels.value("platforms", f"participants.{c}", item.get(c), lang) for c in columns]
            )
    empty = text("no_participants", lang)
    if not isinstance(participants, list):
        empty = labels.value("platforms", "participants", participants, lang)
    heads = [labels.title("platforms", f"participants.{c}", lang) for c in columns]
    return render_page(
        "platform.html",
        page,
        repo,
        str(platform.get("name") or platform_id),
        f"registry/prefectures/{folder}/platforms.yaml",
        prefecture_href=page.to(prefecture_path(folder)),
        prefecture_name=data.prefecture(folder).name,
        attributes=pairs("platforms", platform, keys, labels, lang),
        participants=table(
            text("participants", lang),
            heads,
            rows,
            empty,
            empty_names_it=isinstance(participants, list),
        ),
        sources=table(
            text("source", lang),
            source_headers(lang),
            source_rows(platform.get("sources"), "platforms", labels, lang),
            text("no_sources", lang),
            searched=False,
        ),
        timeline=_timeline_table(timeline, page),
        indexed=True,
        tables=[
            csv_table(
                data.prefecture(folder),
                name,
                labels,
                lang,
                text(caption, lang),
                first=first,
                skip=("platform_id",),
                platform_id=platform_id,
                searched=name in SEARCHED_TABLES,
            )
            for name, caption, first in PLATFORM_TABLES
        ],
    )


def downloads_page(
    page: Page, repo: Repository, items: list[dict[str, str]], bundles: list[dict[str, str]]
) -> str:
    """The downloads: the data package, the JSON, the bundles, the API and the feeds."""
    lang = page.lang
    shown = [{**item, "href": page.root + item["href"]} for item in items]
    listed = [{**b, "href": page.root + b["href"] if b.get("href") else ""} for b in bundles]
    return render_page(
        "downloads.html",
        page,
        repo,
        text("downloads", lang),
        "README.md",
        items=shown,
        bundles=listed,
        feed=page.root + feed_path(None, lang),
        indexed=False,
    )
