"""Semantic diff of two registry states: what changed in meaning, not which lines moved.

Entities are matched by identity (platforms by id, CSV rows by primary key, vision and prefecture
by top-level key). Changes are field by field (old → new); lists of values are set changes;
lists of records are matched by their key (participants by code, revisions by year and number);
long texts get a word-level diff. A removed and an added platform with the same name are a
rename.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from renkei.findings.model import Finding
from renkei.registry.display_labels import DisplayLabels
from renkei.registry.snapshot import PrefectureState, RegistryState
from renkei.revisions.git import Revision

#: Categories, in the order reviewers read them.
CATEGORIES = (
    "prefecture",
    "platforms",
    "vision",
    "surveys",
    "municipalities",
    "municipal-platforms",
    "services",
    "data-assets",
    "kpis",
)
#: The categories that are CSV tables (rows keyed by their Table Schema's primary key).
TABLE_CATEGORIES = CATEGORIES[4:]
LONG_TEXT = 24
_LIST_KEYS = (("lg_code",), ("fiscal_year", "number"), ("platform_id",), ("role",), ("field",))
_TOKEN = re.compile(r"[A-Za-z0-9_.@/:%-]+|\s+|.", re.S)


@dataclass
class WordOp:
    """One piece of a word diff: equal, inserted or deleted text."""

    op: str  # "equal", "insert", "delete"
    text: str


@dataclass
class FieldChange:
    """One field of an entity that changed: its old and new values."""

    path: str
    old: Any = None
    new: Any = None
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    words: list[WordOp] | None = None
    #: The items of a keyed list that were added or removed, by key (not in the JSON).
    items: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def kind(self) -> str:
        """`added`, `removed` or `changed`."""
        if self.added or self.removed:
            return "set"
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed"

    def to_dict(self) -> dict[str, Any]:
        """The change as the JSON format writes it."""
        out: dict[str, Any] = {"path": self.path, "kind": self.kind}
        if self.kind == "set":
            out["added"] = self.added
            out["removed"] = self.removed
        else:
            out["old"] = self.old
            out["new"] = self.new
        if self.words is not None:
            out["words"] = [[w.op, w.text] for w in self.words]
        return out


@dataclass
class EntityChange:
    """One entity (a platform, a municipality, a row) added, removed, changed or renamed."""

    kind: str  # "added", "removed", "changed", "renamed"
    key: str
    label: str = ""
    old_key: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    #: An added or removed entity as it is on its side (shown to reviewers, not in the JSON).
    entity: dict[str, Any] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The change as the JSON format writes it."""
        out: dict[str, Any] = {"kind": self.kind, "key": self.key, "label": self.label}
        if self.old_key is not None:
            out["old_key"] = self.old_key
        out["fields"] = [f.to_dict() for f in self.fields]
        return out


@dataclass(frozen=True)
class FindingChanges:
    """The findings of `renkei validate` that a change introduces (in the new revision, not the
    old) and resolves (in the old, not the new), a finding being the same when its code, file,
    place and message are (its line may move)."""

    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.introduced or self.resolved)


@dataclass
class PrefectureDiff:
    """What changed in one prefecture, by category, and the findings the change introduces and
    resolves (None when they were not checked)."""

    folder: str
    name: str
    changes: dict[str, list[EntityChange]] = field(default_factory=dict)
    unreadable: list[dict[str, str]] = field(default_factory=list)
    findings: FindingChanges | None = None

    @property
    def code(self) -> str:
        """The prefecture's two-digit code."""
        return self.folder.split("-", 1)[0]

    def counts(self, category: str) -> dict[str, int]:
        """How many entities of a category were added, removed, changed and renamed."""
        out = {"added": 0, "removed": 0, "changed": 0, "renamed": 0}
        for change in self.changes.get(category, []):
            out[change.kind] += 1
        return out

    def is_empty(self) -> bool:
        """True when nothing changed, nothing was unreadable and no finding came or went."""
        return not any(self.changes.values()) and not self.unreadable and not self.findings


