"""What a site build is asked for (`SiteOptions`), what it did (`SiteResult`) and why it cannot
(`SiteError`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from renkei.findings.errors import BilingualError

#: The languages of the site: Japanese at the root, English under en/.
LANGUAGES = ("ja", "en")
#: The prefix of each language's pages.
LANGUAGE_PREFIX = {"ja": "", "en": "en/"}


class SiteError(BilingualError):
    """A site that cannot be built where or as asked (the output folder, an option)."""


@dataclass
class SiteOptions:
    """Where the site goes, which repository its edit links point at, and what it holds."""

    out_dir: Path
    #: The repository's web address (https://github.com/OWNER/NAME), or None: no edit links.
    repo_url: str | None = None
    #: The branch the edit links open.
    branch: str = "main"
    #: Build each prefecture's bundle into downloads (the slowest part of a full build).
    bundles: bool = True
    #: Run Pagefind over the output for the search box.
    search: bool = True
    #: The date that sets the fiscal year of the checks (default: today).
    as_of: dt.date = field(default_factory=dt.date.today)
    #: Worker processes for the history's pages.
    jobs: int = 2
    #: Extra download steps, each given the downloads folder (e.g. registry.sqlite); see
    #: `renkei.site.downloads.EXTRA_DOWNLOADS`.
    extra_downloads: list[Callable[[Path, Path], list[Path]]] = field(default_factory=list)


@dataclass
class SiteResult:
    """A site written: the files written this time, those kept from the previous build (their
    inputs unchanged) and those removed (no longer part of the site)."""

    out_dir: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (ja, en)
