"""Labels typed into a workbook or CSV, stored as ids: a list column's cell that holds a label
(分野間, 構築中, 回答済み, 未定) or a field name (防災) becomes the one id it stands for, and the
import says so (W013); a cell that fits two ids is refused (W014). `renkei.registry.labels`
recognises the labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from renkei.registry.labels import LabelResolver, field_resolver
from renkei.registry.reference import Reference
from renkei.workbook.book import BOOLEAN_ITEMS, enum_labels
from renkei.workbook.layout import Column


@dataclass(frozen=True, slots=True)
class Converted:
    """A label stored as its id."""

    value: str
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Ambiguous:
    """A cell that fits two ids or more: the candidates as `id（label）`."""

    value: str
    candidates: str


@dataclass
class CellLabels:
    """The resolvers of one import (built once per list), from the registry's reference data."""

    root: Path
    _reference: Reference | None = None
    _resolvers: dict[tuple[str, ...], LabelResolver] = field(default_factory=dict)

    def _resolver(self, column: Column) -> LabelResolver | None:
        if self._reference is None:
            self._reference = Reference(self.root)
        if column.kind == "fields":
            key: tuple[str, ...] = ("<fields>",)
            if key not in self._resolvers:
                self._resolvers[key] = field_resolver(self._reference)
            return self._resolvers[key]
        if column.kind == "boolean":
            key = ("<boolean>",)
            if key not in self._resolvers:
                self._resolvers[key] = LabelResolver({v: (ja, en) for v, ja, en in BOOLEAN_ITEMS})
            return self._resolvers[key]
        if column.kind != "enum" or not column.choices:
            return None
        key = (column.key, *column.choices)
        if key not in self._resolvers:
            self._resolvers[key] = LabelResolver(enum_labels(self._reference, column))
        return self._resolvers[key]

    def convert(self, text: str, column: Column) -> tuple[str, list[Converted | Ambiguous]]:
        """The cell's text with each recognised label replaced by its id, and what was done."""
        resolver = self._resolver(column) if text else None
        if resolver is None:
            return text, []
        if column.kind == "fields":
            if text == "unknown":
                return text, []
            parts = text.split(";")
        else:
            parts = [text]
        events: list[Converted | Ambiguous] = []
        out = []
        for part in parts:
            if part in resolver.labels:
                out.append(part)
                continue
            found = sorted(resolver.candidates(part))
            if len(found) == 1:
                events.append(Converted(part, found[0], resolver.label(found[0])))
                out.append(found[0])
            elif len(found) > 1:
                shown = ", ".join(f"{c}（{resolver.label(c)}）" for c in found)
                events.append(Ambiguous(part, shown))
                out.append(part)
            else:
                out.append(part)
        return ";".join(out), events
