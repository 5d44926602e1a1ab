"""A registry of the tests' own in a temporary directory, and the real CLI run on it.

Tests never read the shipped registry's entries: `copy_registry` copies only the code side
(`schemas/`, `registry/reference/`), lets the library scaffold every prefecture folder blank from
the reference code list, and writes one SYNTHETIC platform into 13-tokyo. Editing, adding or
removing real entries under registry/prefectures/ therefore never changes a test's outcome.

Every kind of tree (a blank registry, a committed Git repository of it, ...) is built once per
test process (`from_template`) and copied per test: copying is much quicker than building.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

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
        """`renkei validate --format json` without the cache: exit code and report."""
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
        """The findings of `validate`."""
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
