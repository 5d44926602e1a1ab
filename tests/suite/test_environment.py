"""The suite pins its own environment (conftest.pinned_env): the machine's locale, time zone and
Git configuration never change a result. A representative part of the suite runs again in a
subprocess under a hostile environment, so a test that starts to depend on it fails here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from helpers.environment import PINNED_ENV
from helpers.registry import REPO

HOSTILE_GITCONFIG = """\
# A configuration a developer might well have: signing, CRLF, another default branch, no name.
[commit]
    gpgsign = true
[tag]
    gpgSign = true
[core]
    autocrlf = true
    hooksPath = /nonexistent-hooks
[init]
    defaultBranch = trunk
[diff]
    noprefix = true
    renames = copies
[color]
    ui = always
[user]
    email = someone@example.org
    useConfigOnly = true
[gpg]
    program = /bin/false
"""

#: A small part of the suite that touches every kind of environment dependence: language
#: defaults, Git commits, tags and diffs, fiscal years and dates, a commit through the hooks.
REPRESENTATIVE = [
    "tests/cli/test_cli.py::test_text_format_lines_and_japanese",
    "tests/cli/test_cli.py::test_json_shape_is_stable",
    "tests/cli/test_cli.py::test_console_script_runs_as_a_subprocess",
    "tests/workflow/test_annotate.py::test_changed_lines_come_first_and_summary_has_everything",
    "tests/revisions/test_diff.py::test_fiscal_years_resolve_to_commits_and_log_lists_revisions",
    "tests/revisions/test_diff.py::test_output_file_is_written_and_text_has_no_colour_when_piped",
    "tests/bundle/test_bundle.py::test_changes_compare_with_the_last_submission",
    "tests/checks/test_principles.py::test_outdated_check_turns_on_april_first",
    "tests/workflow/test_scope.py::test_single_prefecture",
    "tests/workflow/test_precommit.py::test_good_commit_is_accepted",
    "tests/workflow/test_change_kind.py::test_a_data_only_branch_is_data",
]


def hostile_env(home: Path) -> dict[str, str]:
    """The environment of a machine set up for someone else: Japanese locale without LC_ALL,
    a time zone 14 hours ahead of UTC, a global Git configuration that signs, converts line
    ends, names the first branch trunk and has no user name, and a CI summary file."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / ".gitconfig"
    config.write_text(HOSTILE_GITCONFIG, encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GIT_") and not name.startswith("LC_")
    }
    env.update(
        {
            "LANG": "ja_JP.UTF-8",
            "LANGUAGE": "ja",
            "TZ": "Pacific/Kiritimati",
            "HOME": str(home),
            "GIT_CONFIG_GLOBAL": str(config),
            "GITHUB_STEP_SUMMARY": str(home / "step-summary.md"),
        }
    )
    return env


def test_the_pinned_environment_is_in_effect(tmp_path: Path) -> None:
    for name, value in PINNED_ENV.items():
        assert os.environ[name] == value, name
    assert "LANGUAGE" not in os.environ and "GITHUB_STEP_SUMMARY" not in os.environ
    assert time.localtime(0).tm_gmtoff == 0
    listed = subprocess.run(
        ["git", "config", "--global", "--list"], capture_output=True, encoding="utf-8"
    )
    assert listed.stdout == ""
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    head = (tmp_path / "repo" / ".git" / "HEAD").read_text(encoding="utf-8")
    assert head == "ref: refs/heads/main\n"
    assert Path(os.environ["GIT_CONFIG_GLOBAL"]).parent == Path(os.environ["HOME"]) == Path.home()


def test_the_hostile_environment_breaks_an_unpinned_git(tmp_path: Path) -> None:
    """The hostile environment is hostile: without the pins, a plain commit fails."""
    env = hostile_env(tmp_path / "home")
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], env=env, check=True)
    assert (repo / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/trunk\n"
    (repo / "a.txt").write_text("a\n", encoding="utf-8")
    subprocess.run(["git", "add", "a.txt"], cwd=repo, env=env, check=True)
    committed = subprocess.run(
        ["git", "commit", "-qm", "x"], cwd=repo, env=env, capture_output=True, encoding="utf-8"
    )
    assert committed.returncode != 0


def test_a_representative_part_passes_under_a_hostile_environment(tmp_path: Path) -> None:
    env = hostile_env(tmp_path / "home")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider",
         f"--basetemp={tmp_path / 'basetemp'}", *REPRESENTATIVE],
        cwd=REPO, env=env, capture_output=True, encoding="utf-8", timeout=600,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert f"{len(REPRESENTATIVE)} passed" in completed.stdout
    summary = tmp_path / "home" / "step-summary.md"
    assert not summary.exists(), "a test wrote to the CI job summary"
