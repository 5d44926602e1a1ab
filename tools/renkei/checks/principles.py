"""The Digital Agency's three principles, and the vision's consistency with the registered state
(the vision checks are `renkei.checks.vision_consistency`).

Principles (notice of 2024-05-10; GB3 §6.5): one cross-field platform per prefecture; in
principle one field-specific platform per field; technology from the recommended list, in the
role it is recommended for (GB3 §3.2). The platforms' own attributes (GB3 §4.4, §6.5) are
`renkei.checks.platform_attributes`. Each check is a warning (an error under --strict) that
names the platforms involved with their file and line. No judgement about a prefecture rests on
a value that is `unknown`; what the registry itself lacks (a publication URL, a revision for a
fiscal year that has ended) is reported.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from renkei.checks.platform_attributes import cross_field_findings, linkage_findings
from renkei.checks.platform_entries import ACTIVE, Entry, platform_entries, vision_items
from renkei.checks.vision_consistency import VisionChecker, reachable_types
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import LocalGovernment, Reference

#: reachable_types is also part of this module's interface (the principle tests use it).
__all__ = ["PrincipleChecker", "principle_findings", "reachable_types"]


class PrincipleChecker:
    """The principle checks of one prefecture; `run` returns their findings."""

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
        self.entries = platform_entries(platforms)
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
        return vision_items(self.vision, key)

    @property
    def registered(self) -> bool:
        """True when the vision is registered (a draft or adopted)."""
        return self.vision.get("status") in ("draft", "adopted")

    # --- checks -----------------------------------------------------------------------------

    def run(self) -> list[Finding]:
        """The platform checks (when there is a platforms.yaml), then the vision checks (when the
        vision is registered)."""
        if self.platforms_doc is not None:
            self.cross_field()
            self.per_field()
            self.modules()
            self.participants()
            self.findings.extend(linkage_findings(self.platforms_doc, self.entries))
            self.findings.extend(cross_field_findings(self.platforms_doc, self.entries))
        if self.vision_doc is not None and self.registered:
            checker = VisionChecker(self.prefecture, self.vision_doc, self.entries, self.as_of)
            self.findings.extend(checker.run())
        return self.findings

    def cross_field(self) -> None:
        """A001: more than one active cross-field platform that no consolidation step merges."""
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
        """A004: a module in a role the catalog recommends a technology for, without that
        technology and without a reason; A013: a technology of another role (Kong Gateway as a
        broker); A012: a reason beside the recommended technology.

        Notice 記1(3) and GB3 §6.5: technology 「原則、…カタログ…が推奨するデータ連携基盤技術から
        採用する」; GB3 §3.2 recommends a technology for three roles only (API gateway,
        non-personal and personal broker), so a module of another role needs no reason."""
        technologies = self.reference.technologies
        recommended: dict[str, list[str]] = {}
        for listed in technologies.values():
            if listed.recommended:
                recommended.setdefault(listed.role, []).append(f"{listed.product} ({listed.id})")
        for entry in self.entries:
            modules = entry.data.get("modules")
            if not isinstance(modules, list):
                continue
            for m_index, module in enumerate(modules):
                if not isinstance(module, dict):
                    continue
                role, technology = module.get("role"), module.get("technology")
                tech = technologies.get(technology) if isinstance(technology, str) else None
                for_role = ", ".join(recommended.get(str(role), [])) or "-"
                path = ("platforms", entry.index, "modules", m_index)
                if tech is not None and tech.role != role:
                    self.findings.append(
                        codes.A013.make(
                            *self._platforms_at(*path, "technology"),
                            role=str(role),
                            product=tech.product,
                            technology=tech.id,
                            tech_role=tech.role,
                            recommended=for_role,
                        )
                    )
                    continue  # one finding: A004 would say the same thing again
                fits = tech is not None and tech.recommended
                # "other", or a listed technology of this role that the catalog does not
                # recommend ("unknown" is not judged; an id not in the list is R008).
                outside = technology == "other" or (tech is not None and not fits)
                if role in recommended and outside:
                    if not module.get("reason"):
                        self.findings.append(
                            codes.A004.make(
                                *self._platforms_at(*path, "technology"),
                                role=str(role),
                                product=module.get("product", "?"),
                                recommended=for_role,
                            )
                        )
                elif fits and module.get("reason"):
                    self.findings.append(
                        codes.A012.make(
                            *self._platforms_at(*path, "reason"),
                            what=f"モジュール {role} の推奨外の理由",
                            what_en=f"The reason of module {role}",
                            why="推奨技術を使っている",
                            why_en="it uses recommended technology",
                        )
                    )

    def participants(self) -> None:
        """A009: a participant from another prefecture."""
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


def principle_findings(
    reference: Reference,
    prefecture: LocalGovernment,
    platforms: YamlDocument | None,
    vision: YamlDocument | None,
    as_of: dt.date,
) -> list[Finding]:
    """The principle and vision findings of one prefecture."""
    return PrincipleChecker(reference, prefecture, platforms, vision, as_of).run()
