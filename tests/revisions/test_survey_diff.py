"""`renkei diff` on surveys.yaml: a round added, a round changed field by field. SYNTHETIC data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry
from helpers.surveys import OWN_FORMAT_ROUND, SURVEYS, surveys_file


def _diff(registry: Registry, *args: str) -> Any:
    result = registry.run("diff", "--root", str(registry.root), "HEAD~1", "HEAD", *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_changed_and_an_added_round(tmp_path: Path) -> None:
    repo = committed_registry(tmp_path / "repo")
    repo.write(SURVEYS, surveys_file())
    commit(repo, "survey round")
    first = json.loads(_diff(repo, "--format", "json"))
    tokyo = next(p for p in first["prefectures"] if p["folder"] == "13-tokyo")
    assert [(c["kind"], c["key"]) for c in tokyo["changes"]["surveys"]] == [
        ("added", "fy2024-bessoe1")
    ]
    repo.write(
        SURVEYS,
        surveys_file('"2024-05-31"', "{answered: 30, total: 62}", extra_round=OWN_FORMAT_ROUND),
    )
    commit(repo, "submitted")
    report = json.loads(_diff(repo, "--format", "json"))
    tokyo = next(p for p in report["prefectures"] if p["folder"] == "13-tokyo")
    changes = {c["key"]: c for c in tokyo["changes"]["surveys"]}
    assert changes["fy2025-own"]["kind"] == "added"
    fields = {f["path"]: f for f in changes["fy2024-bessoe1"]["fields"]}
    assert fields["submitted_on"]["old"] == "unknown"
    assert fields["submitted_on"]["new"] == "2024-05-31"
    assert fields["coverage"]["new"] == {"answered": 30, "total": 62}
    assert tokyo["summary"]["ja"] == "13 東京都: 調査の回 +1 ~1"
    assert tokyo["summary"]["en"] == "13 東京都: survey rounds +1 ~1"
    text = _diff(repo, "--lang", "en")
    assert "fy2024-bessoe1" in text and "2024-05-31" in text
