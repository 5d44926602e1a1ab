"""Shared fixtures: the pinned environment for the whole session, the tests' own registry per
test, and the hypothesis profiles.

The helpers themselves live in tests/helpers/ (test modules never import each other). The
environment (locale, time zone, Git configuration, HOME) is pinned for the whole session, so the
suite gives the same result whatever the machine's settings (`tests/suite/test_environment.py`).
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import pkgutil
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import coverage
import pytest
from hypothesis import HealthCheck, settings

import coverage_plan
import renkei
from helpers.environment import pinned_environment
from helpers.registry import Registry, copy_registry, share_templates
from helpers.shared_build import run_folder

#: A memory file system for the temporary registries when the machine has one with room: each
#: test copies a registry of some 440 files, and creating files there costs a tenth of a disk's.
MEMORY_TEMP = Path("/dev/shm")
MEMORY_TEMP_NEEDED = 1 << 30


def _temp_on_memory() -> None:
    """Temporary files of the run (pytest's tmp_path, templates, the CLI's subprocesses) go to
    MEMORY_TEMP, unless TMPDIR already says where, or it is missing, read-only or too small."""
    if os.environ.get("TMPDIR") or not MEMORY_TEMP.is_dir() or not os.access(MEMORY_TEMP, os.W_OK):
        return
    if shutil.disk_usage(MEMORY_TEMP).free < MEMORY_TEMP_NEEDED:
        return
    os.environ["TMPDIR"] = str(MEMORY_TEMP)
    tempfile.tempdir = None  # gettempdir() reads TMPDIR again


_temp_on_memory()

# The test process holds far more objects than renkei does (pytest, hypothesis, every test
# module): collect garbage less often, and never look again at what collection imported.
gc.set_threshold(100_000, 50, 1000)


def _stop_the_tracer_in_forked_children() -> None:
    """A process forked by renkei (a worker pool, a step of the site's build) inherits the
    coverage tracer, but what it measures is never saved: it leaves by `os._exit`, and no data
    file is written for it. Traced for nothing, its code ran about twice as slow. Every
    measurement is stopped: an xdist worker runs two, and stopping one resumes the other."""
    stopped: list[coverage.Coverage] = []
    while (measuring := coverage.Coverage.current()) is not None and measuring not in stopped:
        measuring.stop()
        stopped.append(measuring)


os.register_at_fork(after_in_child=_stop_the_tracer_in_forked_children)


def _untraced() -> set[str]:
    """What the coverage plan (tests/coverage_plan.txt) runs without the tracer: test functions
    and fixtures' set-ups; nothing with RENKEI_COVERAGE_PLAN=off (every test traced)."""
    if os.environ.get(coverage_plan.SWITCH) == "off" or not coverage_plan.PLAN.is_file():
        return set()
    return coverage_plan.planned(coverage_plan.PLAN.read_text(encoding="utf-8"))


UNTRACED = _untraced()
#: Measuring the plan (`make coverage-plan`): each fixture's set-up in a coverage context of its
#: own, and its time, written to this folder when the run ends.
FIXTURE_TIMES = os.environ.get(coverage_plan.FIXTURE_TIMES)
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_fixture_seconds: dict[str, float] = defaultdict(float)
_fixture_contexts: list[str] = []
#: The coverage context of the test phase running now (pytest-cov's name for it): where a
#: fixture's own context returns to, in set-up or when a test asks for a fixture as it runs.
_phase_context = [""]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The tests of the coverage plan run without the coverage tracer: their runs cover
    nothing the rest of the suite misses."""
    for item in items:
        if coverage_plan.function_of(item.nodeid) in UNTRACED:
            item.add_marker(pytest.mark.no_cover)


def _measuring(config: pytest.Config) -> Any:
    """pytest-cov's controller of this process while it measures, else None."""
    plugin = config.pluginmanager.getplugin("_cov")
    controller = getattr(plugin, "cov_controller", None)
    return controller if controller is not None and controller.started else None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _phase_context[0] = f"{item.nodeid}|setup"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _phase_context[0] = f"{item.nodeid}|run"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _phase_context[0] = f"{item.nodeid}|teardown"


class FixtureCoverage:
    """The set-up of every fixture, session-scoped ones of any conftest included (a plugin's
    hooks see them all; a conftest's own only those of the nodes under it)."""

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(
        self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
    ) -> Generator[None, None, None]:
        """A fixture of the coverage plan sets up untraced, and a measuring run gives each fixture's
        own set-up a coverage context: in both, the fixtures it asks for are set up first (traced
        or not as the plan says for each), then only its own code runs in the context."""
        key = coverage_plan.fixture_key(fixturedef.baseid, fixturedef.argname)
        controller = _measuring(request.config)
        if (
            controller is None
            or not fixturedef.baseid
            or (key not in UNTRACED and not FIXTURE_TIMES)
        ):
            yield
            return
        for name in fixturedef.argnames:
            if name != "request":
                request.getfixturevalue(name)
        if not FIXTURE_TIMES:
            controller.pause()
            yield
            controller.resume()
            return
        back = _fixture_contexts[-1] if _fixture_contexts else _phase_context[0]
        _fixture_contexts.append(key + coverage_plan.FIXTURE_PHASE)
        controller.cov.switch_context(_fixture_contexts[-1])
        started = time.perf_counter()
        yield
        _fixture_seconds[key] += time.perf_counter() - started
        _fixture_contexts.pop()
        controller.cov.switch_context(back)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(FixtureCoverage(), "renkei-fixture-coverage")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run's templates removed by the process that started the run (the workers have
    ended); a measuring run writes this process's fixture set-up times (tests/coverage_plan.py)."""
    if WORKER == "main" and hasattr(session.config, "_tmp_path_factory"):
        templates = run_folder(session.config._tmp_path_factory) / TEMPLATES
        shutil.rmtree(templates, ignore_errors=True)
    if FIXTURE_TIMES and _fixture_seconds:
        path = Path(FIXTURE_TIMES) / f"{WORKER}.json"
        path.write_text(json.dumps(_fixture_seconds, sort_keys=True), encoding="utf-8")