@dataclass
class RegistryDiff:
    """What changed between two revisions: each prefecture's diff and the schema changes."""

    old: Revision
    new: Revision
    prefectures: list[PrefectureDiff] = field(default_factory=list)
    schema_changes: list[str] = field(default_factory=list)
    #: The names reviewers read for keys and values (see `renkei.registry.display_labels`).
    labels: DisplayLabels = field(default_factory=DisplayLabels, compare=False)


def diff_states(
    old: RegistryState,
    new: RegistryState,
    old_revision: Revision,
    new_revision: Revision,
    only: set[str] | None = None,
) -> RegistryDiff:
    """The diff of two parsed registry states (only the folders in `only`, when given)."""
    result = RegistryDiff(old_revision, new_revision)
    folders = sorted(set(old.prefectures) | set(new.prefectures))
    for folder in folders:
        if only is not None and folder not in only:
            continue
        before = old.prefectures.get(folder, PrefectureState(folder))
        after = new.prefectures.get(folder, PrefectureState(folder))
        pref_diff = diff_prefecture(before, after)
        if not pref_diff.is_empty():
            result.prefectures.append(pref_diff)
    for path in sorted(set(old.schemas) | set(new.schemas)):
        if old.schemas.get(path) != new.schemas.get(path):
            result.schema_changes.append(path)
    return result


def diff_prefecture(old: PrefectureState, new: PrefectureState) -> PrefectureDiff:
    """The diff of one prefecture's two states, files unreadable on either side noted and skipped."""
    result = PrefectureDiff(new.folder, new.name if new.prefecture else old.name)
    for side, state in (("old", old), ("new", new)):
        for filename, reason in sorted(state.unreadable.items()):
            result.unreadable.append({"file": filename, "side": side, "reason": reason})
    skip = set(old.unreadable) | set(new.unreadable)
    if "prefecture.yaml" not in skip:
        result.changes["prefecture"] = _sections(old.prefecture or {}, new.prefecture or {})
    if "platforms.yaml" not in skip:
        result.changes["platforms"] = _platforms(old.platforms, new.platforms)
    if "vision.yaml" not in skip:
        result.changes["vision"] = _sections(old.vision or {}, new.vision or {})
    if "surveys.yaml" not in skip:
        result.changes["surveys"] = _platforms(_rounds(old.surveys), _rounds(new.surveys))
    for table in TABLE_CATEGORIES:
        if f"{table}.csv" in skip:
            continue
        result.changes[table] = _rows(old.tables.get(table, {}), new.tables.get(table, {}))
    result.changes = {k: v for k, v in result.changes.items() if v}
    return result


