"""What a bundle request asks for, what it gives back, and the error when it cannot be built."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from renkei.findings.errors import BilingualError
from renkei.findings.model import Finding
from renkei.revisions.git import Revision

#: The encodings a bundle's CSV tables can be written in (--csv-encoding).
CSV_ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8", "cp932": "cp932"}


class BundleError(BilingualError):
    """A bundle that cannot be built. With `problems` (the findings behind it: data errors) the
    command exits 1; without, the request itself was wrong (exit 2)."""

    def __init__(
        self, message_en: str, message_ja: str, problems: list[Finding] | None = None
    ) -> None:
        super().__init__(message_en, message_ja)
        self.problems = list(problems or [])

    @property
    def findings(self) -> int:
        """How many findings are behind the error."""
        return len(self.problems)


@dataclass
class BundleOptions:
    """The revision (or fiscal year) to bundle, where to write, and how: --draft, --tag, the
    CSV encoding, the date of the checks and the revision CHANGES.md compares with."""

    revision: str | None = None
    fiscal_year: str | None = None
    out_dir: Path = Path("dist")
    draft: bool = False
    tag: bool = False
    csv_encoding: str = "utf-8-sig"
    #: The date that sets the fiscal year of the checks (A005); default: the source's commit
    #: date (JST), so a bundle does not depend on the day it is built.
    as_of: dt.date | None = None
    #: With `previous_given`, the revision CHANGES.md compares with (None: none); verify-bundle
    #: passes the one a manifest names. Otherwise the last submission before the source.
    previous: Revision | None = None
    previous_given: bool = False


@dataclass
class BundleResult:
    """A bundle written: its path and SHA-256, the revisions it was built from and compared
    with, whether it is a draft, the findings it carries and the files it holds."""

    path: Path
    sha256: str
    source: Revision
    previous: Revision | None
    draft: bool
    errors: int
    warnings: int
    files: list[str] = field(default_factory=list)
