"""Is every source a prefecture's YAML file cites listed in registry/SOURCES.md?

registry/SOURCES.md says how the registry's facts were gathered and lists every page they rest
on, so a reader can check a fact without opening the YAML files. A source URL (`sources[].url`,
a vision revision's `publication_url`) that the list lacks is reported at its line and column as
a warning: the data is still valid, only its listing is incomplete. URLs are compared after
percent-decoding, so `%E7%9C%8C` and `県` are one address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import yaml

from renkei.registry.loaders.libyaml import FAST_LOADER

#: The file that lists the registry's sources, relative to the repository root.
SOURCES_LIST = Path("registry") / "SOURCES.md"
#: The keys whose value is a page the facts rest on.
CITED_KEYS = frozenset({"url", "publication_url"})
_URL = re.compile(r"https?://[^\s<>()\[\]`\"']+")


@dataclass(frozen=True, slots=True)
class CitedUrl:
    """One URL a YAML file cites, with its 1-based line and column."""

    url: str
    line: int
    column: int


def listing_for(path: Path) -> Path | None:
    """registry/SOURCES.md of the repository that holds `path` (a file under
    registry/prefectures/), or None when the path is elsewhere or there is no list."""
    parts = path.resolve().parts
    for index in range(len(parts) - 2, 0, -1):
        if parts[index] == "registry" and parts[index + 1] == "prefectures":
            listing = Path(*parts[:index]) / SOURCES_LIST
            return listing if listing.is_file() else None
    return None


def listed_urls(listing_text: str) -> frozenset[str]:
    """Every URL in the list's text, percent-decoded, without a trailing full stop or comma."""
    return frozenset(unquote(match.rstrip(".,;:")) for match in _URL.findall(listing_text))


def cited_urls(text: str) -> list[CitedUrl]:
    """The URLs under a `url` or `publication_url` key anywhere in a YAML document; [] when the
    text does not parse (the parse error is validate's to report). A text without either key
    is not parsed (most of a registry's YAML files cite nothing)."""
    if "url" not in text:
        return []
    try:
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return []
    return list(_walk(root)) if root is not None else []


def _walk(node: yaml.Node) -> Iterator[CitedUrl]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value in CITED_KEYS
                and isinstance(value, yaml.ScalarNode)
                and value.value.startswith(("http://", "https://"))
            ):
                mark = value.start_mark
                yield CitedUrl(value.value, mark.line + 1, mark.column + 1)
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def unlisted(text: str, listed: frozenset[str]) -> list[CitedUrl]:
    """The URLs the YAML text cites that the list does not hold."""
    return [cited for cited in cited_urls(text) if unquote(cited.url) not in listed]
