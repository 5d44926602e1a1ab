"""Shared fixtures: a real copy of the registry in a temporary directory, and the real CLI."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from renkei.cli import main

REPO = Path(__file__).resolve().parents[1]

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

    def run(self, *args: str, env: dict[str, str] | None = None) -> Any:
        runner = CliRunner()
        return runner.invoke(main, list(args), env=env or {}, catch_exceptions=False)

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


def copy_registry(target: Path) -> Registry:
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copytree(REPO / "registry", target / "registry")
    registry = Registry(target)
    registry.write(registry.pref("platforms.yaml"), SYNTHETIC_PLATFORMS)
    return registry


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
