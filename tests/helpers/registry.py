"""A registry of the tests' own in a temporary directory, and the real CLI run on it.

Tests never read the shipped registry's entries: `copy_registry` copies only the code side
(`schemas/`, `registry/reference/`), lets the library scaffold every prefecture folder blank from
the reference code list, and writes one SYNTHETIC platform into 13-tokyo. Editing, adding or
removing real entries under registry/prefectures/ therefore never changes a test's outcome.

Every kind of tree (a blank registry, a committed Git repository of it, ...) is built once per
test run (`from_template`; the first xdist worker to ask builds it, the others wait for it) and
copied per test: copying is much quicker than building.

`Registry.validate` starts from the results cache of a validated blank registry (`warm_cache`):
the cache is keyed by the content of every input, so a folder the test left as the template
has it comes from the cache, any other folder is checked, and the report is the one a cold run
gives (tests/suite/test_warm_cache.py). Tests of the cold path or of the cache pass their own
options to `Registry.run`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from helpers.shared_build import made_once_in
from renkei.cli import main
from renkei.registry.scaffold import scaffold_registry

#: The repository under test (its code side: schemas, reference data, workflows, hooks).
REPO = Path(__file__).resolve().parents[2]
TOKYO_PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"

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
    components:
      personal_auth: true
      non_personal_broker: true
      personal_broker: false
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
    """A registry in a temporary directory: its files and the real CLI run on it."""

    root: Path

    def path(self, relative: str) -> Path:
        """The absolute path of a file given relative to the registry root."""
        return self.root / relative

    def pref(self, filename: str, folder: str = "13-tokyo") -> str:
        """A prefecture file's path relative to the root (13-tokyo by default)."""
        return f"registry/prefectures/{folder}/{filename}"

    def read(self, relative: str) -> str:
        """A file's text."""
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str | bytes) -> None:
        """Write a file (text as UTF-8, bytes as they are)."""
        target = self.path(relative)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def replace(self, relative: str, old: str, new: str, count: int = 1) -> None:
        """Replace text in a file; `old` must be there (a stale edit fails loudly)."""
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, count))

    def run(self, *args: str, env: Mapping[str, str | None] | None = None) -> Any:
        """The real CLI in this process; `env` adds variables (None removes one)."""
        runner = CliRunner()
        return runner.invoke(main, list(args), env=dict(env or {}), catch_exceptions=False)

    def validate(self, *args: str, lang: str = "en") -> tuple[int, dict[str, Any]]:
        """`renkei validate --format json`: exit code and report. It starts from the blank
        registry's cache (`warm_cache`) and leaves no cache behind; where the cache cannot be
        lent (the test made its own .renkei-cache), it runs with --no-cache."""
        with warm_cache(self.root) as lent:
            result = self.run(
                "validate",
                "--root",
                str(self.root),
                "--format",
                "json",
                "--lang",
                lang,
                *(() if lent else ("--no-cache",)),
                *args,
                env=CACHE_ON if lent else None,
            )
        return result.exit_code, json.loads(result.output)

    def findings(self, *args: str) -> list[dict[str, Any]]:
        """The findings of `validate`."""
        return self.validate(*args)[1]["findings"]


_template_dir: Path | None = None
_templates: dict[str, Path] = {}


def share_templates(folder: Path) -> None:
    """Build the templates in FOLDER, which every process of the test run shares (conftest
    names it at the start of the session); without it, each process builds its own."""
    global _template_dir
    _template_dir = folder


def from_template(name: str, build: Callable[[Path], object], target: Path | None) -> Registry:
    """A copy at `target` of a tree that `build` prepares once per test run (a blank registry,
    a committed Git repository of it, ...): copying is much quicker than rebuilding. With
    `target` None, the template itself (built if need be), never to be changed."""
    global _template_dir
    if name not in _templates:
        if _template_dir is None:
            _template_dir = Path(tempfile.mkdtemp(prefix="renkei-test-templates-"))
            atexit.register(shutil.rmtree, _template_dir, True)

        def make(folder: Path) -> Path:
            build(folder / name)
            return folder / name

        _templates[name] = made_once_in(_template_dir, name, make)
    if target is None:
        return Registry(_templates[name])
    shutil.copytree(_templates[name], target, symlinks=True, dirs_exist_ok=True)
    return Registry(target)


def build_blank_registry(target: Path) -> None:
    """The code side of the repository, every prefecture folder scaffolded blank from the
    reference code list, and the SYNTHETIC platform in 13-tokyo."""
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copytree(REPO / "registry" / "reference", target / "registry" / "reference")
    scaffold_registry(target, [])
    (target / TOKYO_PLATFORMS).write_text(SYNTHETIC_PLATFORMS, encoding="utf-8")


#: Where renkei keeps its results cache in a registry (renkei.registry.cache).
CACHE_DIR = ".renkei-cache"
CACHE_FILE = "validate.json"
#: The variables that turn the cache off (renkei.registry.cache_keys), removed for the runs that
#: build or use the lent cache, so that the suite behaves alike on a desk and under CI=true.
CACHE_ON: dict[str, str | None] = {"CI": None, "RENKEI_NO_CACHE": None}


def build_validated_registry(target: Path) -> None:
    """A blank registry validated once, so that its results cache holds every folder (with
    the cache on whatever the environment says: CACHE_ON)."""
    copy_registry(target)
    result = Registry(target).run(
        "validate", "--root", str(target), "--format", "json", env=CACHE_ON
    )
    assert result.exit_code == 0, result.output


@contextlib.contextmanager
def warm_cache(root: Path) -> Iterator[bool]:
    """Lend `root` the results cache of the validated blank registry for the time of the block
    (True), and remove it afterwards; False (nothing lent) when `root` has its own CACHE_DIR.

    The cache is bound to its file (inode and modification time), so it is lent as a hard link
    to the template's file; renkei replaces the file when it writes, never writes into it."""
    cache_dir = root / CACHE_DIR
    if cache_dir.exists() or cache_dir.is_symlink():
        yield False
        return
    lent = from_template("validated", build_validated_registry, None).path(
        f"{CACHE_DIR}/{CACHE_FILE}"
    )
    if not lent.is_file():
        yield False
        return
    cache_dir.mkdir()
    try:
        try:
            os.link(lent, cache_dir / CACHE_FILE)
        except OSError:  # another file system: no cache to lend
            yield False
        else:
            yield True
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


def copy_registry(target: Path) -> Registry:
    """A registry of the tests' own at `target` (see the module docstring)."""
    return from_template("blank", build_blank_registry, target)
