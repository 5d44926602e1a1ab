"""A platform's timeline: every change Git history records to its entry in platforms.yaml (date
and fiscal year in JST, commit, what changed in labels), for `renkei log --platform` and the
platform's page of the public site."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import git

from renkei.registry.display_labels import DisplayLabels
from renkei.registry.layout import PLATFORMS_FILE, PREFECTURE_FILE
from renkei.registry.snapshot import PREFECTURES_PREFIX, TABLE_SCHEMAS_PREFIX
from renkei.revisions.change_walk import (
    Commit,
    ParseCache,
    change_diff,
    read_change_blobs,
    walk_history,
)
from renkei.revisions.dates import fiscal_year_of, reiwa_label
from renkei.revisions.diff import RegistryDiff
from renkei.revisions.diff_render import KIND_LABEL
from renkei.revisions.diff_rows import entry

#: Fiscal years are Japan's: a commit's date is taken in JST.
JST = dt.timezone(dt.timedelta(hours=9), "JST")
#: What the timeline of a platform follows in Git history.
TIMELINE_PATHS = (
    f"{PREFECTURES_PREFIX}*/{PLATFORMS_FILE}",
    f"{PREFECTURES_PREFIX}*/{PREFECTURE_FILE}",
    TABLE_SCHEMAS_PREFIX.rstrip("/"),
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One change to one platform: where, when, which commit, and what changed (the fields'
    names in Japanese and English)."""

    platform_id: str
    folder: str
    commit: str
    timestamp: int
    subject: str
    kind: str  # added, removed, changed, renamed
    changed_ja: tuple[str, ...]
    changed_en: tuple[str, ...]
    old_id: str | None = None

    @property
    def date(self) -> dt.date:
        """The commit's date in JST."""
        return dt.datetime.fromtimestamp(self.timestamp, JST).date()

    @property
    def fiscal_year(self) -> int:
        """The fiscal year the commit falls in."""
        return fiscal_year_of(self.date)

    def kind_label(self, lang: str) -> str:
        """The kind of change in the message language."""
        return KIND_LABEL[self.kind][0 if lang == "ja" else 1]

    def changed(self, lang: str) -> tuple[str, ...]:
        """The names of the fields that changed, in the message language."""
        return self.changed_ja if lang == "ja" else self.changed_en

    def to_dict(self) -> dict[str, Any]:
        """The entry as the JSON format writes it."""
        return {
            "platform_id": self.platform_id,
            "old_id": self.old_id,
            "prefecture": self.folder,
            "date": self.date.isoformat(),
            "fiscal_year": self.fiscal_year,
            "fiscal_year_ja": reiwa_label(self.fiscal_year),
            "commit": self.commit,
            "commit_time": self.timestamp,
            "subject": self.subject,
            "kind": self.kind,
            "changed": {"ja": list(self.changed_ja), "en": list(self.changed_en)},
        }


def _names(rows: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(rows))


def diff_entries(diff: RegistryDiff, commit: Commit) -> list[TimelineEntry]:
    """Every platform's entry of one commit's diff."""
    out: list[TimelineEntry] = []
    for pref in diff.prefectures:
        for change in pref.changes.get("platforms", []):
            names: dict[str, tuple[str, ...]] = {}
            for lang in ("ja", "en"):
                item = entry("platforms", change, diff.labels, lang)
                rows = [] if change.kind in ("added", "removed") else [r.name for r in item.rows]
                names[lang] = _names(rows)
            out.append(
                TimelineEntry(
                    change.key, pref.folder, commit.sha, commit.timestamp, commit.subject,
                    change.kind, names["ja"], names["en"], change.old_key,
                )
            )  # fmt: skip
    return out


def all_timelines(repo: git.Repo, labels: DisplayLabels) -> dict[str, list[TimelineEntry]]:
    """Every platform's timeline (oldest first) by id, from one walk of the history; a renamed
    platform's entries are under its new id too."""
    history = walk_history(repo, TIMELINE_PATHS)
    changes = [c for c in history.changes if any(p.endswith(PLATFORMS_FILE) for p in c.changed)]
    blobs = read_change_blobs(repo, changes)
    by_id: dict[str, list[TimelineEntry]] = {}
    cache: ParseCache = {}
    for change in changes:
        for item in diff_entries(change_diff(change, blobs, labels, cache), change.commit):
            by_id.setdefault(item.platform_id, []).append(item)
    for old_id, new_id in _renames(by_id):
        by_id[new_id] = sorted(by_id.get(old_id, []) + by_id[new_id], key=lambda e: e.timestamp)
    return by_id


def _renames(by_id: dict[str, list[TimelineEntry]]) -> list[tuple[str, str]]:
    return [
        (item.old_id, platform_id)
        for platform_id, items in by_id.items()
        for item in items
        if item.kind == "renamed" and item.old_id
    ]


def platform_timeline(
    repo: git.Repo, platform_id: str, labels: DisplayLabels
) -> list[TimelineEntry]:
    """One platform's timeline, oldest first (empty when history never recorded it)."""
    return all_timelines(repo, labels).get(platform_id, [])


def render_timeline(entries: list[TimelineEntry], lang: str, output_format: str = "text") -> str:
    """The timeline as text (a header row, then one tab-separated row per change) or JSON;
    every line ends with a newline."""
    from renkei.escape.terminal import text as show

    if output_format == "json":
        return json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=2) + "\n"
    if lang == "ja":
        lines = ["日付\t年度\tコミット\t都道府県\t変更\t変わった項目"]
    else:
        lines = ["date\tfiscal year\tcommit\tprefecture\tchange\twhat changed"]
    separator = "、" if lang == "ja" else ", "
    for item in entries:
        year = f"{reiwa_label(item.fiscal_year)} (FY{item.fiscal_year})"
        what = separator.join(item.changed(lang)) or "—"
        lines.append(
            f"{item.date.isoformat()}\t{year}\t{item.commit[:10]}\t{show(item.folder)}\t"
            f"{item.kind_label(lang)}\t{show(what)}"
        )
    return "\n".join(lines) + "\n"
