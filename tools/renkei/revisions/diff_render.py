"""Output formats for `renkei diff`: text, markdown, json and html, behind one interface."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, ClassVar

import jinja2

from renkei import __version__
from renkei.escape import markdown, terminal
from renkei.escape import markdown_writer as writer
from renkei.escape.markdown_writer import Markup
from renkei.revisions.diff import CATEGORIES, PrefectureDiff, RegistryDiff
from renkei.revisions.diff_rows import Entry, Row, entry
from renkei.revisions.git import Revision

#: Colours a line of the text diff by its kind of change (added, removed, ...), or leaves it.
Painter = Callable[[str, str], str]

JSON_FORMAT_VERSION = 1

LABELS: dict[str, tuple[str, str]] = {
    "prefecture": ("都道府県", "prefecture"),
    "platforms": ("基盤", "platforms"),
    "vision": ("ビジョン", "vision"),
    "surveys": ("調査の回", "survey rounds"),
    "municipalities": ("市区町村", "municipalities"),
    "municipal-platforms": ("市区町村と基盤", "municipal platforms"),
    "services": ("サービス", "services"),
    "data-assets": ("データアセット", "data assets"),
    "kpis": ("指標", "KPIs"),
}
KIND_MARK = {"added": "+", "removed": "−", "changed": "~", "renamed": "→"}
KIND_LABEL = {
    "added": ("追加", "added"),
    "removed": ("削除", "removed"),
    "changed": ("変更", "changed"),
    "renamed": ("ID 変更", "renamed"),
}
TEXT: dict[str, tuple[str, str]] = {
    "title": ("レジストリの変更", "Registry changes"),
    "no_changes": ("変更はありません。", "No changes."),
    "schemas": ("スキーマの変更", "Schema changes"),
    "unreadable": ("読めないファイル", "Unreadable file"),
    "sections": ("項目", "sections"),
    "old": ("変更前", "before"),
    "new": ("変更後", "after"),
    "side_old": ("変更前", "old"),
    "side_new": ("変更後", "new"),
    "renamed_from": ("旧 ID", "was"),
    "item": ("項目", "field"),
}


def label(key: str, lang: str) -> str:
    """The label of a key in the message language."""
    pair = LABELS.get(key) or TEXT.get(key) or (key, key)
    return pair[0] if lang == "ja" else pair[1]


def summary_line(pref: PrefectureDiff, lang: str) -> str:
    """One prefecture's line: its name and the counts of changes per category."""
    parts = []
    for category in CATEGORIES:
        if category not in pref.changes:
            continue
        counts = pref.counts(category)
        if category == "platforms":
            text = f"+{counts['added']} −{counts['removed']} ~{counts['changed']}"
            if counts["renamed"]:
                text += f" →{counts['renamed']}"
        else:
            text = " ".join(f"{KIND_MARK[k]}{n}" for k, n in counts.items() if n and k != "renamed")
        if category == "vision":
            text += " " + label("sections", lang)
        parts.append(f"{label(category, lang)} {text}")
    if pref.unreadable:
        parts.append(f"{label('unreadable', lang)} {len(pref.unreadable)}")
    separator = "、" if lang == "ja" else ", "
    return f"{pref.code} {pref.name}: {separator.join(parts)}"


def header_line(diff: RegistryDiff) -> str:
    """The two revisions compared, with their short commit ids."""
    return f"{diff.old.label} ({diff.old.short}) → {diff.new.label} ({diff.new.short})"


class DiffRenderer:
    """One output format of a diff, picked by its `name`."""

    name: ClassVar[str]

    def render(self, diff: RegistryDiff, lang: str, color: bool = False) -> str:
        """The whole diff in this format (`color`: ANSI colours, text only)."""
        raise NotImplementedError


