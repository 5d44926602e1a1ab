"""Output formats for `renkei diff`: text, markdown, json and html, behind one interface."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any, ClassVar

import jinja2

from renkei import __version__
from renkei.escape import markdown, terminal
from renkei.escape import markdown_writer as writer
from renkei.escape.markdown_writer import Markup
from renkei.findings.model import Finding
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
    "findings": ("指摘の変化", "Findings"),
    "introduced": ("新たな指摘", "introduced"),
    "resolved": ("解消した指摘", "resolved"),
}
#: How a finding change is marked: + for one the change introduces, − for one it resolves.
FINDING_MARK = {"introduced": "+", "resolved": "−"}


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
    if pref.findings:
        found = pref.findings
        parts.append(f"{label('findings', lang)} +{len(found.introduced)} −{len(found.resolved)}")
    separator = "、" if lang == "ja" else ", "
    return f"{pref.code} {pref.name}: {separator.join(parts)}"


def finding_changes(pref: PrefectureDiff) -> list[tuple[str, Finding]]:
    """The findings PREF's change introduces, then those it resolves, each with its side."""
    if not pref.findings:
        return []
    return [("introduced", f) for f in pref.findings.introduced] + [
        ("resolved", f) for f in pref.findings.resolved
    ]


def finding_text(finding: Finding, lang: str) -> str:
    """One finding of a change: severity, code, file within its folder, line, message."""
    place = finding.file.split("/", 3)[-1]
    where = f"{place}:{finding.line}" if finding.line else place
    return f"{finding.severity.label(lang)} {finding.code} {where}: {finding.message(lang)}"


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
            found = finding_changes(pref)
            if found:
                lines.append(f"  {label('findings', lang)}")
            for side, finding in found:
                kind = "removed" if side == "introduced" else "added"  # a new problem in red
                text = f"    {FINDING_MARK[side]} {label(side, lang)} {finding_text(finding, lang)}"
                lines.append(paint(terminal.log_safe(terminal.text(text)), kind))
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
            found = finding_changes(pref)
            if found:
                lines += [writer.strong(label("findings", lang)), ""]
                lines += writer.bullets(
                    [
                        writer.join(writer.strong(label(side, lang)), finding_text(f, lang))
                        for side, f in found
                    ]
                )
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
                "findings": None
                if pref.findings is None
                else {
                    "introduced": [f.to_dict() for f in pref.findings.introduced],
                    "resolved": [f.to_dict() for f in pref.findings.resolved],
                },
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


#: The HTML templates (Jinja2, autoescaped), files of the package: the standalone page
#: (`diff.html`) and the diff itself without a page around it (`diff_body.html`), which the
#: page includes and the public site shows.
HTML_PAGE = "diff.html"
HTML_BODY = "diff_body.html"


class HtmlRenderer(DiffRenderer):
    """One self-contained page (inline CSS, no scripts), every value escaped."""

    name = "html"

    def render(self, diff: RegistryDiff, lang: str, color: bool = False) -> str:
        """The diff as a standalone HTML page."""
        return _template(HTML_PAGE).render(**html_context(diff, lang))


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made once per process (compiling costs more than
    rendering)."""
    folder = resources.files("renkei.revisions").joinpath("templates")

    def load(name: str) -> str:
        return folder.joinpath(name).read_text(encoding="utf-8")

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(load), autoescape=True, undefined=jinja2.StrictUndefined
    )


def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


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
        "finding_changes": finding_changes,
        "finding_mark": FINDING_MARK,
        "finding_text": lambda finding: finding_text(finding, lang),
    }


def html_body(diff: RegistryDiff, lang: str, heading: int = 3, limit: int | None = None) -> str:
    """The diff as an HTML fragment (no page, no styles) for a page of one's own, every value
    escaped; HEADING is the level of a category's heading, LIMIT the most entities of a
    category shown (the rest counted)."""
    return _template(HTML_BODY).render(**html_context(diff, lang, heading, limit))


RENDERERS: dict[str, DiffRenderer] = {
    r.name: r for r in (TextRenderer(), MarkdownRenderer(), JsonRenderer(), HtmlRenderer())
}
