"""`renkei log --platform ID`: the platform's timeline from Git history (date, fiscal year,
commit, what changed in labels), the same the site's platform page shows."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.gitrepo import git
from helpers.reviewer_change import NEW_PLATFORM, changed_registry


def test_the_timeline_of_a_changed_and_an_added_platform(tmp_path: Path) -> None:
    repo = changed_registry(tmp_path / "repo")
    head = git(repo, "rev-parse", "HEAD")
    result = repo.run("log", "--root", str(repo.root), "--platform", "test-platform",
                      "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert [e["kind"] for e in entries] == ["added", "changed"]
    assert entries[1]["commit"] == head and entries[1]["date"] == "2025-09-01"
    assert entries[1]["fiscal_year"] == 2025
    assert entries[1]["changed"] == {"ja": ["分野", "状態"], "en": ["Fields", "Status"]}
    text = repo.run("log", "--root", str(repo.root), "--platform", NEW_PLATFORM, "--lang", "en")
    assert text.exit_code == 0
    lines = text.output.splitlines()
    assert lines[0].startswith("date\tfiscal year\tcommit") and len(lines) == 2
    assert "\tadded\t" in lines[1] and head[:10] in lines[1]


def test_an_unknown_platform_names_similar_ones(tmp_path: Path) -> None:
    repo = changed_registry(tmp_path / "repo")
    result = repo.run(
        "log", "--root", str(repo.root), "--platform", "test-platfrom", "--lang", "en"
    )
    assert result.exit_code == 2
    assert "Did you mean: test-platform" in result.output and "Traceback" not in result.output
