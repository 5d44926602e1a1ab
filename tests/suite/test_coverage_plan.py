"""The coverage plan (tests/coverage_plan.py): the tests it names exist, and it leaves out of
the tracer only runs whose every arc stays covered."""

from __future__ import annotations

import ast
import multiprocessing as mp
import sys
from multiprocessing.connection import Connection
from pathlib import Path

import coverage
import pytest

import coverage_plan
from helpers.registry import REPO


def _test_functions(path: Path) -> set[str]:
    """The test functions of a test module, as `Class::name` or `name`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            found.add(node.name)
        if isinstance(node, ast.ClassDef):
            found |= {
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test")
            }
    return found


def _fixtures(path: Path) -> set[str]:
    """The fixtures a module defines (functions decorated with pytest.fixture)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
    }


def _exists(name: str) -> bool:
    """Whether the plan's NAME is a test function, or a fixture where the name says."""
    if name.startswith(coverage_plan.FIXTURE):
        where, _, fixture = name.removeprefix(coverage_plan.FIXTURE).rpartition("::")
        module = REPO / where
        module = module if where.endswith(".py") else module / "conftest.py"
        return module.is_file() and fixture in _fixtures(module)
    path, _, function = name.partition("::")
    module = REPO / path
    return module.is_file() and function in _test_functions(module)


def test_every_test_and_fixture_of_the_plan_exists() -> None:
    names = coverage_plan.planned(coverage_plan.PLAN.read_text(encoding="utf-8"))
    missing = [name for name in sorted(names) if not _exists(name)]
    assert names
    assert missing == [], "run `make coverage-plan` to write the plan again"


@pytest.mark.parametrize(
    ("name", "exists"),
    [
        ("tests/suite/test_coverage_plan.py::test_every_test_and_fixture_of_the_plan_exists", True),
        ("tests/suite/test_coverage_plan.py::test_no_such_test", False),
        (coverage_plan.fixture_key("tests", "registry"), True),
        (coverage_plan.fixture_key("tests", "no_such_fixture"), False),
        (coverage_plan.fixture_key("tests/site/browser", "site"), True),
        (
            coverage_plan.fixture_key(
                "tests/bundle/test_all_prefectures.py", "built_in_one_process"
            ),
            True,
        ),
        (coverage_plan.fixture_key("tests/bundle/test_all_prefectures.py", "registry"), False),
    ],
)
def test_the_existence_check_tells_tests_and_fixtures_apart(name: str, exists: bool) -> None:
    assert _exists(name) is exists


def test_a_run_is_left_untraced_only_when_others_cover_each_of_its_arcs() -> None:
    by_test = {
        "t.py::slow_but_needed": {(1, 1, 2), (1, 2, 3)},
        "t.py::slower_covered_by_others": {(1, 2, 3), (1, 4, 5)},
        "t.py::covered_by_a_fixture": {(1, 4, 5)},
        "t.py::fastest": {(1, 2, 3)},
    }
    durations = {
        "t.py::slow_but_needed": 5.0,
        "t.py::slower_covered_by_others": 9.0,
        "t.py::covered_by_a_fixture": 7.0,
        "t.py::fastest": 1.0,
    }
    untraced = coverage_plan.plan(by_test, {(1, 4, 5)}, durations, keep=1)
    # The slowest first; (1, 2, 3) then rests on slow_but_needed alone, which keeps (1, 1, 2).
    assert untraced == [
        "t.py::slower_covered_by_others",
        "t.py::covered_by_a_fixture",
        "t.py::fastest",
    ]
    traced = set(by_test) - set(untraced)
    assert set().union(*(by_test[t] for t in traced)) | {(1, 4, 5)} == set().union(
        *by_test.values()
    )


def test_a_test_with_an_arc_nobody_else_runs_stays_traced() -> None:
    by_test = {"a::one": {(1, 1, 2)}, "a::two": {(1, 1, 2), (2, 7, 8)}}
    assert coverage_plan.plan(by_test, set(), {"a::one": 1.0, "a::two": 3.0}, keep=1) == ["a::one"]


def test_by_default_each_arc_of_an_untraced_test_stays_in_two_traced_runs() -> None:
    by_test = {"a::one": {(1, 1, 2)}, "a::two": {(1, 1, 2)}, "a::three": {(1, 1, 2), (1, 5, 6)}}
    durations = {"a::one": 3.0, "a::two": 2.0, "a::three": 1.0}
    # one goes; two and three then hold (1, 1, 2) twice, and three alone runs (1, 5, 6).
    assert coverage_plan.plan(by_test, set(), durations) == ["a::one"]
    assert coverage_plan.plan(by_test, {(1, 5, 6)}, durations) == ["a::one"]
    assert coverage_plan.plan(by_test, {(1, 1, 2), (1, 5, 6)}, durations) == list(durations)


def test_arcs_are_read_per_run_phase_from_a_real_coverage_file(tmp_path: Path) -> None:
    data = coverage.CoverageData(basename=str(tmp_path / ".coverage"))
    module = str(tmp_path / "module.py")
    for context, arcs in [
        ("tests/a.py::test_x[1]|run", [(1, 2), (2, 3)]),
        ("tests/a.py::test_x[2]|run", [(2, 4)]),
        ("tests/a.py::test_x[1]|setup", [(-1, 1)]),
        (coverage_plan.fixture_key("tests/a.py", "built") + coverage_plan.FIXTURE_PHASE, [(7, 8)]),
        ("", [(5, 6)]),
    ]:
        data.set_context(context)
        data.add_arcs({module: arcs})
    data.write()
    by_test, outside = coverage_plan.run_arcs(tmp_path / ".coverage")
    built = coverage_plan.fixture_key("tests/a.py", "built")
    assert sorted(by_test) == [built, "tests/a.py::test_x"]
    assert {(a, b) for _, a, b in by_test[built]} == {(7, 8)}
    assert {(a, b) for _, a, b in by_test["tests/a.py::test_x"]} == {(1, 2), (2, 3), (2, 4)}
    assert {(a, b) for _, a, b in outside} == {(-1, 1), (5, 6)}


@pytest.mark.parametrize(
    ("line", "function", "seconds"),
    [
        ("3.25s call     tests/a.py::test_x[param with spaces]", "tests/a.py::test_x", 3.25),
        ("0.50s call     tests/b.py::Class::test_y", "tests/b.py::Class::test_y", 0.5),
    ],
)
def test_durations_are_the_run_phases_by_function(line: str, function: str, seconds: float) -> None:
    lines = [line, "9.00s setup    " + function, "(12 durations < 0.005s hidden.)"]
    assert coverage_plan.call_durations(lines) == {function: seconds}


def _tracer_in_child(connection: Connection) -> None:
    connection.send(sys.gettrace() is not None)
    connection.close()


def test_a_process_forked_under_the_tracer_runs_without_it() -> None:
    """conftest stops the coverage tracer in forked children (their data is never saved)."""
    if sys.gettrace() is None:
        pytest.skip("runs only under the coverage tracer (make test)")
    ours, theirs = mp.get_context("fork").Pipe()
    child = mp.get_context("fork").Process(target=_tracer_in_child, args=(theirs,))
    child.start()
    traced = ours.recv()
    child.join()
    assert sys.gettrace() is not None  # the parent still measures
    assert traced is False