def _import_the_package() -> None:
    """Import every module of renkei (but `__main__`) while coverage runs outside any test: the
    lines run on import are then measured whichever test would have imported them first."""
    for module in pkgutil.walk_packages(renkei.__path__, "renkei."):
        if not module.name.endswith(".__main__"):
            importlib.import_module(module.name)


def pytest_collection_finish(session: pytest.Session) -> None:
    """After collection: every module of the package imported (`_import_the_package`), then
    every object so far moved out of the garbage collector's sight."""
    _import_the_package()
    gc.collect()
    gc.freeze()


# Example counts: "ci" (make test) finds the common failures quickly; `make fuzz` runs "fuzz".
_QUIET = [HealthCheck.too_slow]
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "fuzz-short", max_examples=300, deadline=None, suppress_health_check=_QUIET
)
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


#: Where the run's registry templates are built (helpers.registry.from_template), under the
#: folder every xdist worker shares; the run's first process removes it when the run ends.
TEMPLATES = "templates"


@pytest.fixture(scope="session", autouse=True)
def pinned_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test runs in the same locale, time zone and Git configuration, and from the run's
    shared registry templates."""
    share_templates(run_folder(tmp_path_factory) / TEMPLATES)
    saved = dict(os.environ)
    env = pinned_environment(tmp_path_factory.mktemp("home"))
    os.environ.clear()
    os.environ.update(env)
    time.tzset()
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        time.tzset()


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    """A blank registry of the tests' own (helpers.registry.copy_registry)."""
    return copy_registry(tmp_path / "repo")


@pytest.fixture
def collector_unfrozen() -> Iterator[None]:
    """Nothing frozen out of the garbage collector's sight during the test, as in a fresh
    `renkei` process: the session's freeze (`pytest_collection_finish`) is undone, then done
    again after the test."""
    gc.unfreeze()
    try:
        yield
    finally:
        gc.freeze()
