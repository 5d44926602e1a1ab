"""What `renkei bundle` and `renkei verify-bundle` say about their outcome: each bundle built
with its hash, its source and what it was compared with, the findings behind a refused bundle,
the count of a build of every prefecture, and the verdict on a bundle that passed."""

from __future__ import annotations

from pathlib import Path

from renkei.bundle.build import BundleError, BundleResult
from renkei.escape.terminal import text as show
from renkei.findings.model import Report
from renkei.report.reporters import finding_lines, summary_line


def built_line(result: BundleResult) -> str:
    """The bundle's path and its SHA-256."""
    return f"{result.path}  sha256 {result.sha256}"


def source_line(result: BundleResult, lang: str = "en") -> str:
    """Where the bundle came from, what it was compared with, its findings and whether it is a
    draft."""
    source = (
        result.source.label
        if result.source.sha is None
        else f"{result.source.label} ({result.source.short})"
    )
    none = "なし" if lang == "ja" else "none"
    previous = (
        none if result.previous is None else f"{result.previous.label} ({result.previous.short})"
    )
    if lang == "ja":
        return (
            f"作成元: {source}、比較対象: {previous}、エラー {result.errors} 件、"
            f"警告 {result.warnings} 件{'、下書き（DRAFT）' if result.draft else ''}"
        )
    return (
        f"source: {source}; compared with: {previous}; {result.errors} error(s), "
        f"{result.warnings} warning(s){'; DRAFT' if result.draft else ''}"
    )


def report_text(report: Report, lang: str) -> str:
    """A report for a person to read: each finding with its severity in the message language,
    then the summary line."""
    lines: list[str] = []
    for finding in report.sorted_findings():
        lines += finding_lines(finding, lang, localised=True)
    lines.append(summary_line(report, lang))
    return "".join(line + "\n" for line in lines)


def refused_findings(error: BundleError, lang: str) -> str:
    """The findings behind a refused bundle as a text report ("" when there are none)."""
    if not error.problems:
        return ""
    return report_text(Report(findings=error.problems), lang)


def refused_line(error: BundleError, lang: str) -> str:
    """Why a bundle was refused, as one line for stderr."""
    return f"renkei: {show(error.message(lang))}"


def all_built_line(
    results: list[BundleResult | BundleError], out_dir: Path, lang: str = "en"
) -> str:
    """The count of bundles built and refused by `bundle --all`."""
    refused = sum(isinstance(r, BundleError) for r in results)
    if lang == "ja":
        return (
            f"バンドル {len(results) - refused} 件を作成、{refused} 件は作成できませんでした。"
            f"全国の一覧は {out_dir} にあります。"
        )
    return f"{len(results) - refused} bundle(s), {refused} refused; national summary in {out_dir}"


def verified_line(bundle_name: str, files_checked: int, lang: str) -> str:
    """The verdict on a bundle with no finding."""
    if lang == "ja":
        return (
            f"OK: {bundle_name}: {files_checked} ファイル、ハッシュ一致、データは有効、"
            "コミットから作り直した結果と一致"
        )
    return (
        f"OK: {bundle_name}: {files_checked} files, hashes match, data valid, identical to the "
        "rebuild from its commit"
    )
