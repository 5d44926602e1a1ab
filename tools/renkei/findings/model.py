"""Findings: what validation reports. Plain data; printing lives in `renkei.report.reporters`."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a finding is: an error fails validation, a warning does not (unless --strict)."""

    ERROR = "error"
    WARNING = "warning"

    def label(self, lang: str) -> str:
        """The severity as reports name it: エラー / 警告 in Japanese, error / warning else."""
        if lang == "ja":
            return "エラー" if self is Severity.ERROR else "警告"
        return self.value


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one place.

    `where` is the JSON path of a YAML value (`$.platforms[0].status`) or the CSV row and column
    (`row 5, column lg_code`); `file` is relative to the registry root, with forward slashes.
    """

    code: str
    name: str
    severity: Severity
    file: str
    line: int
    column: int
    where: str
    message_ja: str
    message_en: str
    hint_ja: str = ""
    hint_en: str = ""

    def message(self, lang: str) -> str:
        """The message in `lang` ("ja" or "en")."""
        return self.message_ja if lang == "ja" else self.message_en

    def hint(self, lang: str) -> str:
        """The fix hint in `lang` ("ja" or "en")."""
        return self.hint_ja if lang == "ja" else self.hint_en

    def sort_key(self) -> tuple[str, int, int, str]:
        """The order of reports: by file, line, column, then code."""
        return (self.file, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON report writes it (and the cache stores it)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "where": self.where,
            "message": {"ja": self.message_ja, "en": self.message_en},
            "hint": {"ja": self.hint_ja, "en": self.hint_en},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """The finding `to_dict` wrote (read back from the cache)."""
        return cls(
            code=data["code"],
            name=data["name"],
            severity=Severity(data["severity"]),
            file=data["file"],
            line=data["line"],
            column=data["column"],
            where=data["where"],
            message_ja=data["message"]["ja"],
            message_en=data["message"]["en"],
            hint_ja=data["hint"]["ja"],
            hint_en=data["hint"]["en"],
        )


@dataclass
class Report:
    """The result of one validation run."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    prefectures_checked: list[str] = field(default_factory=list)
    cached_prefectures: int = 0

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity error."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity warning."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def sorted_findings(self) -> list[Finding]:
        """Every finding in report order (`Finding.sort_key`)."""
        return sorted(self.findings, key=Finding.sort_key)
