"""renkei scope on real Git repositories: which owner groups a change touches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers.gitrepo import commit, git, workflow_repo
from helpers.registry import Registry

TOKYO = "registry/prefectures/13-tokyo/municipalities.csv"
TOKYO_PREF = "registry/prefectures/13-tokyo/prefecture.yaml"
TOTTORI = "registry/prefectures/31-tottori/municipalities.csv"
SCHEMA = "schemas/prefecture.schema.json"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    registry = workflow_repo(tmp_path / "repo")
    git(registry.root, "switch", "-q", "-c", "change")
    return registry


def scope(registry: Registry, *args: str) -> tuple[int, str]:
    result = registry.run("scope", "--root", str(registry.root), "--lang", "en", *args)
    return result.exit_code, result.output


def scope_json(registry: Registry, *args: str) -> tuple[int, dict[str, Any]]:
    code, output = scope(registry, "--base", "main", "--format", "json", *args)
    return code, json.loads(output[: output.rindex("}") + 1])


def touch(registry: Registry, relative: str) -> None:
    registry.write(relative, registry.read(relative) + "\n")


def test_single_prefecture(repo: Registry) -> None:
    touch(repo, TOKYO)
    commit(repo.root, "tokyo")
    code, report = scope_json(repo)
    assert code == 0
    assert report["groups"] == ["13-tokyo"]
    assert report["prefectures"] == {"13-tokyo": [TOKYO]}
    assert not report["multi"]


def test_no_change(repo: Registry) -> None:
    code, output = scope(repo, "--base", "main")
    assert code == 0
    assert "scope: no change" in output


def test_several_prefectures_fail(repo: Registry) -> None:
    touch(repo, TOKYO)
    commit(repo.root, "tokyo")
    touch(repo, TOTTORI)  # uncommitted: still part of the change
    code, output = scope(repo, "--base", "main")
    assert code == 1
    assert "13-tokyo, 31-tottori" in output
    assert "--allow-multi" in output
    code, _ = scope(repo, "--base", "main", "--allow-multi")
    assert code == 0


def test_data_and_tooling_fail(repo: Registry) -> None:
    touch(repo, SCHEMA)
    commit(repo.root, "schema")
    touch(repo, TOKYO)
    git(repo.root, "add", TOKYO)  # staged, not committed
    code, report = scope_json(repo)
    assert code == 1
    assert report["groups"] == ["13-tokyo", "core"]
    assert report["core"] == [SCHEMA]
    ja = repo.run("scope", "--root", str(repo.root), "--base", "main", "--lang", "ja")
    assert ja.exit_code == 1
    assert "複数の範囲" in ja.output


def test_tooling_only_passes(repo: Registry) -> None:
    repo.write("tools/hooks/new-helper.sh", "#!/bin/sh\n")  # untracked counts
    touch(repo, SCHEMA)
    code, report = scope_json(repo)
    assert code == 0
    assert report["groups"] == ["core"]
    assert report["core"] == [SCHEMA, "tools/hooks/new-helper.sh"]


def test_maintainer_change_with_regenerated_codeowners_is_one_scope(repo: Registry) -> None:
    repo.replace(TOKYO_PREF, "maintainers: []", 'maintainers: ["@tokyo-example"]')
    assert repo.run("codeowners", "--root", str(repo.root)).exit_code == 0
    commit(repo.root, "tokyo maintainers")
    code, report = scope_json(repo)
    assert code == 0
    assert report["groups"] == ["13-tokyo"]
    assert report["generated"] == [".github/CODEOWNERS"]


def test_only_changes_since_the_merge_base_count(repo: Registry) -> None:
    touch(repo, TOKYO)
    commit(repo.root, "tokyo on the branch")
    git(repo.root, "switch", "-q", "main")
    touch(repo, TOTTORI)
    commit(repo.root, "tottori on main", date="2026-01-02T00:00:00+09:00")
    git(repo.root, "switch", "-q", "change")
    code, report = scope_json(repo)
    assert code == 0
    assert report["groups"] == ["13-tokyo"]


def test_a_move_between_prefectures_touches_both(repo: Registry) -> None:
    git(repo.root, "mv", TOKYO, "registry/prefectures/31-tottori/tokyo-copy.csv")
    commit(repo.root, "move")
    code, report = scope_json(repo)
    assert code == 1
    assert report["groups"] == ["13-tokyo", "31-tottori"]


def test_unknown_base_is_a_usage_error(repo: Registry) -> None:
    code, output = scope(repo, "--base", "mian")
    assert code == 2
    assert "Unknown revision 'mian'" in output
    assert "main" in output
    assert "Traceback" not in output


def test_base_is_required(repo: Registry) -> None:
    code, _ = scope(repo)
    assert code == 2
