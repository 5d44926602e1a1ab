"""Where the site's pages live and where they link to: each page's path, the relative way
back to the root, and the file to edit on GitHub (when the repository's address is known)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from renkei.site.model import LANGUAGE_PREFIX

#: What a GitHub remote looks like (https, ssh, git@), for the default of --repo-url.
_GITHUB = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9_.-]+)/(?P<name>[A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)
#: Ids and folder names that may become a path of the site (the schemas' id pattern).
SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CONTRIBUTING = "CONTRIBUTING.md"


def github_url(remote: str) -> str | None:
    """The web address of a GitHub remote (https://github.com/OWNER/NAME), else None."""
    match = _GITHUB.match(remote.strip())
    if not match:
        return None
    return f"https://github.com/{match['owner']}/{match['name']}"


def origin_url(root: Path) -> str | None:
    """The web address of ROOT's `origin` remote when it is on GitHub, else None."""
    try:
        completed = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return github_url(completed.stdout) if completed.returncode == 0 else None


@dataclass(frozen=True)
class Page:
    """One page of the site: its path below the language's folder, and its language."""

    path: str  # e.g. "prefectures/13-tokyo/index.html"
    lang: str

    @property
    def file(self) -> str:
        """The page's path in the output folder."""
        return LANGUAGE_PREFIX[self.lang] + self.path

    @property
    def root(self) -> str:
        """The relative way from the page to the site's root ("" at the root)."""
        return "../" * self.file.count("/")

    @property
    def home(self) -> str:
        """The relative way to the page's language's home page."""
        return self.root + LANGUAGE_PREFIX[self.lang]

    def to(self, path: str) -> str:
        """A relative link to PATH (below the same language's folder), folders as "x/"."""
        return self.home + path.removesuffix("index.html")

    def other(self) -> str:
        """The relative link to the same page in the other language."""
        other = "en" if self.lang == "ja" else "ja"
        return self.root + LANGUAGE_PREFIX[other] + self.path.removesuffix("index.html")


@dataclass(frozen=True)
class Repository:
    """The repository the edit links point at (None: no edit links)."""

    url: str | None
    branch: str = "main"

    def edit(self, path: str) -> str | None:
        """The GitHub page that edits PATH (a file of the repository), or None."""
        if not self.url:
            return None
        return f"{self.url}/edit/{self.branch}/{path}"

    def blob(self, path: str) -> str | None:
        """The GitHub page that shows PATH, or None."""
        if not self.url:
            return None
        return f"{self.url}/blob/{self.branch}/{path}"

    def commit(self, sha: str) -> str | None:
        """The GitHub page of a commit, or None."""
        return f"{self.url}/commit/{sha}" if self.url else None
