"""Output formats for validation reports: small classes behind one interface, picked by name.

Adding a format means adding one class and one entry in `REPORTERS`.
"""

from __future__ import annotations

import json
from typing import ClassVar

from renkei import __version__
from renkei.escape import terminal, workflow
from renkei.findings.model import Finding, Report, Severity

JSON_FORMAT_VERSION = 1


def severity_label(severity: str, lang: str) -> str:
    """A severity in the message language: `エラー`/`警告` in Japanese, else as it is."""
    return Severity(severity).label(lang)


def finding_lines(
    finding: Finding, lang: str, *, place: str | None = None, localised: bool = False
) -> list[str]:
    """One finding as text: `place: severity: CODE message` (place defaults to file:line:col),
    and its hint on an indented line beneath when it has one. Every value is shown by
    `renkei.escape.terminal`, so a finding is always exactly these lines. `localised` names
    the severity in the message language (the commands that speak to a person, not an editor)."""
    where = (
        terminal.text(place)
        if place is not None
        else f"{terminal.text(finding.file)}:{finding.line}:{finding.column}"
    )
    severity = severity_label(finding.severity, lang) if localised else finding.severity
    lines = [f"{where}: {severity}: {finding.code} {terminal.text(finding.message(lang))}"]
    if finding.hint(lang):
        label = "ヒント" if lang == "ja" else "hint"
        lines.append(f"    {label}: {terminal.text(finding.hint(lang))}")
    return lines


def summary_line(report: Report, lang: str) -> str:
    """The last line of a report: the verdict and the counts of findings, files and prefectures."""
    errors, warnings = len(report.errors), len(report.warnings)
    prefectures = len(report.prefectures_checked)
    if lang == "ja":
        verdict = "問題があります" if errors else "有効です" if warnings else "問題はありません"
        return (
            f"{verdict}: エラー {errors} 件、警告 {warnings} 件"
            f"（{prefectures} 都道府県、{report.files_checked} ファイル）"
        )
    verdict = "valid" if not errors else "invalid"
    return (
        f"{verdict}: {errors} error(s), {warnings} warning(s) in {report.files_checked} files "
        f"({prefectures} prefectures)"
    )


class Reporter:
    """One output format of a validation report, picked by its `name`."""

    name: ClassVar[str]

    def render(self, report: Report, lang: str) -> str:
        """The whole report in this format."""
        raise NotImplementedError


class TextReporter(Reporter):
    """`file:line:col: severity: CODE message`, the hint indented beneath; editors parse it.

    Every value is shown by `renkei.escape.terminal`: one finding is always exactly one line,
    plus its hint line."""

    name = "text"

    def render(self, report: Report, lang: str) -> str:
        """Every finding, sorted, then the summary line."""
        lines: list[str] = []
        for finding in report.sorted_findings():
            lines.extend(finding_lines(finding, lang))
        lines.append(summary_line(report, lang))
        return "\n".join(lines) + "\n"


class JsonReporter(Reporter):
    """A stable document; its shape is described in docs/output.md."""

    name = "json"

    def render(self, report: Report, lang: str) -> str:
        """The report as one indented JSON document."""
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


class GithubReporter(Reporter):
    """GitHub Actions workflow commands, shown inline on the pull request's lines."""

    name = "github"

    def render(self, report: Report, lang: str) -> str:
        """One workflow command per finding, then the summary line."""
        lines = [self.command(f, lang) for f in report.sorted_findings()]
        lines.append(summary_line(report, lang))
        return "\n".join(lines) + "\n"

    @staticmethod
    def command(finding: Finding, lang: str) -> str:
        """One `::error` or `::warning` command, escaped by `renkei.escape.workflow`: GitHub
        shows the message with the hint on a second line."""
        level = "error" if finding.severity == "error" else "warning"
        properties = {
            "file": finding.file,
            "line": finding.line,
            "col": finding.column,
            "title": f"{finding.code} {finding.name}",
        }
        # Control characters inside a value are shown (\n, \x1b); the only line break left is
        # the one between message and hint, which the command escapes as %0A.
        message = terminal.controls(finding.message(lang))
        if finding.hint(lang):
            message += "\n" + terminal.controls(finding.hint(lang))
        return workflow.command(level, properties, message)


REPORTERS: dict[str, Reporter] = {
    r.name: r for r in (TextReporter(), JsonReporter(), GithubReporter())
}
