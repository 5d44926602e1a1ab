"""Fuzzing with hypothesis: arbitrary edits to registry files never crash validate, diff or the
importers, and every output format stays well-formed. `make test` runs a bounded number of
examples (profile "ci"); `make fuzz` runs many more (HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.registry import Registry, copy_registry
from helpers.report_lines import check_reports
from renkei.checks.validate import ValidateOptions, validate
from renkei.cli import main
from renkei.revisions.compare import DiffRequest, diff_request
from renkei.revisions.diff_render import RENDERERS as DIFF_RENDERERS

FIXTURE = [HealthCheck.function_scoped_fixture]

FILES = [
    "prefecture.yaml",
    "platforms.yaml",
    "vision.yaml",
    "municipalities.csv",
    "municipal-platforms.csv",
    "kpis.csv",
    "datapackage.yaml",
]


def small_registry(target: Path) -> Registry:
    """Schemas, reference data and one prefecture: enough for every check, quick to copy."""
    blank = copy_registry(target.parent / "blank")
    shutil.copytree(blank.path("schemas"), target / "schemas")
    shutil.copytree(blank.path("registry/reference"), target / "registry" / "reference")
    shutil.copytree(
        blank.path("registry/prefectures/13-tokyo"),
        target / "registry" / "prefectures" / "13-tokyo",
    )
    shutil.rmtree(blank.root)
    return Registry(target)


edits = st.tuples(
    st.sampled_from(FILES),
    st.integers(min_value=0, max_value=4000),
    st.integers(min_value=0, max_value=40),
    st.one_of(
        st.binary(max_size=40),
        st.text(max_size=40).map(lambda t: t.encode("utf-8")),
        st.sampled_from(
            [b": ", b"- ", b"&a ", b"*a", b"!!python/object ", b"\t", b'"', b",", b"\n",
             b"yes", b"\xef\xbb\xbf", b"\x00", b"unknown", b"[[[[", b"}}", b"13101", b"=1+1"]
        ).map(bytes),
    ),
)  # fmt: skip


def apply(data: bytes, position: int, length: int, insert: bytes) -> bytes:
    position = min(position, len(data))
    return data[:position] + insert + data[position + length :]


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    registry = small_registry(tmp_path_factory.mktemp("fuzz") / "repo")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "base"]):
        subprocess.run(command, cwd=registry.root, env=env, check=True, capture_output=True)
    return registry


@settings(suppress_health_check=FIXTURE)
@given(st.lists(edits, min_size=1, max_size=3))
def test_validate_and_diff_never_crash(fuzz_root: Registry, changes: list) -> None:
    folder = fuzz_root.path("registry/prefectures/13-tokyo")
    originals = {name: (folder / name).read_bytes() for name in FILES}
    try:
        for name, position, length, insert in changes:
            path = folder / name
            path.write_bytes(apply(path.read_bytes(), position, length, insert))
        report = validate(fuzz_root.root, ValidateOptions(use_cache=False, jobs=1))
        check_reports(report)
        diff = diff_request(fuzz_root.root, DiffRequest(None, ("HEAD",)))
        assert json.loads(DIFF_RENDERERS["json"].render(diff, "en"))["format_version"] == 1
        HTMLParser().feed(DIFF_RENDERERS["html"].render(diff, "ja"))
        assert DIFF_RENDERERS["markdown"].render(diff, "ja").startswith("## ")
        assert DIFF_RENDERERS["text"].render(diff, "en").startswith("renkei diff: ")
    finally:
        for name, data in originals.items():
            (folder / name).write_bytes(data)


@settings(suppress_health_check=FIXTURE)
@given(st.binary(max_size=2000), st.sampled_from(["import-csv", "import-xlsx"]))
def test_importers_never_crash_or_write(fuzz_root: Registry, data: bytes, command: str) -> None:
    folder = fuzz_root.path("registry/prefectures/13-tokyo")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    source = fuzz_root.root.parent / ("input.csv" if command == "import-csv" else "input.xlsx")
    source.write_bytes(data)
    result = CliRunner().invoke(
        main, [command, "13", str(source), "--root", str(fuzz_root.root), "--write"]
    )
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    else:
        for name, content in before.items():  # a valid import may write; restore for the next
            (folder / name).write_bytes(content)
