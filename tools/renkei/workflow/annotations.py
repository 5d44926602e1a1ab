"""Validation findings for a pull request on GitHub.

GitHub shows only the first 10 error and 10 warning annotations of a step (50 of a job), so
the findings on lines the pull request changed come first, then those in files it changed,
then the rest; errors before warnings. The full list always goes to the job summary
(`$GITHUB_STEP_SUMMARY`) as a markdown table.
"""

from __future__ import annotations

from pathlib import Path

from renkei.escape import markdown, workflow
from renkei.escape import markdown_writer as writer
from renkei.findings.model import Finding, Report
from renkei.registry.safe_files import check_writable
from renkei.report.reporters import GithubReporter, severity_label, summary_line
from renkei.revisions.git import merge_base, open_repo, resolve, toplevel
from renkei.revisions.git_changes import changed_lines

#: GitHub's display limit for annotations of one kind (error, warning) per step.
STEP_LIMIT = 10
#: Rows in the job summary (GitHub limits a summary to 1 MiB).
SUMMARY_ROWS = 2000

ON_CHANGED_LINE, IN_CHANGED_FILE, ELSEWHERE = 0, 1, 2


def changed_registry_lines(root: Path, base_ref: str) -> dict[str, set[int]]:
    """The lines changed since the merge base of `base_ref` and HEAD, per path relative to the
    registry root (paths outside it are left out). Raises `GitError` when Git cannot say."""
    repo = open_repo(root)
    base = merge_base(repo, resolve(repo, base_ref), resolve(repo, "HEAD"))
    top = toplevel(repo)
    changed: dict[str, set[int]] = {}
    for path, lines in changed_lines(repo, base).items():
        try:
            relative = (top / path).relative_to(root).as_posix()
        except ValueError:
            continue
        changed[relative] = lines
    return changed


def append_summary(target: Path, text: str) -> None:
    """Append to the job summary file, never through a link or into a FIFO."""
    check_writable(target)
    with target.open("a", encoding="utf-8") as out:
        out.write(text)


def relevance(finding: Finding, changed: dict[str, set[int]]) -> int:
    """Whether a finding is on a changed line, in a changed file, or elsewhere."""
    lines = changed.get(finding.file)
    if lines is None:
        return ELSEWHERE
    return ON_CHANGED_LINE if finding.line in lines else IN_CHANGED_FILE


def prioritise(findings: list[Finding], changed: dict[str, set[int]]) -> list[Finding]:
    """Errors before warnings; within each, changed lines, then changed files, then the rest."""
    return sorted(
        findings,
        key=lambda f: (f.severity != "error", relevance(f, changed), f.sort_key()),
    )


def render_annotations(report: Report, changed: dict[str, set[int]], lang: str) -> str:
    """Workflow commands, most relevant first, and a notice when some will not be shown."""
    ordered = prioritise(report.findings, changed)
    lines = [GithubReporter.command(f, lang) for f in ordered]
    hidden = max(0, len(report.errors) - STEP_LIMIT) + max(0, len(report.warnings) - STEP_LIMIT)
    if hidden:
        if lang == "ja":
            text = (
                f"注釈は種類ごとに最初の {STEP_LIMIT} 件だけ表示されます（変更した行を優先）。"
                f"残り {hidden} 件を含む一覧はジョブの概要（Summary）にあります。"
            )
        else:
            text = (
                f"GitHub shows the first {STEP_LIMIT} annotations of each kind (changed lines "
                f"first); the full list, with {hidden} more, is in the job summary."
            )
        lines.append(workflow.command("notice", {"title": "renkei"}, text))
    lines.append(summary_line(report, lang))
    return "\n".join(lines) + "\n"


def render_summary(report: Report, changed: dict[str, set[int]], lang: str) -> str:
    """The full list of findings as markdown, for the job summary."""
    ja = lang == "ja"
    out = [writer.heading(2, f"renkei validate — {summary_line(report, lang)}"), ""]
    if not report.findings:
        return "\n".join(out) + "\n"
    where_label = {
        ON_CHANGED_LINE: "変更した行" if ja else "changed line",
        IN_CHANGED_FILE: "変更したファイル" if ja else "changed file",
        ELSEWHERE: "",
    }
    header = (
        ["場所", "重大度", "コード", "メッセージ", "ヒント", "変更"]
        if ja
        else ["location", "severity", "code", "message", "hint", "change"]
    )
    ordered = prioritise(report.findings, changed)
    out += writer.table(
        header,
        [
            [
                writer.Markup(
                    markdown.code(f"{finding.file}:{finding.line}:{finding.column}", in_table=True)
                ),
                severity_label(finding.severity, lang),
                finding.code,
                finding.message(lang),
                finding.hint(lang),
                where_label[relevance(finding, changed)],
            ]
            for finding in ordered[:SUMMARY_ROWS]
        ],
    )
    if len(ordered) > SUMMARY_ROWS:
        rest = len(ordered) - SUMMARY_ROWS
        out += [
            "",
            f"…ほか {rest} 件（renkei validate で全件を表示）"
            if ja
            else f"… and {rest} more (renkei validate lists them all)",
        ]
    return "\n".join(out) + "\n"
