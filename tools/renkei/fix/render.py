"""What `renkei fix` prints: each file's unified diff with every change explained, the files
it could not read, and the verdict, in Japanese or English."""

from __future__ import annotations

from collections.abc import Sequence

from renkei.escape import terminal
from renkei.fix.model import FileFix
from renkei.fix.text import unified_diff
from renkei.report.reporters import finding_lines


def render_fixes(fixes: Sequence[FileFix], lang: str) -> str:
    """The diffs, the explanations and the problems, one block per file."""
    lines: list[str] = []
    for fix in fixes:
        for finding in fix.problems:
            lines += finding_lines(finding, lang, localised=True)
        if not fix.changed or fix.problems:
            continue
        lines.append(terminal.lines(unified_diff(fix.path, fix.before, fix.after)).rstrip("\n"))
        for edit in fix.edits:
            lines.append(f"  {terminal.text(edit.explain(lang))}")
    return "".join(line + "\n" for line in lines)


def verdict(fixes: Sequence[FileFix], lang: str, written: Sequence[str] | None = None) -> str:
    """The last line: nothing to fix, how many fixes (and how to write them), or what was
    written; and how many files could not be read."""
    count = sum(len(f.edits) for f in fixes if f.changed and not f.problems)
    files = sum(1 for f in fixes if f.changed and not f.problems)
    broken = sum(1 for f in fixes if f.problems)
    if lang == "ja":
        if written is not None and written:
            text = f"{files} ファイルの {count} 箇所を直しました: {', '.join(written)}"
        elif count:
            text = f"直せる箇所が {files} ファイルに {count} 箇所あります。書き込むには --write を付けて実行します。"
        else:
            text = "直すところはありません。"
        if broken:
            text += f" 読み込めないファイルが {broken} 件あります（変更していません）。"
        return text
    if written is not None and written:
        text = f"applied {count} fix(es) in {files} file(s): {', '.join(written)}"
    elif count:
        text = f"{count} fix(es) in {files} file(s); run again with --write to write them."
    else:
        text = "nothing to fix."
    if broken:
        text += f" {broken} file(s) could not be read (left unchanged)."
    return text
