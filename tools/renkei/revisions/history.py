"""Vision revisions found in Git history, and fiscal years resolved to commits."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import git
from git.exc import GitCommandError

from renkei.registry.loaders.yaml_loader import load_yaml_bytes
from renkei.revisions.dates import parse_fiscal_year, reiwa_label
from renkei.revisions.git import GitError, Revision, last_change, limit_for, parent, read_blobs
from renkei.revisions.git_changes import file_history

VISION_PATHSPEC = "registry/prefectures/*/vision.yaml"


@dataclass(frozen=True, slots=True)
class VisionRevision:
    """One revision of a prefecture's vision as first seen in Git history."""

    folder: str
    fiscal_year: int
    number: int
    adopted_on: str
    commit: str
    commit_time: int

    def to_dict(self) -> dict[str, Any]:
        """The revision as `renkei log --format json` writes it."""
        return {
            "prefecture": self.folder,
            "fiscal_year": self.fiscal_year,
            "fiscal_year_ja": reiwa_label(self.fiscal_year),
            "revision": self.number,
            "adopted_on": self.adopted_on,
            "commit": self.commit,
            "commit_time": self.commit_time,
        }


@dataclass(frozen=True, slots=True)
class VisionState:
    """The vision file of one prefecture as one commit left it."""

    folder: str
    commit: str
    commit_time: int
    revisions: tuple[tuple[int, int, str], ...]  # (fiscal year, number, adopted on)

    @property
    def latest_fiscal_year(self) -> int | None:
        """The fiscal year of the newest revision, or None when there is none."""
        return max((r[0] for r in self.revisions), default=None)


_REVISIONS_BLOCK = re.compile(rb"^revisions:.*?(?=^[A-Za-z_][\w-]*[ \t]*:|\Z)", re.M | re.S)


def _revisions(data: bytes) -> tuple[tuple[int, int, str], ...] | None:
    """The revisions of a vision file; only the `revisions:` block is parsed when it can be
    found (the rest of the file does not matter here)."""
    match = _REVISIONS_BLOCK.search(data)
    document, _ = load_yaml_bytes(match[0] if match else data, "vision.yaml")
    if document is None or not isinstance(document.data, dict):
        return None
    items = document.data.get("revisions")
    if not isinstance(items, list):
        return ()
    out: list[tuple[int, int, str]] = []
    for item in items:
        if isinstance(item, dict) and isinstance(fiscal_year := item.get("fiscal_year"), int):
            number = item.get("number")
            out.append(
                (
                    fiscal_year,
                    number if isinstance(number, int) else 0,
                    str(item.get("adopted_on", "")),
                )
            )
    return tuple(out)


def vision_revisions(data: bytes) -> tuple[tuple[int, int, str], ...] | None:
    """The revisions (fiscal year, number, adopted on) of a vision file's bytes; None when it
    cannot be read."""
    return _revisions(data)


def vision_states(repo: git.Repo, folder: str | None = None) -> list[VisionState]:
    """Each commit's vision state per prefecture, oldest first."""
    pathspec = f"registry/prefectures/{folder}/vision.yaml" if folder else VISION_PATHSPEC
    changes = [c for c in file_history(repo, pathspec) if set(c.blob) != {"0"}]
    # A vision above the size limit is never read: that state is skipped like an unreadable one.
    blobs = read_blobs(repo, [c.blob for c in changes], limit_for(pathspec)).data
    parsed: dict[str, tuple[tuple[int, int, str], ...] | None] = {}
    states: list[VisionState] = []
    for change in reversed(changes):
        if change.blob not in parsed:
            data = blobs.get(change.blob)
            parsed[change.blob] = _revisions(data) if data is not None else None
        revisions = parsed[change.blob]
        if revisions is None:
            continue
        pref = change.path.split("/")[2]
        states.append(VisionState(pref, change.sha, change.timestamp, revisions))
    return states


def every_vision_state(repo: git.Repo) -> dict[str, list[VisionState]] | None:
    """`vision_states(repo, folder)` of every folder at once, from one walk of the history;
    None when the history has merges (a walk per file can then leave out commits that a walk of
    every vision file shows, so only a walk per folder gives the same answer)."""
    try:
        merges = repo.git.rev_list("--min-parents=2", "--count", "HEAD")
    except GitCommandError:
        return None
    if merges.strip() != "0":
        return None
    by_folder: dict[str, list[VisionState]] = {}
    for state in vision_states(repo):
        by_folder.setdefault(state.folder, []).append(state)
    return by_folder


def vision_log(repo: git.Repo, folder: str | None = None) -> list[VisionRevision]:
    """Each vision revision with the commit that first recorded it."""
    seen: set[tuple[str, int, int]] = set()
    entries: list[VisionRevision] = []
    for state in vision_states(repo, folder):
        for fiscal_year, number, adopted_on in state.revisions:
            key = (state.folder, fiscal_year, number)
            if key in seen:
                continue
            seen.add(key)
            entries.append(
                VisionRevision(
                    state.folder, fiscal_year, number, adopted_on, state.commit, state.commit_time
                )
            )
    return sorted(entries, key=lambda e: (e.folder, e.fiscal_year, e.number))


def resolve_fiscal_year(
    repo: git.Repo, folder: str, text: str, states: list[VisionState] | None = None
) -> Revision:
    """The registry as it stood in a fiscal year's vision: the commit just before the next
    fiscal year's revision was recorded, or the newest commit of the prefecture when there is
    no later revision. STATES: the folder's `vision_states`, when already found."""
    fiscal_year = parse_fiscal_year(text)
    if fiscal_year is None:
        raise GitError(f"'{text}' is not a fiscal year.", f"「{text}」は年度ではありません。")
    if states is None:
        states = vision_states(repo, folder)
    matching = [s for s in states if s.latest_fiscal_year == fiscal_year]
    if not matching:
        known = sorted({s.latest_fiscal_year for s in states if s.latest_fiscal_year})
        near = sorted(known, key=lambda y: abs(y - fiscal_year))[:3]
        listed = ", ".join(f"FY{y}" for y in sorted(near)) or "none"
        listed_ja = "、".join(reiwa_label(y) for y in sorted(near)) or "なし"
        raise GitError(
            f"No vision revision of FY{fiscal_year} for {folder} in the history. "
            f"Nearest known: {listed}.",
            f"{folder} の {reiwa_label(fiscal_year)}（FY{fiscal_year}）のビジョン改定は履歴に"
            f"ありません。近い年度: {listed_ja}",
        )
    # The fiscal year's state lasts until the next fiscal year's revision is recorded.
    later = next((s for s in states if (s.latest_fiscal_year or 0) > fiscal_year), None)
    if later is not None:
        boundary = parent(repo, Revision("", later.commit, later.commit_time))
        return Revision(f"FY{fiscal_year}", boundary.sha, boundary.timestamp)
    newest = last_change(repo, f"registry/prefectures/{folder}") or Revision(
        "", matching[-1].commit, matching[-1].commit_time
    )
    return Revision(f"FY{fiscal_year}", newest.sha, newest.timestamp)


def looks_like_fiscal_year(text: str) -> bool:
    """True for text that reads as a fiscal year (FY2025, R7, 令和7年度) and not as a short commit id."""
    return parse_fiscal_year(text) is not None and not re.fullmatch(r"[0-9a-f]{4}", text)


def nearest(text: str, options: list[str]) -> list[str]:
    """Up to three options close to `text`, for a did-you-mean hint."""
    return difflib.get_close_matches(text, options, n=3, cutoff=0.4)