class TextRenderer(DiffRenderer):
    """The terminal format: one line per change, values shown by `renkei.escape.terminal`."""

    name = "text"

    def render(self, diff: RegistryDiff, lang: str, color: bool = False) -> str:
        """The diff as text, coloured when `color`."""

        def paint(text: str, kind: str) -> str:
            colors = {"added": "green", "removed": "red", "changed": "yellow", "renamed": "cyan"}
            return terminal.styled(text, colour=colors.get(kind)) if color else text

        show = terminal.text
        lines = [f"renkei diff: {show(header_line(diff))}"]
        if not diff.prefectures and not diff.schema_changes:
            lines.append(label("no_changes", lang))
        for pref in diff.prefectures:
            heading = show(summary_line(pref, lang))
            lines.append(terminal.styled(heading, bold=True) if color else heading)
            for item in pref.unreadable:
                side = label(f"side_{item['side']}", lang)
                lines.append(
                    f"  ! {label('unreadable', lang)} ({side}): {show(item['file'])}: "
                    f"{show(item['reason'])}"
                )
            for category, changes in pref.changes.items():
                lines.append(f"  {label(category, lang)}")
                for change in changes:
                    lines.extend(
                        self._entity(entry(category, change, diff.labels, lang), lang, paint)
                    )
        if diff.schema_changes:
            lines.append(f"{label('schemas', lang)}: {show(', '.join(diff.schema_changes))}")
        return "\n".join(lines) + "\n"

    def _entity(self, item: Entry, lang: str, paint: Painter) -> list[str]:
        show = terminal.text
        kind = KIND_LABEL[item.kind][0 if lang == "ja" else 1]
        lines = [paint(f"    {KIND_MARK[item.kind]} {kind} {show(item.title)}", item.kind)]
        for row in item.rows:
            lines.append(f"        {self._row(row, paint)}")
        return lines

    @staticmethod
    def _row(row: Row, paint: Painter) -> str:
        show = terminal.controls
        name = terminal.text(row.name)
        if row.words is not None:
            text = "".join(
                show(w.text)
                if w.op == "equal"
                else paint(f"[-{show(w.text)}-]", "removed")
                if w.op == "delete"
                else paint(f"{{+{show(w.text)}+}}", "added")
                for w in row.words
            )
            return terminal.log_safe(f"{name}: {text}")
        if row.is_set:
            parts = [paint(f"+{show(row.new)}", "added") if row.new else ""]
            parts.append(paint(f"−{show(row.old)}", "removed") if row.old else "")
            return terminal.log_safe(f"{name}: {' '.join(p for p in parts if p)}")
        if row.kind == "added":
            return terminal.log_safe(f"{name}: {paint(show(row.new), 'added')}")
        if row.kind == "removed":
            return terminal.log_safe(f"{name}: {paint(show(row.old), 'removed')}")
        return terminal.log_safe(f"{name}: {show(row.old)} → {show(row.new)}")


