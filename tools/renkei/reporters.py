"""Output formats for validation reports: small classes behind one interface, picked by name.

Adding a format means adding one class and one entry in `REPORTERS`.
"""

from __future__ import annotations

import json
from typing import ClassVar

from renkei import __version__
from renkei.findings import Finding, Report

JSON_FORMAT_VERSION = 1

_SEVERITY_JA = {"error": "エラー", "warning": "警告"}


def summary_line(report: Report, lang: str) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    prefectures = len(report.prefectures_checked)
    if lang == "ja":
        verdict = "問題はありません" if not errors and not warnings else "問題があります"
        return (
            f"{verdict}: エラー {errors} 件、警告 {warnings} 件"
            f"（{prefectures} 都道府県、{report.files_checked} ファイル）"
        )
    verdict = "valid" if not errors else "invalid"
    return (
        f"{verdict}: {errors} error(s), {warnings} warning(s) in {report.files_checked} files "
        f"({prefectures} prefectures)"
    )


#: Characters other than CR and LF that str.splitlines() and many viewers break lines at.
_LINE_BREAKS = {ord(c): f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}  # fmt: skip


def one_line(text: str) -> str:
    """`text` with every line-break character written as an escape (`\\x0b`), so a value
    from the data cannot split a finding over several lines."""
    return text.replace("\r", "\\r").replace("\n", "\\n").translate(_LINE_BREAKS)


class Reporter:
    name: ClassVar[str]

    def render(self, report: Report, lang: str) -> str:
        raise NotImplementedError


class TextReporter(Reporter):
    """`file:line:col: severity: CODE message`, the hint indented beneath; editors parse it."""

    name = "text"

    def render(self, report: Report, lang: str) -> str:
        lines: list[str] = []
        label = "ヒント" if lang == "ja" else "hint"
        for finding in report.sorted_findings():
            lines.append(
                f"{finding.file}:{finding.line}:{finding.column}: {finding.severity}: "
                f"{finding.code} {one_line(finding.message(lang))}"
            )
            if finding.hint(lang):
                lines.append(f"    {label}: {one_line(finding.hint(lang))}")
        lines.append(summary_line(report, lang))
        return "\n".join(lines) + "\n"


class JsonReporter(Reporter):
    """A stable document; its shape is described in docs/output.md."""

    name = "json"

    def render(self, report: Report, lang: str) -> str:
        document = {
            "format_version": JSON_FORMAT_VERSION,
            "tool": {"name": "renkei", "version": __version__},
            "valid": not report.errors,
            "summary": {
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "files": report.files_checked,
                "prefectures": report.prefectures_checked,
            },
            "findings": [f.to_dict() for f in report.sorted_findings()],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.translate(_LINE_BREAKS)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, shown inline on the pull request's lines."""

    name = "github"

    def render(self, report: Report, lang: str) -> str:
        lines = [self.command(f, lang) for f in report.sorted_findings()]
        lines.append(summary_line(report, lang))
        return "\n".join(lines) + "\n"

    @staticmethod
    def command(finding: Finding, lang: str) -> str:
        level = "error" if finding.severity == "error" else "warning"
        properties = ",".join(
            [
                f"file={_escape_property(finding.file)}",
                f"line={finding.line}",
                f"col={finding.column}",
                f"title={_escape_property(finding.code + ' ' + finding.name)}",
            ]
        )
        message = finding.message(lang)
        if finding.hint(lang):
            message += "\n" + finding.hint(lang)
        return f"::{level} {properties}::{_escape_data(message)}"


REPORTERS: dict[str, Reporter] = {
    r.name: r for r in (TextReporter(), JsonReporter(), GithubReporter())
}
