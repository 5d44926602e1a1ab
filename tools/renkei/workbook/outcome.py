"""What the spreadsheet commands report: an import's findings (placed on the sheet's cell when
they are in the workbook), the diff of what would change and the verdict; and the findings
behind an export that no workbook can hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from renkei.checks.validate import ValidateOptions, validate
from renkei.findings import codes
from renkei.findings.model import Finding, Report
from renkei.registry.layout import PREFECTURES_DIR
from renkei.report.reporters import finding_lines
from renkei.revisions.diff_render import TextRenderer
from renkei.workbook.apply import Plan


def _place(finding: Finding, display: str) -> str:
    """`book.xlsx:sheet!C7` for a finding in the imported file, else file:line:col."""
    if finding.file == display and finding.where:
        return f"{display}:{finding.where}"
    return f"{finding.file}:{finding.line}:{finding.column}"


def render_plan(plan: Plan, display: str, lang: str) -> str:
    """The findings of an import (those in the imported file first), then the diff of what it
    would change, its first line naming the import."""
    lines: list[str] = []
    ordered = sorted(plan.findings, key=lambda f: (f.file != display, f.file, f.line, f.column))
    for finding in ordered:
        lines += finding_lines(finding, lang, place=_place(finding, display), localised=True)
    if plan.diff is not None:
        diff = TextRenderer().render(plan.diff, lang).splitlines()
        diff[0] = f"renkei import: {'レジストリ' if lang == 'ja' else 'registry'} → {display}"
        lines.append("\n".join(diff))
    return "".join(line + "\n" for line in lines)


def refused(plan: Plan, strict: bool) -> bool:
    """Whether an import is refused: it has errors, or warnings under --strict."""
    return bool(plan.errors) or (strict and bool(plan.findings))


def refused_line(plan: Plan, lang: str, strict: bool = False) -> str:
    """The verdict on an import with errors (or warnings under --strict): nothing was
    changed."""
    errors = len(plan.errors)
    warnings = len(plan.findings) - errors
    why_ja = "（--strict のため警告でも取り込みません）" if strict and not errors else ""
    why_en = " (--strict refuses warnings too)" if strict and not errors else ""
    if lang == "ja":
        return (
            f"取り込めません: エラー {errors} 件、警告 {warnings} 件{why_ja}。"
            "ファイルは変更していません。"
        )
    return f"not imported: {errors} error(s), {warnings} warning(s){why_en}; no file was changed."


def plan_json(plan: Plan, written: list[str], strict: bool) -> str:
    """An import as one JSON document: the validate report's shape (format_version, valid,
    summary, findings) plus the files it would change and those it wrote."""
    from renkei import __version__
    from renkei.report.reporters import JSON_FORMAT_VERSION

    errors = len(plan.errors)
    document: dict[str, Any] = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "renkei", "version": __version__},
        "valid": not refused(plan, strict),
        "summary": {"errors": errors, "warnings": len(plan.findings) - errors},
        "findings": [f.to_dict() for f in plan.findings],
        "would_change": sorted(plan.changed),
        "written": list(written),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def unchanged_line(lang: str) -> str:
    """The verdict on a valid import that changes nothing."""
    return "変更はありません。" if lang == "ja" else "nothing to change."


def would_change_line(plan: Plan, lang: str) -> str:
    """The verdict on a valid import run without --write: the files it would change."""
    warnings = len(plan.findings) - len(plan.errors)
    files = ", ".join(sorted(plan.changed)) or "-"
    if lang == "ja":
        return (
            f"検証に通りました（警告 {warnings} 件）。変更されるファイル: {files}。"
            "書き込むには --write を付けて実行します。"
        )
    return f"valid ({warnings} warning(s)); would change: {files}. Run again with --write to write."


def unwritable_report(root: Path, folder: str) -> Report:
    """The R013 findings of a folder whose data no workbook can hold, at their file:line."""
    report = validate(
        root, ValidateOptions(paths=[root / PREFECTURES_DIR / folder], use_cache=False, jobs=1)
    )
    report.findings = [f for f in report.findings if f.code == codes.R013.code]
    return report


def unwritable_line(where: str, lang: str) -> str:
    """Why no workbook was written."""
    if lang == "ja":
        return f"renkei: {where} に書き出せない文字があります。ブックは作成していません。"
    return f"renkei: {where} holds a character no workbook can hold; no workbook was written."