class MarkdownRenderer(DiffRenderer):
    """For pull-request comments and $GITHUB_STEP_SUMMARY: one collapsible block per prefecture."""

    name = "markdown"

    def render(self, diff: RegistryDiff, lang: str, color: bool = False) -> str:
        """The diff as Markdown for a pull-request comment or job summary."""
        lines = [writer.heading(2, label("title", lang)), "", writer.inline(header_line(diff)), ""]
        if not diff.prefectures and not diff.schema_changes:
            lines.append(label("no_changes", lang))
        for pref in diff.prefectures:
            heading = markdown.html(summary_line(pref, lang))
            lines += ["<details>", f"<summary><b>{heading}</b></summary>", ""]
            for item in pref.unreadable:
                side = label(f"side_{item['side']}", lang)
                lines += writer.bullets(
                    [f"⚠️ {label('unreadable', lang)}（{side}）: {item['file']} — {item['reason']}"]
                )
            for category, changes in pref.changes.items():
                lines += [writer.strong(label(category, lang)), ""]
                for change in changes:
                    lines.extend(self._entity(entry(category, change, diff.labels, lang), lang))
                lines.append("")
            lines += ["</details>", ""]
        if diff.schema_changes:
            lines.append(
                writer.join(writer.strong(label("schemas", lang)), "、".join(diff.schema_changes))
            )
        return "\n".join(lines).rstrip() + "\n"

    def _entity(self, item: Entry, lang: str) -> list[str]:
        kind = KIND_LABEL[item.kind][0 if lang == "ja" else 1]
        lines = writer.bullets([writer.join(writer.strong(kind), item.title)])
        lines += writer.bullets([self._row(row, lang) for row in item.rows], level=1)
        return lines

    @staticmethod
    def _row(row: Row, lang: str) -> Markup:
        name = writer.inline(f"{row.name}: ")
        if row.words is not None:
            text = "".join(
                writer.inline(w.text)
                if w.op == "equal"
                else writer.deleted(w.text)
                if w.op == "delete"
                else writer.inserted(w.text)
                for w in row.words
                if w.text.strip() or w.op == "equal"
            )
            return Markup(name + text)
        if row.is_set:
            added, removed = KIND_LABEL["added"], KIND_LABEL["removed"]
            pick = 0 if lang == "ja" else 1
            parts = [f"{added[pick]} {writer.inserted(row.new)}" if row.new else ""]
            parts.append(f"{removed[pick]} {writer.deleted(row.old)}" if row.old else "")
            return Markup(name + "、".join(p for p in parts if p))
        if row.kind == "added":
            return Markup(name + writer.inserted(row.new))
        if row.kind == "removed":
            return Markup(name + writer.deleted(row.old))
        return Markup(f"{name}{writer.deleted(row.old)} → {writer.inserted(row.new)}")


def diff_to_dict(diff: RegistryDiff) -> dict[str, Any]:
    """The diff as the stable JSON document of docs/output.md."""

    def revision(rev: Revision) -> dict[str, Any]:
        return {"label": rev.label, "commit": rev.sha, "commit_time": rev.timestamp}

    return {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "renkei", "version": __version__},
        "from": revision(diff.old),
        "to": revision(diff.new),
        "schema_changes": diff.schema_changes,
        "prefectures": [
            {
                "folder": pref.folder,
                "code": pref.code,
                "name": pref.name,
                "summary": {
                    "ja": summary_line(pref, "ja"),
                    "en": summary_line(pref, "en"),
                    "counts": {c: pref.counts(c) for c in pref.changes},
                },
                "changes": {c: [e.to_dict() for e in v] for c, v in pref.changes.items()},
                "unreadable": pref.unreadable,
            }
            for pref in diff.prefectures
        ],
    }


class JsonRenderer(DiffRenderer):
    """The JSON format (`diff_to_dict`)."""

    name = "json"

    def render(self, diff: RegistryDiff, lang: str, color: bool = False) -> str:
        """The diff as indented JSON."""
        return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"


#: The diff itself (no page around it): what the standalone page and the public site show.
HTML_BODY = """{% if not diff.prefectures and not diff.schema_changes %}<p>{{ t('no_changes') }}</p>{% endif %}
{% for pref in diff.prefectures %}
<details open>
<summary>{{ summary(pref) }}</summary>
{% for item in pref.unreadable %}
<p class="warn">⚠ {{ t('unreadable') }}（{{ t('side_' + item.side) }}）: {{ item.file }} — {{ item.reason }}</p>
{% endfor %}
{% for category, changes in pref.changes.items() %}
<h{{ h }}>{{ t(category) }}</h{{ h }}>
<table>
<colgroup><col class="name"><col><col></colgroup>
<thead><tr><th>{{ t('item') }}</th><th>{{ t('old') }}</th><th>{{ t('new') }}</th></tr></thead>
{% for change in changes[:limit] %}{% set e = entry(category, change) %}
<tbody class="{{ e.kind }}">
<tr class="entity"><td colspan="3">{{ mark[e.kind] }} {{ kind(e.kind) }} <b>{{ e.title }}</b></td></tr>
{% for r in e.rows %}<tr><th class="name">{{ r.name }}</th>
{% if r.words is not none %}<td colspan="2">{% for w in r.words %}{% if w.op == 'equal' %}{{ w.text }}{% elif w.op == 'delete' %}<del>{{ w.text }}</del>{% else %}<ins>{{ w.text }}</ins>{% endif %}{% endfor %}</td>
{% else %}<td>{% if r.old %}<del>{{ r.old }}</del>{% endif %}</td><td>{% if r.new %}<ins>{{ r.new }}</ins>{% endif %}</td>{% endif %}</tr>
{% endfor %}</tbody>
{% endfor %}
</table>
{% if limit is not none and changes | length > limit %}<p class="meta">{{ more(changes | length - limit) }}</p>
{% endif %}{% endfor %}
</details>
{% endfor %}
{% if diff.schema_changes %}<p><strong>{{ t('schemas') }}</strong>: {{ diff.schema_changes | join('、') }}</p>{% endif %}
"""

