"""registry/SOURCES.md lists every source the registry cites: each `url` of a source and each
`publication_url` in the prefectures' YAML files appears in it, so a reader of SOURCES.md sees
every page the registry's facts rest on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from helpers.registry import REPO

URL_KEYS = ("url", "publication_url")


def cited_urls(value: Any) -> Iterator[str]:
    """Every source URL and publication URL under a parsed YAML document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in URL_KEYS and isinstance(item, str) and item != "unknown":
                yield item
            else:
                yield from cited_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from cited_urls(item)


def unlisted(root: Path) -> list[str]:
    """`folder/file: url` for each cited URL that registry/SOURCES.md does not mention."""
    listing = (root / "registry" / "SOURCES.md").read_text(encoding="utf-8")
    missing = []
    for path in sorted((root / "registry" / "prefectures").glob("*/*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for url in cited_urls(document):
            if url not in listing:
                missing.append(f"{path.parent.name}/{path.name}: {url}")
    return missing


def test_every_cited_source_is_listed_in_sources_md() -> None:
    assert unlisted(REPO) == []


def test_an_unlisted_source_is_found(tmp_path: Path) -> None:
    folder = tmp_path / "registry" / "prefectures" / "13-tokyo"
    folder.mkdir(parents=True)
    (tmp_path / "registry" / "SOURCES.md").write_text(
        "# SYNTHETIC\n- https://example.org/listed\n", encoding="utf-8"
    )
    (folder / "platforms.yaml").write_text(
        "# SYNTHETIC TEST DATA\nplatforms:\n  - sources:\n"
        "      - url: https://example.org/listed\n      - url: https://example.org/missing\n",
        encoding="utf-8",
    )
    (folder / "vision.yaml").write_text(
        "revisions:\n  - publication_url: https://example.org/vision\n  - publication_url: unknown\n",
        encoding="utf-8",
    )
    assert unlisted(tmp_path) == [
        "13-tokyo/platforms.yaml: https://example.org/missing",
        "13-tokyo/vision.yaml: https://example.org/vision",
    ]
