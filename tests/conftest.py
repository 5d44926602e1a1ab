"""Shared fixtures: a registry of the tests' own in a temporary directory, the real CLI, and
an environment pinned for every test.

Tests never read the shipped registry's entries: `copy_registry` copies only the code side
(`schemas/`, `registry/reference/`), lets the library scaffold every prefecture folder blank from
the reference code list, and writes one SYNTHETIC platform into 13-tokyo. Editing, adding or
removing real entries under registry/prefectures/ therefore never changes a test's outcome.

The environment (locale, time zone, Git configuration, HOME) is pinned for the whole session, so
the suite gives the same result whatever the machine's settings (`tests/test_environment.py`).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from renkei.cli import main
from renkei.registry.scaffold import scaffold_registry

REPO = Path(__file__).resolve().parents[1]
TOKYO_PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"

#: Set for every test (and so for every subprocess a test starts).
PINNED_ENV = {
    "LC_ALL": "C.UTF-8",
    "LC_MESSAGES": "C.UTF-8",
    "LANG": "C.UTF-8",
    "TZ": "UTC",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    # Configuration from the environment (Git 2.31+): the default branch of `git init`.
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "init.defaultBranch",
    "GIT_CONFIG_VALUE_0": "main",
}
#: Removed for every test: gettext's language list, identities from elsewhere, and the variables
#: a CI runner or a Git hook sets (a test run inside `git commit` must not see GIT_DIR or
#: GIT_INDEX_FILE; `renkei annotate` writes to GITHUB_STEP_SUMMARY when it is set).
UNSET_ENV = ("LANGUAGE", "EMAIL", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_BASE_REF",
             "RENKEI_VENV", "PRE_COMMIT_HOME", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")  # fmt: skip


def pinned_environment(home: Path) -> dict[str, str]:
    """os.environ as the tests see it: PINNED_ENV, an empty HOME and an empty global Git
    configuration in `home`, every other GIT_* variable removed."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "gitconfig-empty"
    config.write_text("", encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("GIT_") and name not in UNSET_ENV
    }
    env.update(PINNED_ENV)
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "GIT_CONFIG_GLOBAL": str(config),
        }
    )
    return env


@pytest.fixture(scope="session", autouse=True)
def pinned_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test runs in the same locale, time zone and Git configuration."""
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


# Synthetic test data (not about any real platform): one platform in Tokyo with every field set.
SYNTHETIC_PLATFORMS = """\
# SYNTHETIC TEST DATA
schema_version: 1
platforms:
  - id: test-platform
    name: テスト基盤
    lead_body: "130001"
    operator: テスト部
    kind: cross_field
    fields: [disaster_prevention, mobility]
    status: operating
    timeline:
      operating: "2024-04"
    service_provision: municipality_only
    platform_provision: municipality_only
    user_scope: prefecture_wide
    cross_prefecture: false
    counts:
      personal_auth_services: 1
      non_personal_platforms: 1
      personal_platforms: 0
    broker_data_management: external
    authentication: unknown
    linkage:
      authentication: false
      data: true
    terms_of_use: unknown
    modules:
      - role: non_personal_broker
        technology: fiware-orion
        product: FIWARE Orion
        version: unknown
        api: ngsi_v2
    participants:
      - lg_code: "131016"
        name: 千代田区
        since: "2024"
    personal_data: false
    scale: unknown
    costs: unknown
    cost_sharing: unknown
    funding: unknown
    vendor: unknown
    sources:
      - title: synthetic
        url: https://example.org/synthetic
        confirmed_on: "2026-01-01"
"""


@dataclass
class Registry:
    root: Path

    def path(self, relative: str) -> Path:
        return self.root / relative

    def pref(self, filename: str, folder: str = "13-tokyo") -> str:
        return f"registry/prefectures/{folder}/{filename}"

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str | bytes) -> None:
        target = self.path(relative)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, count))

    def run(self, *args: str, env: Mapping[str, str | None] | None = None) -> Any:
        """The real CLI in this process; `env` adds variables (None removes one)."""
        runner = CliRunner()
        return runner.invoke(main, list(args), env=dict(env or {}), catch_exceptions=False)

    def validate(self, *args: str, lang: str = "en") -> tuple[int, dict[str, Any]]:
        result = self.run(
            "validate",
            "--root",
            str(self.root),
            "--format",
            "json",
            "--lang",
            lang,
            "--no-cache",
            *args,
        )
        return result.exit_code, json.loads(result.output)

    def findings(self, *args: str) -> list[dict[str, Any]]:
        return self.validate(*args)[1]["findings"]


_template_dir: Path | None = None
_templates: dict[str, Path] = {}


def from_template(name: str, build: Callable[[Path], object], target: Path) -> Registry:
    """A copy at `target` of a tree that `build` prepares once per process (a blank registry,
    a committed Git repository of it, ...): copying is much quicker than rebuilding."""
    global _template_dir
    if name not in _templates:
        if _template_dir is None:
            _template_dir = Path(tempfile.mkdtemp(prefix="renkei-test-templates-"))
            atexit.register(shutil.rmtree, _template_dir, True)
        built = _template_dir / name
        build(built)
        _templates[name] = built
    shutil.copytree(_templates[name], target, symlinks=True, dirs_exist_ok=True)
    return Registry(target)


def build_blank_registry(target: Path) -> None:
    """The code side of the repository, every prefecture folder scaffolded blank from the
    reference code list, and the SYNTHETIC platform in 13-tokyo."""
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copytree(REPO / "registry" / "reference", target / "registry" / "reference")
    scaffold_registry(target, [])
    (target / TOKYO_PLATFORMS).write_text(SYNTHETIC_PLATFORMS, encoding="utf-8")


def copy_registry(target: Path) -> Registry:
    """A registry of the tests' own at `target` (see the module docstring)."""
    return from_template("blank", build_blank_registry, target)


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return copy_registry(tmp_path / "repo")


class HtmlOutline(HTMLParser):
    """The start tags and the text of an HTML page, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.texts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)
