"""Reviewer labels: what a key path of a registry document and its value are called, in Japanese
or English, for the screens people read (the diff, CHANGES.md, the vision page, the summary).

A field's name is its schema `title` ("日本語 / English", split by language), found by walking
the JSON Schema (prefecture, platforms, vision, surveys) or the Table Schema (a CSV column) along
the path; a property without a title of its own takes one from `FALLBACK_TITLES`. An enumerated
value shows its vocabulary label (registry/reference/vocabularies.csv, as `vocabulary_labels`
finds it); a field id its fields.csv name; a platform id the platform's name; a local government
code the body's name; a technology id its product; `unknown` 不明, booleans はい/いいえ. A nested
value (a mapping, a list of mappings) becomes sub-rows ("相談窓口 › 部署: 情報政策課"), never JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from renkei.registry.labels import vocabulary_labels
from renkei.registry.reference import Reference, ReferenceDataError

if TYPE_CHECKING:
    from renkei.registry.snapshot import RegistryState

#: Where each document's entity starts in its schema file (a platform is an item of `platforms`).
DOCUMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "prefecture": ("prefecture.schema.json", ()),
    "platforms": ("platforms.schema.json", ("properties", "platforms", "items")),
    "vision": ("vision.schema.json", ()),
    "surveys": ("surveys.schema.json", ("properties", "rounds", "items")),
}
#: Names of the properties the schemas leave untitled (their type's title is too general).
FALLBACK_TITLES: dict[str, tuple[str, str]] = {
    "answered": ("回答済", "answered"),
    "building": ("構築中", "building"),
    "built": ("構築済", "built"),
    "by_fiscal_year": ("年度別", "by fiscal year"),
    "confirmed_on": ("確認日", "confirmed on"),
    "contact": ("連絡先", "contact"),
    # A platform's counts before they became its components (renkei migrate): old revisions.
    "counts": ("数（旧・GB3 §4）", "counts (former, GB3 §4)"),
    "department": ("部署", "department"),
    "description": ("内容", "description"),
    "field": ("分野", "field"),
    "fields": ("出典が裏付ける項目", "fields this source supports"),
    "fiscal_year": ("年度", "fiscal year"),
    "format": ("様式", "format"),
    "id": ("ID", "ID"),
    "lead_body": ("主管団体", "lead body"),
    "lead_department": ("主管部署", "lead department"),
    "lg_code": ("団体", "local government"),
    "note": ("備考", "note"),
    "operating": ("運用中", "operating"),
    "planned": ("計画", "planned"),
    "platform_id": ("基盤", "platform"),
    "platform_ids": ("基盤", "platforms"),
    "policy": ("方針", "policy"),
    "retired": ("廃止済", "retired"),
    "revisions": ("改定", "revisions"),
    "section": ("節", "section"),
    "standards": ("標準", "standards"),
    "status": ("状態", "status"),
    "target_platform_id": ("移行先の基盤", "target platform"),
    "title": ("名称", "title"),
    "to_be_retired": ("廃止予定", "to be retired"),
    "total": ("合計", "total"),
    "url": ("URL", "URL"),
}
#: Types whose titles name the type, not the field ("文字列 / Text").
_GENERIC = frozenset(
    {"text", "text_or_unknown", "unknown", "boolean_or_unknown", "count_or_unknown", "sources"}
)
_KEYED = re.compile(r"^(?P<key>[^\[\]]+)(?:\[(?P<item>[^\]]*)\])?$")
_WORDS = re.compile(r"\b[a-z]+_[a-z_]+\b")
SEPARATOR = " › "


def split_title(title: str, lang: str) -> str:
    """One language of a "日本語 / English" title (the whole title when it has no " / ")."""
    ja, _, en = title.partition(" / ")
    return (ja if lang == "ja" or not en else en).strip()


def humanised(key: str) -> str:
    """A key that has no title, shown as words ("to_be_retired" as "to be retired")."""
    return key.replace("_", " ")


@dataclass
class Node:
    """What the schema says about one place in a document: its title, the enumerated values
    and the named type ($defs name) it refers to."""

    title: str = ""
    enum: list[Any] = field(default_factory=list)
    kind: str = ""


@dataclass
class DisplayLabels:
    """The labels of one registry: its schemas, reference tables and platform names."""

    schemas: Mapping[str, Any] = field(default_factory=dict)
    reference: Reference | None = None
    platform_names: dict[str, str] = field(default_factory=dict)
    #: What `node` found, by (document, path): the schemas never change once loaded.
    nodes: dict[tuple[str, str], Node] = field(default_factory=dict, repr=False, compare=False)
    #: The vocabulary labels of each enumeration met (the reference never changes either).
    enums: dict[tuple[str, ...], dict[str, tuple[str, str]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: What `title` and `value` (of a scalar) gave, by their arguments: a site names the same
    #: few hundred fields and values hundreds of thousands of times. The values' are dropped
    #: when platforms are named (a platform id shows its name).
    titles: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False, compare=False)
    scalars: dict[tuple[str, str, type, Any, str], str] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def from_root(cls, root: Path | None) -> DisplayLabels:
        """The labels of the registry at ROOT (schemas/ and registry/reference/); empty parts
        where a file is missing or unreadable."""
        if root is None:
            return cls()
        schemas: dict[str, Any] = {}
        for path in sorted((root / "schemas").glob("*.schema.json")) + sorted(
            (root / "schemas" / "tables").glob("*.json")
        ):
            try:
                schemas[path.relative_to(root / "schemas").as_posix()] = json.loads(
                    path.read_text(encoding="utf-8")
                )
            except (OSError, ValueError):
                continue
        reference = Reference(root)
        try:
            reference.load()
        except (ReferenceDataError, OSError):
            reference = None  # type: ignore[assignment]
        return cls(schemas, reference)

    # -- the schema -------------------------------------------------------------------------

    def _resolve(self, file: str, node: Any, depth: int = 0) -> list[tuple[str, Any, str]]:
        """The node and every node it stands for ($ref, anyOf, oneOf, allOf), with their files
        and $defs names."""
        if not isinstance(node, dict) or depth > 8:
            return []
        out: list[tuple[str, Any, str]] = [(file, node, "")]
        ref = node.get("$ref")
        if isinstance(ref, str):
            target_file, _, pointer = ref.partition("#")
            target_file = target_file or file
            if "/" not in target_file and "/" in file:
                target_file = file.rsplit("/", 1)[0] + "/" + target_file
            target: Any = self.schemas.get(target_file)
            for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
                target = target.get(part) if isinstance(target, dict) else None
            name = pointer.rsplit("/", 1)[-1]
            out += [(f, n, k or name) for f, n, k in self._resolve(target_file, target, depth + 1)]
        for key in ("anyOf", "oneOf", "allOf"):
            for option in node.get(key) or []:
                out += self._resolve(file, option, depth + 1)
        return out

    def node(self, document: str, path: str) -> Node:
        """What the schema says about PATH ("consultation_desk.department",
        "revisions[2024/1].summary", a column name) in DOCUMENT (a category of the diff)."""
        key = (document, path)
        found = self.nodes.get(key)
        if found is None:
            found = self.nodes[key] = self._node(document, path)
        return found

    def _node(self, document: str, path: str) -> Node:
        parts = [p for p in path.split(".") if p] if path else []
        table = self.schemas.get(f"tables/{document}.json")
        if isinstance(table, dict):
            column = parts[0] if parts else ""
            for spec in table.get("fields") or []:
                if isinstance(spec, dict) and spec.get("name") == column:
                    enum = (spec.get("constraints") or {}).get("enum") or []
                    return Node(str(spec.get("title") or ""), list(enum), "")
            return Node()
        file, start = DOCUMENTS.get(document, ("", ()))
        current: Any = self.schemas.get(file)
        for part in start:
            current = current.get(part) if isinstance(current, dict) else None
        nodes = self._resolve(file, current)
        result = Node()
        for part in parts:
            match = _KEYED.match(part)
            key = match.group("key") if match else part
            found: list[tuple[str, Any, str]] = []
            for node_file, item, _ in nodes:
                for candidate in self._items(node_file, item):
                    prop = (candidate[1].get("properties") or {}).get(key)
                    if prop is not None:
                        found += self._resolve(candidate[0], prop)
            if match and match.group("item") is not None:
                found = [c for f, n, _ in found for c in self._items(f, n)]
            nodes = found
            result = self._describe(found, key)
        return result

    def _items(self, file: str, node: Any) -> list[tuple[str, Any, str]]:
        """The node itself and, for an array, its items (resolved)."""
        out = self._resolve(file, node)
        for node_file, item, _ in list(out):
            if isinstance(item.get("items"), dict):
                out += self._resolve(node_file, item["items"])
        return out

    @staticmethod
    def _describe(nodes: list[tuple[str, Any, str]], key: str) -> Node:
        title, enum, kind = "", [], ""
        for _, item, name in nodes:
            if not title and isinstance(item.get("title"), str) and name not in _GENERIC:
                title = item["title"]
            if isinstance(item.get("enum"), list):
                enum += [v for v in item["enum"] if v not in enum]
            items = item.get("items")
            if isinstance(items, dict) and isinstance(items.get("enum"), list):
                enum += [v for v in items["enum"] if v not in enum]
            if name and name not in _GENERIC and not kind:
                kind = name
            if isinstance(items, dict) and isinstance(items.get("$ref"), str) and not kind:
                kind = items["$ref"].rsplit("/", 1)[-1]
        if not title and key in FALLBACK_TITLES:
            ja, en = FALLBACK_TITLES[key]
            title = f"{ja} / {en[:1].upper()}{en[1:]}"
        return Node(title, enum, kind)

    # -- names ------------------------------------------------------------------------------

    def name_platforms(self, states: Iterable[RegistryState]) -> None:
        """Every platform of STATES named by its name (the ids a vision or a table names)."""
        for state in states:
            for pref_state in state.prefectures.values():
                for key, platform in pref_state.platforms.items():
                    name = platform.get("name")
                    if isinstance(name, str):
                        self.platform_names[key] = name
        self.scalars.clear()

    def title(self, document: str, path: str, lang: str) -> str:
        """The field's name along PATH, each level's title joined by " › " (a keyed list item
        as "改定履歴（2024/1）"); PATH itself when there are no schemas to name it."""
        if not self.schemas:
            return path
        known = self.titles.get((document, path, lang))
        if known is not None:
            return known
        shown = []
        parts = [p for p in path.split(".") if p]
        for index, part in enumerate(parts):
            match = _KEYED.match(part)
            key = match.group("key") if match else part
            node = self.node(document, ".".join([*parts[:index], key]))
            name = split_title(node.title, lang) if node.title else humanised(key)
            item = match.group("item") if match else None
            shown.append(f"{name}（{item_label(key, item, lang)}）" if item else name)
        titled = self.titles[(document, path, lang)] = SEPARATOR.join(shown)
        return titled

    def value(self, document: str, path: str, value: Any, lang: str) -> str:
        """A scalar value as people read it (see the module docstring); a list or mapping as
        one line of labels."""
        if isinstance(value, list) and path.split(".")[-2:] == ["sources", "fields"]:
            # The fields a source supports: key paths of the document, shown by their titles.
            return ("、" if lang == "ja" else ", ").join(
                self.title(document, str(v), lang) for v in value
            )
        if isinstance(value, list):
            joined = ("、" if lang == "ja" else ", ").join(
                self.value(document, path, v, lang) for v in value
            )
            return joined or "—"
        if isinstance(value, dict):
            return "; ".join(f"{t}: {v}" for t, v in self.rows(document, path, value, lang))
        key = (document, path, type(value), value, lang)
        try:
            known = self.scalars.get(key)
        except TypeError:  # a value that cannot be a key (a tuple holding a list)
            return self._scalar(document, path, value, lang)
        if known is None:
            known = self.scalars[key] = self._scalar(document, path, value, lang)
        return known

    def _scalar(self, document: str, path: str, value: Any, lang: str) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return ("はい" if value else "いいえ") if lang == "ja" else ("yes" if value else "no")
        if value == "unknown":
            return "不明" if lang == "ja" else "unknown"
        text = str(value)
        node = self.node(document, _last_unkeyed(path)) if path else Node()
        pick = 0 if lang == "ja" else 1
        if node.enum and self.reference is not None:
            allowed = tuple(v for v in node.enum if isinstance(v, str))
            labels = self.enums.get(allowed)
            if labels is None:
                labels = self.enums[allowed] = vocabulary_labels(allowed, self.reference)
            if text in labels and labels[text][pick]:
                return labels[text][pick]
        return self._named(node.kind, path.rsplit(".", 1)[-1], text, pick)

    def _named(self, kind: str, key: str, text: str, pick: int) -> str:
        reference = self.reference
        if kind == "platform_id" or key in ("platform_id", "target_platform_id", "id"):
            name = self.platform_names.get(text)
            if name:
                return f"{name}（{text}）"
        if reference is None:
            return text
        if kind == "field_id" or key in ("field", "fields"):
            found = reference.fields.get(text)
            if found:
                return found.name_ja if pick == 0 else found.name_en
        if kind == "lg_code" or key in ("lg_code", "lead_body"):
            body = reference.governments.get(text)
            if body:
                return f"{body.name}（{text}）"
        if key == "technology":
            technology = reference.technologies.get(text)
            if technology:
                return technology.product
        return text

    def rows(self, document: str, path: str, value: Any, lang: str) -> list[tuple[str, str]]:
        """VALUE at PATH as (name, text) rows: one row for a scalar or a list of scalars, a row
        per leaf for a mapping or a list of mappings (names joined by " › ")."""
        if isinstance(value, dict):
            out: list[tuple[str, str]] = []
            for key, item in value.items():
                out += self.rows(document, f"{path}.{key}" if path else str(key), item, lang)
            return out
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            out = []
            prefix = self.title(document, path, lang)
            for index, item in enumerate(value, start=1):
                for name, text in self.rows(document, path, item, lang):
                    rest = name[len(prefix) :] if name.startswith(prefix) else f" › {name}"
                    out.append((f"{prefix}（{index}）{rest}", text))
            return out
        return [(self.title(document, path, lang), self.value(document, path, value, lang))]


def item_label(key: str, item: str, lang: str) -> str:
    """The key of a keyed list's item as people read it (a revision "2025/2" as 2025年度 第2版)."""
    year, _, number = item.partition("/")
    if key == "revisions" and year.isdigit() and number.isdigit():
        return f"{year}年度 第{number}版" if lang == "ja" else f"FY{year} r{number}"
    return item


def _last_unkeyed(path: str) -> str:
    """PATH without the key of its last part ("revisions[2024/1]" as "revisions")."""
    head, _, last = path.rpartition(".")
    last = last.split("[", 1)[0]
    return f"{head}.{last}" if head else last


def raw_words(text: str) -> list[str]:
    """The snake_case words of TEXT (what a reviewer output must not show)."""
    return _WORDS.findall(text)
