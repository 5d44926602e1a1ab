"""A diff as reviewers read it: each change's title and its rows of labels (field names from the
schemas, values from the vocabularies, nested values as sub-rows), shared by the text, Markdown
and HTML formats of `renkei diff`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from renkei.registry.display_labels import SEPARATOR, DisplayLabels
from renkei.revisions.diff import EntityChange, FieldChange, WordOp

#: Categories whose entities are a document's top-level keys (paths start with the key).
SECTION_CATEGORIES = ("prefecture", "vision")
#: What an added or removed platform shows: the facts the Agency checks first.
PLATFORM_FACTS = ("kind", "status", "fields", "lead_body", "operator")
#: The fields that key a list's items (shown in the item's title, not as rows).
KEY_FIELDS = frozenset({"fiscal_year", "number"})


@dataclass
class Row:
    """One line of a change: a field's name, its old and new text (or a word diff)."""

    name: str
    old: str = ""
    new: str = ""
    words: list[WordOp] | None = None
    #: True for a list's change: OLD holds the items removed, NEW those added.
    is_set: bool = False

    @property
    def kind(self) -> str:
        """`added` (no old text), `removed` (no new text) or `changed`."""
        if self.words is None and not self.old:
            return "added"
        if self.words is None and not self.new:
            return "removed"
        return "changed"


@dataclass
class Entry:
    """One changed entity: its kind of change, its title and rows."""

    kind: str
    title: str
    rows: list[Row] = field(default_factory=list)


def entry(category: str, change: EntityChange, labels: DisplayLabels, lang: str) -> Entry:
    """The entry of one entity change of CATEGORY (a section's rows named without the
    section's own name: "2025年度 第2版 › 改定内容" under 改定履歴)."""
    title = _title(category, change, labels, lang)
    rows = _rows(category, change, labels, lang)
    if category in SECTION_CATEGORIES:
        for row in rows:
            row.name = _within(row.name, title)
    return Entry(change.kind, title, rows)


def _within(name: str, section: str) -> str:
    """NAME without the leading SECTION ("改定履歴（X） › Y" as "X › Y"); NAME when it is the
    section itself."""
    if not name.startswith(section) or name == section:
        return name
    rest = name[len(section) :]
    if rest.startswith("（") and "）" in rest:
        item, _, tail = rest[1:].partition("）")
        return f"{item}{tail}"
    return rest.removeprefix(SEPARATOR)


def _title(category: str, change: EntityChange, labels: DisplayLabels, lang: str) -> str:
    if category in SECTION_CATEGORIES:
        return labels.title(category, change.key, lang)
    name = change.label
    if category == "municipalities" and not name:
        name = labels.value(category, "lg_code", change.key, lang)
    key = f"{change.old_key} → {change.key}" if change.old_key else change.key
    return f"{name}（{key}）" if name else key


def _rows(category: str, change: EntityChange, labels: DisplayLabels, lang: str) -> list[Row]:
    if change.entity is not None:
        facts = change.entity
        if category == "platforms":
            facts = {k: change.entity[k] for k in PLATFORM_FACTS if k in change.entity}
            modules = change.entity.get("modules")
            if isinstance(modules, list):
                facts["modules"] = [
                    {"technology": m.get("technology")} for m in modules if isinstance(m, dict)
                ]
        else:
            facts = {k: v for k, v in facts.items() if k != "name" and v not in ("", None)}
        side = "old" if change.kind == "removed" else "new"
        out = []
        for path, value in facts.items():
            for name, text in labels.rows(category, str(path), value, lang):
                out.append(Row(name, text if side == "old" else "", text if side == "new" else ""))
        return out
    rows: list[Row] = []
    for item in change.fields:
        path = item.path
        if category in SECTION_CATEGORIES:
            path = f"{change.key}.{path}" if path else change.key
        rows += field_rows(category, path, item, labels, lang)
    return rows


def field_rows(
    category: str, path: str, item: FieldChange, labels: DisplayLabels, lang: str
) -> list[Row]:
    """The rows of one field change at PATH (a full path in CATEGORY's document)."""
    name = labels.title(category, path, lang)
    if not labels.schemas and item.kind != "set" and item.words is None:
        # No schemas to name it by (an importer's preview): the values as they are written.
        return [Row(name, _written(item.old), _written(item.new))]
    if item.kind == "set":
        if item.items:
            rows = []
            for key in [*item.added, *item.removed]:
                side = "new" if key in item.added else "old"
                shown = item.items[key]
                if isinstance(shown, dict):  # the key is in the title already
                    shown = {k: v for k, v in shown.items() if k not in KEY_FIELDS}
                for sub, text in labels.rows(category, f"{path}[{key}]", shown, lang):
                    rows.append(
                        Row(sub, text if side == "old" else "", text if side == "new" else "")
                    )
            return rows
        if any(isinstance(v, dict) for v in [*item.added, *item.removed]):
            rows = [
                Row(sub, "", text) for sub, text in labels.rows(category, path, item.added, lang)
            ]
            rows += [
                Row(sub, text) for sub, text in labels.rows(category, path, item.removed, lang)
            ]
            return rows
        old = labels.value(category, path, item.removed, lang) if item.removed else ""
        new = labels.value(category, path, item.added, lang) if item.added else ""
        return [Row(name, old, new, is_set=True)]
    if item.words is not None:
        return [Row(name, words=item.words)]
    if _nested(item.old) or _nested(item.new):
        before = dict(labels.rows(category, path, item.old, lang)) if item.old is not None else {}
        after = dict(labels.rows(category, path, item.new, lang)) if item.new is not None else {}
        return [
            Row(sub, before.get(sub, ""), after.get(sub, ""))
            for sub in [*before, *(k for k in after if k not in before)]
            if before.get(sub) != after.get(sub)
        ]
    old = labels.value(category, path, item.old, lang) if item.old is not None else ""
    new = labels.value(category, path, item.new, lang) if item.new is not None else ""
    return [Row(name, old, new)]


def _written(value: Any) -> str:
    """A value as the file holds it (∅ for none)."""
    if value is None:
        return "∅"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _nested(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(v, dict) for v in value)
    )
