"""A site built by the real CLI from a synthetic registry with Git history, and what tests read
of its pages (the visible text, the links, the snake_case words a reader must not see)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from helpers.registry import Registry
from helpers.reviewer_change import changed_registry
from helpers.shared_build import made_once

REPO_URL = "https://github.com/example-org/example-registry"
URL = re.compile(r"https?\\?://[^\s<>)\]|`]+")
HYPHENATED = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


class Page(HTMLParser):
    """A page as a browser parses it: its visible text (no <script>, <style>), its links and
    the `lang` of its <html>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.lang: str | None = None
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.tags.append((tag, named))
        self._skip += tag in ("style", "script")
        if tag == "html":
            self.lang = named.get("lang")
        if tag == "a" and named.get("href"):
            self.links.append((named["href"] or "", named))

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        """The visible text."""
        return "".join(self.parts)


def read_page(path: Path) -> Page:
    """A page of the site, parsed."""
    return Page(path.read_text(encoding="utf-8"))


def raw_words(text: str) -> list[str]:
    """The snake_case words of TEXT once URLs and hyphenated ids are taken out."""
    return SNAKE.findall(HYPHENATED.sub(" ", URL.sub(" ", text)))


def build(registry: Registry, out: Path, *extra: str) -> Any:
    """`renkei site -o OUT` on REGISTRY (English messages, a fixed date, edit links to
    REPO_URL, in this one process with `--jobs 1` so that its lines are measured, unless EXTRA
    says otherwise); the CLI's result."""
    args = ["site", "--root", str(registry.root), "-o", str(out), "--lang", "en",
            "--as-of", "2026-01-15"]  # fmt: skip
    if not any(a.startswith("--repo-url") for a in extra):
        args += ["--repo-url", REPO_URL]
    if "--jobs" not in extra:
        args += ["--jobs", "1"]
    return registry.run(*args, *extra)


def reviewer_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the reviewer-change registry (`helpers.reviewer_change`: a committed base,
    then a new platform, a changed one and a new vision revision), built by `build` once for the
    whole run and shared by every worker; tests only read it."""

    def make(folder: Path) -> Path:
        repo = changed_registry(folder / "repo")
        result = build(repo, folder / "out")
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        return folder / "out"

    return made_once(tmp_path_factory, "reviewer-site", make)
