"""The Digital Agency's three principles, and the vision's consistency with the registered state.

Principles (notice of 2024-05-10; GB3 §6.5): one cross-field platform per prefecture; in
principle one field-specific platform per field; technology from the recommended list. Each
check is a warning (an error under --strict) that names the platforms involved with their file
and line. No judgement about a prefecture rests on a value that is `unknown`; what the registry
itself lacks (a publication URL, this fiscal year's revision) is reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import LocalGovernment, Reference
from renkei.revisions.dates import fiscal_year_of, reiwa_label

ACTIVE = frozenset({"planned", "building", "operating"})
RUNNING = frozenset({"operating", "to_be_retired"})
ENDING = frozenset({"to_be_retired", "retired"})

#: Shared-use types reachable in one step (GB3 §7.2 development paths, §8.2 patterns).
TYPE_STEPS: dict[str, tuple[str, ...]] = {
    "1.1": ("2.1",),
    "1.2": ("2.1", "2.2", "2.4", "2.6", "2.8"),
    "1.3": ("2.1", "2.2", "2.3", "2.4", "2.6", "2.8"),
    "1.4": ("2.1", "2.2", "2.4", "2.6", "2.8"),
    "1.5": ("2.1", "2.2", "2.4", "2.6", "2.8"),
    "2.1": ("2.2", "2.3"),
    "2.3": ("2.2", "2.4"),
    "2.2": ("2.4",),
    "2.5": ("2.6", "2.7"),
    "2.7": ("2.8",),
    "2.6": ("2.8", "2.4"),
    "2.8": ("2.4",),
    "2.4": (),
}


def reachable_types(current: str) -> list[str]:
    seen: list[str] = []
    stack = list(TYPE_STEPS.get(current, ()))
    while stack:
        step = stack.pop()
        if step not in seen:
            seen.append(step)
            stack.extend(TYPE_STEPS.get(step, ()))
    return sorted(seen)


@dataclass(frozen=True, slots=True)
class Entry:
    index: int
    data: dict[str, Any]

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else f"#{self.index}"

    @property
    def status(self) -> str:
        return str(self.data.get("status", "unknown"))


def _platforms(document: YamlDocument | None) -> list[Entry]:
    if document is None or not isinstance(document.data, dict):
        return []
    items = document.data.get("platforms")
    if not isinstance(items, list):
        return []
    return [Entry(i, p) for i, p in enumerate(items) if isinstance(p, dict)]


class PrincipleChecker:
    def __init__(
        self,
        reference: Reference,
        prefecture: LocalGovernment,
        platforms: YamlDocument | None,
        vision: YamlDocument | None,
        as_of: dt.date,
    ) -> None:
        self.reference = reference
        self.prefecture = prefecture
        self.platforms_doc = platforms
        self.vision_doc = vision
        self.vision = vision.data if vision is not None and isinstance(vision.data, dict) else {}
        self.entries = _platforms(platforms)
        self.by_id = {e.id: e for e in self.entries}
        self.as_of = as_of
        self.findings: list[Finding] = []

    # --- helpers ----------------------------------------------------------------------------

    def _at(self, entry: Entry, key: str = "id") -> Position:
        assert self.platforms_doc is not None
        return self.platforms_doc.position(("platforms", entry.index, key))

    def _where(self, entry: Entry, key: str = "id") -> str:
        return json_path(("platforms", entry.index, key))

    def _involved(self, entries: list[Entry]) -> str:
        assert self.platforms_doc is not None
        return ", ".join(f"{e.id} ({self.platforms_doc.path}:{self._at(e).line})" for e in entries)

    @property
    def _platforms_file(self) -> str:
        assert self.platforms_doc is not None
        return self.platforms_doc.path

    def _platforms_at(self, *path: Any) -> tuple[str, Position, str]:
        assert self.platforms_doc is not None
        return self.platforms_doc.path, self.platforms_doc.position(path), json_path(path)

    def _vision_at(self, *path: Any) -> tuple[str, Position, str]:
        assert self.vision_doc is not None
        return self.vision_doc.path, self.vision_doc.position(path), json_path(path)

    def _list(self, key: str) -> list[dict[str, Any]]:
        value = self.vision.get(key)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    @property
    def registered(self) -> bool:
        return self.vision.get("status") in ("draft", "adopted")

    # --- checks -----------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        if self.platforms_doc is not None:
            self.cross_field()
            self.per_field()
            self.modules()
            self.participants()
        if self.vision_doc is not None and self.registered:
            self.designation()
            self.revision_age()
            self.consolidation()
            self.migration_pattern()
            self.target_type()
        return self.findings

    def cross_field(self) -> None:
        cross = [e for e in self.entries if e.data.get("kind") == "cross_field"]
        active = [e for e in cross if e.status in ACTIVE]
        if len(active) < 2:
            return
        merged = {
            step.get("platform_id")
            for step in self._list("consolidation")
            if step.get("target_platform_id") in {e.id for e in active}
        }
        remaining = [e for e in active if e.id not in merged]
        if len(remaining) <= 1:
            return
        for entry in remaining[1:]:
            self.findings.append(
                codes.A001.make(
                    self._platforms_file,
                    self._at(entry),
                    self._where(entry),
                    involved=self._involved(remaining),
                )
            )

    def per_field(self) -> None:
        """A003: several active field-specific platforms for one field without a recorded
        exception reason (one finding per field); A012: a reason for a field that no longer
        needs one."""
        by_field: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.data.get("kind") != "field_specific" or entry.status not in ACTIVE:
                continue
            fields = entry.data.get("fields")
            if isinstance(fields, list):
                for field_id in fields:
                    if isinstance(field_id, str):
                        by_field.setdefault(field_id, []).append(entry)
        policies = {p.get("field"): (i, p) for i, p in enumerate(self._list("field_policies"))}
        for field_id, entries in by_field.items():
            index_policy = policies.get(field_id)
            reason = index_policy[1].get("exception_reason") if index_policy else None
            if len(entries) > 1 and not reason:
                # One finding per field, at its second platform, naming them all: one per
                # extra platform, each naming all, would grow with the square of their number.
                self.findings.append(
                    codes.A003.make(
                        self._platforms_file,
                        self._at(entries[1]),
                        self._where(entries[1]),
                        field=field_id,
                        involved=self._involved(entries),
                    )
                )
        for field_id, (index, policy) in policies.items():
            platforms = len(by_field.get(field_id, [])) if isinstance(field_id, str) else 0
            if policy.get("exception_reason") and platforms <= 1:
                file, position, where = self._vision_at("field_policies", index, "exception_reason")
                self.findings.append(
                    codes.A012.make(
                        file,
                        position,
                        where,
                        what=f"分野「{field_id}」の例外の理由",
                        what_en=f"The exception reason for field '{field_id}'",
                        why="この分野の分野別基盤は 1 つ以下",
                        why_en="the field has at most one field-specific platform",
                    )
                )

    def modules(self) -> None:
        technologies = self.reference.technologies
        for entry in self.entries:
            modules = entry.data.get("modules")
            if not isinstance(modules, list):
                continue
            for m_index, module in enumerate(modules):
                if not isinstance(module, dict):
                    continue
                technology = module.get("technology")
                recommended = technology in technologies and technologies[technology].recommended
                path = ("platforms", entry.index, "modules", m_index)
                if technology == "other" and not module.get("reason"):
                    self.findings.append(
                        codes.A004.make(
                            *self._platforms_at(*path, "technology"),
                            role=module.get("role", "?"),
                            product=module.get("product", "?"),
                        )
                    )
                elif recommended and module.get("reason"):
                    self.findings.append(
                        codes.A012.make(
                            *self._platforms_at(*path, "reason"),
                            what=f"モジュール {module.get('role')} の推奨外の理由",
                            what_en=f"The reason of module {module.get('role')}",
                            why="推奨技術を使っている",
                            why_en="it uses recommended technology",
                        )
                    )

    def participants(self) -> None:
        own = self.prefecture.prefecture_code
        for entry in self.entries:
            participants = entry.data.get("participants")
            crosses = entry.data.get("cross_prefecture")
            outside = []
            if isinstance(participants, list):
                for p_index, participant in enumerate(participants):
                    code = participant.get("lg_code") if isinstance(participant, dict) else None
                    body = self.reference.governments.get(code) if isinstance(code, str) else None
                    if body is None or body.prefecture_code == own:
                        continue
                    outside.append(body)
                    if crosses is not True:
                        path = ("platforms", entry.index, "participants", p_index, "lg_code")
                        self.findings.append(
                            codes.A009.make(
                                *self._platforms_at(*path),
                                value=body.lg_code,
                                name=f"{body.prefecture_name}{body.name}",
                            )
                        )
            if crosses is True and isinstance(participants, list) and not outside:
                self.findings.append(
                    codes.A012.make(
                        self._platforms_file,
                        self._at(entry, "cross_prefecture"),
                        self._where(entry, "cross_prefecture"),
                        what=f"{entry.id} の cross_prefecture: true",
                        what_en=f"cross_prefecture: true on {entry.id}",
                        why="他の都道府県の参加団体がない",
                        why_en="no participant is from another prefecture",
                    )
                )

    def designation(self) -> None:
        designated = self.vision.get("cross_field_platform")
        if designated != "none":
            return  # designated, planned, or not known
        file, position, where = self._vision_at("cross_field_platform")
        self.findings.append(codes.A002.make(file, position, where))

    def revision_age(self) -> None:
        revisions = self._list("revisions")
        years = [r["fiscal_year"] for r in revisions if isinstance(r.get("fiscal_year"), int)]
        current = fiscal_year_of(self.as_of)
        if years and max(years) < current:
            file, position, where = self._vision_at("revisions")
            self.findings.append(
                codes.A005.make(
                    file,
                    position,
                    where,
                    latest=f"{reiwa_label(max(years))}（FY{max(years)}）",
                    current=f"{reiwa_label(current)}（FY{current}）",
                )
            )
        if self.vision.get("status") == "adopted" and revisions:
            index = max(
                range(len(revisions)),
                key=lambda i: (
                    revisions[i].get("fiscal_year", 0) or 0,
                    revisions[i].get("number", 0) or 0,
                ),
            )
            url = revisions[index].get("publication_url")
            if not (isinstance(url, str) and url.startswith("http")):
                raw = self.vision.get("revisions")
                position_index = raw.index(revisions[index]) if isinstance(raw, list) else index
                file, position, where = self._vision_at(
                    "revisions", position_index, "publication_url"
                )
                self.findings.append(codes.A006.make(file, position, where))

    def consolidation(self) -> None:
        steps = self._list("consolidation")
        edges: dict[str, str] = {}
        for index, step in enumerate(steps):
            source, target = step.get("platform_id"), step.get("target_platform_id")
            if not isinstance(source, str) or not isinstance(target, str):
                continue
            edges[source] = target
            entry = self.by_id.get(target)
            if entry is not None and entry.status in ENDING:
                file, position, where = self._vision_at(
                    "consolidation", index, "target_platform_id"
                )
                self.findings.append(
                    codes.A007.make(file, position, where, value=target, status=entry.status)
                )
        reported: set[str] = set()
        for start in edges:
            chain = [start]
            node = edges.get(start)
            while node is not None and node not in chain:
                chain.append(node)
                node = edges.get(node)
            if node is None or node in reported:
                continue
            cycle = chain[chain.index(node) :]
            reported.update(cycle)
            index = next(i for i, s in enumerate(steps) if s.get("platform_id") == cycle[0])
            file, position, where = self._vision_at("consolidation", index)
            self.findings.append(
                codes.A008.make(file, position, where, involved=" → ".join([*cycle, cycle[0]]))
            )

    def migration_pattern(self) -> None:
        pattern = self.vision.get("migration_pattern")
        if pattern not in ("A", "B", "C", "D"):
            return
        if any(e.status == "unknown" for e in self.entries):
            return  # the registered state is not known well enough to judge
        running = [e for e in self.entries if e.status in RUNNING]
        prefecture_code = self.prefecture.lg_code
        municipal = [
            e for e in running if e.data.get("lead_body") not in (prefecture_code, "unknown")
        ]
        prefectural = [
            e
            for e in self.entries
            if e.status in ACTIVE and e.data.get("lead_body") == prefecture_code
        ]
        detail = None
        if pattern == "A" and running:
            detail = f"稼働中の基盤があります / platforms already run: {self._ids(running)}"
        elif pattern == "B" and not (len(running) == 1 and municipal):
            detail = (
                f"市区町村の稼働中の基盤がちょうど 1 つではありません / not exactly one running "
                f"municipal platform ({len(running)} running)"
            )
        elif pattern == "C" and len(running) < 2:
            detail = (
                f"稼働中の基盤が 2 つ未満です / fewer than two running platforms ({len(running)})"
            )
        elif pattern == "D" and not (municipal and prefectural):
            detail = (
                "市区町村の基盤と都道府県の基盤の両方が必要です / needs both a municipal and a "
                "prefectural platform"
            )
        if detail is not None:
            file, position, where = self._vision_at("migration_pattern")
            finding = codes.A010.make(file, position, where, value=pattern, detail=detail)
            self.findings.append(finding)

    def target_type(self) -> None:
        current, target = self.vision.get("current_type"), self.vision.get("target_type")
        if current not in TYPE_STEPS or target not in TYPE_STEPS or current == target:
            return
        reachable = reachable_types(current)
        if target not in reachable:
            file, position, where = self._vision_at("target_type")
            self.findings.append(
                codes.A011.make(
                    file,
                    position,
                    where,
                    current=current,
                    target=target,
                    reachable=", ".join(reachable) or "-",
                )
            )

    @staticmethod
    def _ids(entries: list[Entry]) -> str:
        return ", ".join(e.id for e in entries)


def principle_findings(
    reference: Reference,
    prefecture: LocalGovernment,
    platforms: YamlDocument | None,
    vision: YamlDocument | None,
    as_of: dt.date,
) -> list[Finding]:
    return PrincipleChecker(reference, prefecture, platforms, vision, as_of).run()
