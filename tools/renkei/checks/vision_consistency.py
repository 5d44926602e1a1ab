"""The vision's consistency with the registered state (GB3 §7, §8): a cross-field platform
designated, a revision for every fiscal year that has ended (notice 記2(2)), the consolidation
and migration steps naming platforms that exist and are ending, and a target shared-use type
reachable from the current one. Run by `renkei.checks.principles` on a registered vision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from renkei.checks.platform_entries import ACTIVE, ENDING, RUNNING, Entry, vision_items
from renkei.checks.revision_years import revision_fiscal_year
from renkei.findings import codes
from renkei.findings.model import Finding, Position
from renkei.registry.loaders.yaml_loader import YamlDocument, json_path
from renkei.registry.reference import LocalGovernment
from renkei.revisions.dates import fiscal_year_of, reiwa_label

#: Shared-use types reachable in one step. GB3 §7.2 「目標（型2.4）への2つの経路」 and §8.2 (the
#: 対象 line of each migration pattern); GB3 = guidebook/エリアデータ連携基盤の共同利用ガイドブック第3.0版.md
#: at commit 422564480a9a4f9bcd56e63068afd49e136f414b.
TYPE_STEPS: dict[str, tuple[str, ...]] = {
    # 型1.1 has no platform: §8.2 パターンA 「【型 1.1】（基盤運営自治体なし）… ➔ 【型 2.1】」; 2.3 is
    # 2.1 with private services. The multi-platform line (2.5–2.8) needs platforms to start from.
    "1.1": ("2.1", "2.3"),
    # 型1.2–1.5 (one municipal platform): §8.2 パターンA ➔ 2.1, B ➔ 2.2 (and 2.4), C ➔ 2.6/2.8,
    # D ➔ 2.4/2.8; §7.2 「複数基盤が既に稼働している地域は現実経路（統合・整合）を経て」 ➔ 2.5/2.7.
    "1.2": ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"),
    "1.3": ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"),
    "1.4": ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"),
    "1.5": ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"),
    # Ideal path, single-platform line (figure 10_7-2): 2.1/2.3 → 2.2 → 2.4.
    "2.1": ("2.2", "2.3"),
    "2.3": ("2.2", "2.4"),
    "2.2": ("2.4",),
    # Realistic path, multi-platform line: 2.5/2.7 拠点統合 → 2.6/2.8 広域統合 → 2.4
    # (「将来的な基盤統合（単一基盤への収斂）」).
    "2.5": ("2.6", "2.7", "2.8"),
    "2.7": ("2.8",),
    "2.6": ("2.8", "2.4"),
    "2.8": ("2.4",),
    # The goal: 型2.4 官民混在・広域サービス【目標】.
    "2.4": (),
}


def reachable_types(current: str) -> list[str]:
    """Every shared-use type reachable from `current` in one or more steps, sorted."""
    seen: list[str] = []
    stack = list(TYPE_STEPS.get(current, ()))
    while stack:
        step = stack.pop()
        if step not in seen:
            seen.append(step)
            stack.extend(TYPE_STEPS.get(step, ()))
    return sorted(seen)


class VisionChecker:
    """The vision checks of one prefecture; `run` returns their findings."""

    def __init__(
        self,
        prefecture: LocalGovernment,
        vision: YamlDocument,
        entries: list[Entry],
        as_of: dt.date,
    ) -> None:
        self.prefecture = prefecture
        self.vision_doc = vision
        self.vision: dict[str, Any] = vision.data if isinstance(vision.data, dict) else {}
        self.entries = entries
        self.by_id = {e.id: e for e in entries}
        self.as_of = as_of
        self.findings: list[Finding] = []

    def _vision_at(self, *path: Any) -> tuple[str, Position, str]:
        return self.vision_doc.path, self.vision_doc.position(path), json_path(path)

    def _list(self, key: str) -> list[dict[str, Any]]:
        return vision_items(self.vision, key)

    def run(self) -> list[Finding]:
        """Every vision check, in order."""
        self.designation()
        self.revision_age()
        self.consolidation()
        self.migration_pattern()
        self.target_type()
        return self.findings

    def designation(self) -> None:
        """A002: the vision says there is no cross-field platform."""
        designated = self.vision.get("cross_field_platform")
        if designated != "none":
            return  # designated, planned, or not known
        file, position, where = self._vision_at("cross_field_platform")
        self.findings.append(codes.A002.make(file, position, where))

    def revision_age(self) -> None:
        """A005: a whole fiscal year has ended without a revision; A006: an adopted vision
        without a publication URL.

        Notice of 2024-05-10, 記2(2): 「策定後は、毎年度末などの適時のタイミングで改訂を行って
        いただく」. A revision is due once a fiscal year, at a suitable time such as its end, so
        a fiscal year is missed only once it has ended without one: a vision adopted in March
        (the end of FY N-1) is not outdated on 1 April. The adoption date decides the fiscal
        year of a revision when it gives the month (X013 reports a label that disagrees)."""
        revisions = self._list("revisions")
        years = [y for y in map(revision_fiscal_year, revisions) if y is not None]
        current = fiscal_year_of(self.as_of)
        missed = current - 1
        if years and max(years) < missed:
            latest = max(years)
            file, position, where = self._vision_at("revisions")
            self.findings.append(
                codes.A005.make(
                    file,
                    position,
                    where,
                    latest=f"{reiwa_label(latest)}（FY{latest}）",
                    missed=f"{reiwa_label(missed)}（FY{missed}）",
                    missed_end=f"{current:04d}-03-31",
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
        """A007: a platform is consolidated into one that is retired; A008: the consolidation steps
        form a cycle."""
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
        """A010: the migration pattern does not fit the platforms registered (GB3 §8.2).

        Pattern A (新規構築) starts from 型1.1 or 型1.2: 「**対象：** 【型 1.1】（基盤運営自治体なし）
        /【型 1.2】（単一市区町村基盤） ➔ 【型 2.1】」, so no running platform or exactly one run by a
        municipality. B widens one municipal platform; C integrates several; D joins a municipal
        platform to the prefectural or wide-area one (「都道府県が用意した、あるいは広域で運営
        されている巨大な共通データハブへと合流」)."""
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
        wide = [
            e
            for e in self.entries
            if e.status in ACTIVE
            and (
                e.data.get("lead_body") == prefecture_code
                or e.data.get("user_scope") == "prefecture_wide"
            )
        ]
        detail = None
        if pattern == "A":
            if len(running) == 1 and running[0].data.get("lead_body") == "unknown":
                return  # whose platform it is decides, and it is not known
            if len(running) > 1 or (running and not municipal):
                detail = (
                    "パターンA の対象は型1.1（基盤運営自治体なし）/型1.2（単一市区町村基盤）です"
                    "（GB3 §8.2）。稼働中の基盤 / pattern A starts from type 1.1 (no platform) or "
                    f"1.2 (one municipal platform); running: {self._ids(running)}"
                )
        elif pattern == "B" and not (len(running) == 1 and municipal):
            detail = (
                f"市区町村の稼働中の基盤がちょうど 1 つではありません / not exactly one running "
                f"municipal platform ({len(running)} running)"
            )
        elif pattern == "C" and len(running) < 2:
            detail = (
                f"稼働中の基盤が 2 つ未満です / fewer than two running platforms ({len(running)})"
            )
        elif pattern == "D" and not any(w is not m for m in municipal for w in wide):
            detail = (
                "市区町村の基盤と都道府県（広域）の基盤の両方が必要です / needs both a municipal "
                "and a prefectural (wide-area) platform"
            )
        if detail is not None:
            file, position, where = self._vision_at("migration_pattern")
            finding = codes.A010.make(file, position, where, value=pattern, detail=detail)
            self.findings.append(finding)

    def target_type(self) -> None:
        """A011: the target shared-use type cannot be reached from the current one along
        TYPE_STEPS (GB3 §7.2 2つの発展経路, §8.2 移行パターンの対象)."""
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