HTML_TEMPLATE = (
    """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t('title') }}: {{ header }}</title>
<style>
body { font-family: "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", sans-serif; margin: 2rem;
       line-height: 1.6; color: #1a1a1a; max-width: 72rem; }
h1 { font-size: 1.4rem; } code { background: #f3f3f3; padding: 0 .2em; }
details { border: 1px solid #ccc; border-radius: 4px; margin: .8rem 0; padding: .4rem .8rem; }
summary { font-weight: bold; cursor: pointer; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } th.name { font-weight: normal; }
tr.entity td { background: #fafafa; border-top: 2px solid #999; } .meta { color: #555; }
.added tr.entity td { color: #0a6b2d; } .removed tr.entity td { color: #a3141e; }
.changed tr.entity td, .renamed tr.entity td { color: #7a5a00; }
table { table-layout: fixed; } col.name { width: 30%; } td, th { overflow-wrap: anywhere; }
ins { background: #d9f5dd; text-decoration: none; } del { background: #fbd9dc; }
.warn { color: #a3141e; }
@media print { details { page-break-inside: avoid; } details > * { display: block; } }
</style>
</head>
<body>
<h1>{{ t('title') }}</h1>
<p class="meta">{{ header }}</p>
"""
    + HTML_BODY
    + """<footer><small>renkei {{ version }}</small></footer>
</body>
</html>
"""
)


class HtmlRenderer(DiffRenderer):
    """One self-contained page (inline CSS, no scripts), every value escaped."""

    name = "html"

    def render(self, diff: RegistryDiff, lang: str, color: bool = False) -> str:
        """The diff as a standalone HTML page."""
        return _template(HTML_TEMPLATE).render(**html_context(diff, lang))


@functools.cache
def _template(source: str) -> jinja2.Template:
    """A template compiled once per process (compiling costs more than rendering)."""
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(source)


def html_context(
    diff: RegistryDiff, lang: str, heading: int = 3, limit: int | None = None
) -> dict[str, Any]:
    """What the HTML templates of the diff read (HEADING: the level of a category's heading;
    LIMIT: at most this many entities of a category shown, the rest counted)."""
    return {
        "diff": diff,
        "lang": lang,
        "h": heading,
        "limit": limit,
        "more": lambda n: (
            f"ほかに {n} 件の変更があります。" if lang == "ja" else f"{n} more changes."
        ),
        "header": header_line(diff),
        "version": __version__,
        "mark": KIND_MARK,
        "t": lambda key: label(key, lang),
        "kind": lambda key: KIND_LABEL[key][0 if lang == "ja" else 1],
        "summary": lambda pref: summary_line(pref, lang),
        "entry": lambda category, change: entry(category, change, diff.labels, lang),
    }


def html_body(diff: RegistryDiff, lang: str, heading: int = 3, limit: int | None = None) -> str:
    """The diff as an HTML fragment (no page, no styles) for a page of one's own, every value
    escaped; HEADING is the level of a category's heading, LIMIT the most entities of a
    category shown (the rest counted)."""
    return _template(HTML_BODY).render(**html_context(diff, lang, heading, limit))


RENDERERS: dict[str, DiffRenderer] = {
    r.name: r for r in (TextRenderer(), MarkdownRenderer(), JsonRenderer(), HtmlRenderer())
}
