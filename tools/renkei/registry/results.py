"""Per-prefecture validation results: plain data that the cache stores and reloads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from renkei.findings.model import Finding


@dataclass(frozen=True, slots=True)
class IdUse:
    """A platform id defined or referenced at one place."""

    id: str
    file: str
    line: int
    column: int
    where: str


@dataclass
class PrefectureResult:
    """One folder's checked result: its findings, the platform ids it defines and names,
    and how many files were checked (what the cache stores)."""

    folder: str
    findings: list[Finding] = field(default_factory=list)
    defined: list[IdUse] = field(default_factory=list)
    referenced: list[IdUse] = field(default_factory=list)
    files: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The result as plain data (the cache's JSON)."""
        return {
            "folder": self.folder,
            "findings": [f.to_dict() for f in self.findings],
            "defined": [asdict(u) for u in self.defined],
            "referenced": [asdict(u) for u in self.referenced],
            "files": self.files,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PrefectureResult:
        """A result from `to_dict`'s data."""
        return cls(
            folder=data["folder"],
            findings=[Finding.from_dict(f) for f in data["findings"]],
            defined=[IdUse(**u) for u in data["defined"]],
            referenced=[IdUse(**u) for u in data["referenced"]],
            files=data["files"],
        )