def _rounds(surveys: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """surveys.yaml's rounds keyed by id (a round without one by its position)."""
    rounds = (surveys or {}).get("rounds")
    out: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(rounds if isinstance(rounds, list) else []):
        if isinstance(item, dict):
            key = item.get("id")
            out[key if isinstance(key, str) else f"#{index}"] = item
    return out


def _label(entity: dict[str, Any]) -> str:
    name = entity.get("name")
    return name if isinstance(name, str) else ""


def _platforms(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> list[EntityChange]:
    changes: list[EntityChange] = []
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    renamed: dict[str, str] = {}
    for new_key in added:
        name = _label(new[new_key])
        match = next((k for k in removed if name and _label(old[k]) == name), None)
        if match is not None:
            renamed[new_key] = match
            removed.remove(match)
    for key in old:
        if key in new:
            fields = diff_values(old[key], new[key])
            if fields:
                changes.append(EntityChange("changed", key, _label(new[key]), fields=fields))
        elif key in removed:
            changes.append(EntityChange("removed", key, _label(old[key]), entity=old[key]))
    for key in new:
        if key in renamed:
            fields = [f for f in diff_values(old[renamed[key]], new[key]) if f.path != "id"]
            changes.append(
                EntityChange("renamed", key, _label(new[key]), old_key=renamed[key], fields=fields)
            )
        elif key not in old:
            changes.append(EntityChange("added", key, _label(new[key]), entity=new[key]))
    return changes


def _sections(old: dict[str, Any], new: dict[str, Any]) -> list[EntityChange]:
    changes: list[EntityChange] = []
    for key in [*old, *(k for k in new if k not in old)]:
        if key not in new:
            changes.append(EntityChange("removed", str(key)))
        elif key not in old:
            changes.append(EntityChange("added", str(key), fields=diff_values(None, new[key])))
        elif old[key] != new[key]:
            changes.append(
                EntityChange("changed", str(key), fields=diff_values(old[key], new[key]))
            )
    return changes


def _rows(
    old: dict[tuple[str, ...], dict[str, str]], new: dict[tuple[str, ...], dict[str, str]]
) -> list[EntityChange]:
    changes: list[EntityChange] = []
    for key in [*old, *(k for k in new if k not in old)]:
        label = (new.get(key) or old.get(key) or {}).get("name", "")
        shown = "/".join(key)
        if key not in new:
            changes.append(EntityChange("removed", shown, label, entity=dict(old[key])))
        elif key not in old:
            changes.append(EntityChange("added", shown, label, entity=dict(new[key])))
        else:
            fields = [
                FieldChange(column, old[key].get(column) or None, new[key].get(column) or None)
                for column in new[key]
                if (old[key].get(column) or "") != (new[key].get(column) or "")
            ]
            for change in fields:
                _maybe_words(change)
            if fields:
                changes.append(EntityChange("changed", shown, label, fields=fields))
    return changes


def diff_values(old: Any, new: Any, path: str = "") -> list[FieldChange]:
    """Field-level changes between two YAML values."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in [*old, *(k for k in new if k not in old)]:
            out.extend(diff_values(old.get(key), new.get(key), _join(path, key)))
        return out
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    change = FieldChange(path, old, new)
    _maybe_words(change)
    return [change]


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def _diff_lists(old: list[Any], new: list[Any], path: str) -> list[FieldChange]:
    if all(isinstance(v, dict) for v in old + new) and (old or new):
        for key_fields in _LIST_KEYS:
            if all(all(k in v for k in key_fields) for v in old + new):
                return _diff_keyed(old, new, path, key_fields)
    old_set = {_hashable(v): v for v in old}
    new_set = {_hashable(v): v for v in new}
    added = [v for k, v in new_set.items() if k not in old_set]
    removed = [v for k, v in old_set.items() if k not in new_set]
    if not added and not removed:
        return [FieldChange(path, old, new)]  # same items, new order
    return [FieldChange(path, added=added, removed=removed)]


def _diff_keyed(
    old: list[dict[str, Any]], new: list[dict[str, Any]], path: str, key_fields: tuple[str, ...]
) -> list[FieldChange]:
    def key_of(item: dict[str, Any]) -> str:
        return "/".join(str(item[k]) for k in key_fields)

    old_by = {key_of(v): v for v in old}
    new_by = {key_of(v): v for v in new}
    added = [key_of(v) for v in new if key_of(v) not in old_by]
    removed = [key_of(v) for v in old if key_of(v) not in new_by]
    out: list[FieldChange] = []
    if added or removed:
        items = {k: new_by[k] for k in added} | {k: old_by[k] for k in removed}
        out.append(FieldChange(path, added=added, removed=removed, items=items))
    for key, item in new_by.items():
        if key in old_by:
            out.extend(diff_values(old_by[key], item, f"{path}[{key}]"))
    return out


def _maybe_words(change: FieldChange) -> None:
    old, new = change.old, change.new
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > LONG_TEXT:
        change.words = word_diff(old, new)


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level diff; ASCII words stay whole, Japanese text is compared per character."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", "".join(b[j1:j2])))
    return ops
