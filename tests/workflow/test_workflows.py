"""The workflow files: valid against GitHub's workflow schema, clean under zizmor, least
privilege, actions pinned by commit, full history where diffs need it. The same tools must
fail on a bad workflow, so these checks can fail."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.registry import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
BAD = """\
name: bad
on: pull_request_target
jobs:
  bad:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1).
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, encoding="utf-8", timeout=120)


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"pages.yml", "release.yml", "validate.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_schema(path: Path) -> None:
    result = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_clean_and_able_to_fail(tmp_path: Path) -> None:
    result = run(str(BIN / "zizmor"), "--offline", "--min-severity", "medium", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD, encoding="utf-8")
    result = run(str(BIN / "zizmor"), "--offline", "--min-severity", "medium", str(bad))
    assert result.returncode != 0
    assert "template-injection" in result.stdout + result.stderr
    schema = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(bad)
    )
    assert schema.returncode == 0  # the schema alone does not see the danger


def test_schema_check_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: pull_request\njobs:\n  a:\n    steps: []\n", encoding="utf-8")
    result = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)
    )
    assert result.returncode == 1


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned(path: Path) -> None:
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {}  # nothing by default; jobs ask for what they need
    for job in workflow["jobs"].values():
        assert "permissions" in job
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
                if step["uses"].startswith("actions/checkout@"):
                    assert step["with"]["fetch-depth"] == "0"
                    assert step["with"]["persist-credentials"] == "false"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_ci_runs_cold(path: Path) -> None:
    """No workflow reads a validation cache: RENKEI_NO_CACHE for every job, and --no-cache on
    every command that validates the working tree."""
    workflow = load(path)
    assert workflow["env"]["RENKEI_NO_CACHE"] == "1"
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for line in step.get("run", "").splitlines():
                if re.search(r"renkei (validate|annotate)\b", line):
                    assert "--no-cache" in line, line


def test_validate_workflow_steps() -> None:
    job = load(REPO / ".github" / "workflows" / "validate.yml")["jobs"]["validate"]
    assert job["permissions"] == {"contents": "read"}
    commands = "\n".join(step.get("run", "") for step in job["steps"])
    for expected in (
        "renkei annotate",
        'renkei diff "origin/${GITHUB_BASE_REF}...HEAD"',
        '>> "$GITHUB_STEP_SUMMARY"',
        "renkei codeowners --check",
        "renkei hygiene",
        "renkei scope",
        "make test",
    ):
        assert expected in commands


def test_data_only_pull_requests_skip_the_tests_and_pushes_never_do() -> None:
    workflow = load(REPO / ".github" / "workflows" / "validate.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    steps = workflow["jobs"]["validate"]["steps"]
    by_run = {step.get("run", "").strip(): step for step in steps}
    assert "make install" in by_run  # runtime only: a data pull request installs no test tools
    kind = next(step for step in steps if step.get("id") == "kind")
    assert "renkei change-kind" in kind["run"] and '>> "$GITHUB_OUTPUT"' in kind["run"]
    assert "|| kind=code" in kind["run"]  # a failed decision runs the tests
    # Only pull requests are classified: on a push the output is empty and the tests run.
    assert kind["if"] == "${{ github.event_name == 'pull_request' }}"
    tests = by_run["make test"]
    assert tests["if"] == "${{ !cancelled() && steps.kind.outputs.kind != 'data' }}"
    # The data checks come before the tests and do not depend on the decision.
    data_checks = [s for s in steps if "renkei" in s.get("run", "") and s is not kind]
    assert len(data_checks) == 5
    assert all("steps.kind" not in s.get("if", "") for s in data_checks)
    assert steps.index(tests) == len(steps) - 1


def test_release_workflow_builds_bundles() -> None:
    text = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    job = load(REPO / ".github" / "workflows" / "release.yml")["jobs"]["release"]
    assert job["permissions"] == {"contents": "write"}
    assert "renkei bundle --all --revision" in text
    assert "renkei verify-bundle" in text


def test_pages_workflow_previews_pull_requests_and_deploys_main() -> None:
    workflow = load(REPO / ".github" / "workflows" / "pages.yml")
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["concurrency"]["group"] == "pages-${{ github.ref }}"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # Only the deploy job may write to Pages; the build reads the code and nothing else.
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    on_main = "${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}"
    on_pull_request = "${{ github.event_name == 'pull_request' }}"
    assert deploy["needs"] == "build" and deploy["if"] == on_main
    assert deploy["environment"]["name"] == "github-pages"
    steps = {
        step.get("uses", step.get("run", "")).split("@")[0].strip(): step for step in build["steps"]
    }
    assert "make site" in steps
    preview = steps["actions/upload-artifact"]
    assert preview["if"] == on_pull_request and preview["with"]["path"] == "build/site"
    pages = steps["actions/upload-pages-artifact"]
    assert pages["if"] == on_main and pages["with"]["path"] == "build/site"
    summary = next(s for s in build["steps"] if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert summary["if"] == on_pull_request
    output = "steps." + preview["id"] + ".outputs.artifact-url"
    assert summary["env"]["ARTIFACT_URL"] == "${{ " + output + " }}"
    assert "${ARTIFACT_URL}" in summary["run"]  # through the environment, never inlined
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize(
    "path",
    sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")),
    ids=lambda p: p.name,
)
def test_issue_templates(path: Path) -> None:
    schema = (
        "vendor.github-issue-config" if path.name == "config.yml" else "vendor.github-issue-forms"
    )
    result = run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path))
    assert result.returncode == 0, result.stdout + result.stderr
