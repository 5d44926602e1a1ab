"""Escaping at every border: hostile registry text through the real commands comes out inert.

Terminal text keeps one finding per line; workflow commands are read back as GitHub's runner
reads them; Markdown is parsed with markdown-it-py (GFM tables, strikethrough, linkify) and must
hold no link, image, heading or HTML that came from the data; CSV cells for spreadsheets never
start a formula. All data here is synthetic.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from helpers.documents import vision_file
from helpers.gitrepo import git, workflow_repo
from helpers.registry import Registry
from helpers.rendered import (
    HOSTILE_LINES,
    HOSTILE_MARKDOWN,
    TEXT_LINE,
    assert_inert_markdown,
    markdown_tokens,
    runner_commands,
    table_rows,
)
from helpers.report_lines import check_reports
from renkei.escape.terminal import controls

TOKYO = "registry/prefectures/13-tokyo"
MUNICIPALITIES = f"{TOKYO}/municipalities.csv"
PLATFORMS = f"{TOKYO}/platforms.yaml"
PREFECTURE = f"{TOKYO}/prefecture.yaml"
VISION = f"{TOKYO}/vision.yaml"


def hostile_municipality(registry: Registry, name: str) -> None:
    registry.replace(MUNICIPALITIES, "131016,千代田区,", f'131016,"{name}",')


def json_findings(registry: Registry) -> list[dict[str, Any]]:
    return registry.findings(str(registry.path(TOKYO)))


# --- terminal text ------------------------------------------------------------------------


def test_text_format_is_one_line_per_finding(registry: Registry) -> None:
    hostile_municipality(registry, HOSTILE_LINES)
    findings = json_findings(registry)
    assert any("\n::error file=fake.csv" in f["message"]["en"] for f in findings)
    names = [f for f in findings if f["code"] == "R011"]  # the name itself gets a warning
    assert [(f["file"], f["line"]) for f in names] == [(MUNICIPALITIES, 2)]
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "en",
                          str(registry.path(TOKYO)))  # fmt: skip
    assert result.exit_code == 1
    lines = result.output.splitlines()
    hints = sum(1 for f in findings if f["hint"]["en"])
    assert len(lines) == len(findings) + hints + 1, result.output
    finding_lines = [line for line in lines[:-1] if not line.startswith("    hint: ")]
    assert len(finding_lines) == len(findings)
    assert all(TEXT_LINE.match(line) for line in finding_lines), result.output
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028]", result.output)
    assert "\\n::error file=fake.csv" in result.output and "\\x1b[2J" in result.output
    assert runner_commands(result.output) == []


def test_scope_and_hygiene_show_hostile_file_names_inert(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    git(repo.root, "switch", "-q", "-c", "change")
    names = ["::error file=a.csv,line=1::scope", "##[error]legacy.md", "a,line=1::x.csv",
             "line\nbreak.md"]  # fmt: skip
    for name in names:
        repo.write(name, "synthetic  \n")
    result = repo.run("scope", "--root", str(repo.root), "--base", "main", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert runner_commands(result.output) == [], result.output
    assert "  \\x3a:error file=a.csv,line=1::scope" in result.output
    assert "  line\\nbreak.md" in result.output
    hygiene = repo.run("hygiene", *(str(repo.path(n)) for n in names))
    assert hygiene.exit_code == 1
    assert runner_commands(hygiene.output) == []
    assert len(hygiene.output.splitlines()) == 2  # the two that are not markdown


def test_codeowners_check_prints_the_file_inert(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    owners = repo.path(".github/CODEOWNERS")
    owners.write_text(owners.read_text() + "##[error]injected\n  ::add-mask::secret\n")
    result = repo.run("codeowners", "--check", "--root", str(repo.root), "--lang", "en")
    assert result.exit_code == 1
    assert "##\\x5berror]injected" in result.output
    assert runner_commands(result.output) == [], result.output


# --- workflow commands --------------------------------------------------------------------


def test_github_format_reads_back_as_the_runner_reads_it(registry: Registry) -> None:
    hostile_municipality(registry, HOSTILE_LINES + " 100%0A")
    registry.write(f"{TOKYO}/a,line=1::x.csv", "synthetic\n")
    registry.write(f"{TOKYO}/b%0A::error::y.csv", "synthetic\n")
    findings = json_findings(registry)
    result = registry.run("validate", "--root", str(registry.root), "--no-cache", "--lang", "en",
                          "--format", "github", str(registry.path(TOKYO)))  # fmt: skip
    commands = runner_commands(result.output)
    assert len(commands) == len(findings)
    assert len(re.split(r"\r\n|\n|\r", result.output.rstrip("\n"))) == len(findings) + 1
    # Control characters inside a value are shown; the message and hint are two lines.
    expected = {
        (
            f["file"],
            controls(f["message"]["en"])
            + ("\n" + controls(f["hint"]["en"]) if f["hint"]["en"] else ""),
        )
        for f in findings
    }
    assert {(props["file"], data) for _, props, data in commands} == expected
    assert {name for name, _, _ in commands} <= {"error", "warning"}
    files = {props["file"] for _, props, _ in commands}
    assert {f"{TOKYO}/a,line=1::x.csv", f"{TOKYO}/b%0A::error::y.csv"} <= files


def test_annotate_commands_and_summary_are_inert(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    hostile_municipality(repo, HOSTILE_LINES + " " + HOSTILE_MARKDOWN)
    summary = tmp_path / "summary.md"
    result = repo.run("annotate", "--root", str(repo.root), "--lang", "en", "--no-cache",
                      "--summary", str(summary))  # fmt: skip
    assert result.exit_code == 1
    commands = runner_commands(result.output)
    assert {name for name, _, _ in commands} <= {"error", "warning", "notice"}
    assert any("\\n::error file=fake.csv" in data for _, _, data in commands)
    text = summary.read_text(encoding="utf-8")
    assert_inert_markdown(text)
    rows = table_rows(text)
    assert rows and set(rows) == {6}, rows
    rendered = MarkdownIt("gfm-like").render(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered


# --- Markdown -----------------------------------------------------------------------------


def test_diff_markdown_is_inert(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    repo.replace(PLATFORMS, "name: テスト基盤", f"name: {json.dumps(HOSTILE_MARKDOWN)}")
    repo.replace(PLATFORMS, "operator: テスト部", f"operator: {json.dumps(HOSTILE_LINES)}")
    repo.replace(PREFECTURE, "name: 東京都", f"name: {json.dumps('東京都 ' + HOSTILE_MARKDOWN)}")
    result = repo.run("diff", "--root", str(repo.root), "--format", "markdown", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert_inert_markdown(
        result.output, allowed_html=frozenset({"details", "summary", "b", "ins", "del"})
    )
    headings = [t for t in markdown_tokens(result.output) if t.type == "heading_open"]
    assert len(headings) == 1  # the renderer's own title
    text = repo.run("diff", "--root", str(repo.root), "--format", "text", "--lang", "en")
    assert runner_commands(text.output) == [] and "\x1b" not in text.output


def test_summary_markdown_text_and_csv_are_inert(registry: Registry, tmp_path: Path) -> None:
    hostile = json.dumps("=HYPERLINK(1) " + HOSTILE_MARKDOWN)
    registry.replace(PREFECTURE, "name: 東京都", f"name: {hostile}")
    registry.replace(VISION, "current_type: unknown", "current_type: '@SUM(A1)'")
    out = tmp_path / "summary.md"
    result = registry.run("summary", "--root", str(registry.root), "--format", "markdown",
                          "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert_inert_markdown(text, images=frozenset({"summary.svg"}))  # the renderer's own map
    assert set(table_rows(text)) == {13, 4}  # the prefectures, and the comparison with GB3 §6.6
    plain = registry.run("summary", "--root", str(registry.root), "--format", "text")
    assert runner_commands(plain.output) == []
    table = registry.run("summary", "--root", str(registry.root), "--format", "csv")
    rows = list(csv.reader(io.StringIO(table.output)))
    tokyo = next(r for r in rows if r[0] == "13")
    assert tokyo[1].startswith("'=HYPERLINK(1)")
    assert tokyo[3] == "'@SUM(A1)"
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for r in rows for c in r)


# --- the bundle: CSV tables, vision.md, CHANGES.md ----------------------------------------


def test_bundle_tables_vision_and_changes_are_inert(tmp_path: Path) -> None:
    from helpers.gitrepo import commit as commit_all

    repo = workflow_repo(tmp_path / "repo")
    vision = vision_file().replace("platform_id: p1", "platform_id: test-platform")
    repo.write(VISION, vision)
    commit_all(repo.root, "vision", date="2025-05-01T10:00:00+09:00")
    assert repo.run("bundle", "13", "--root", str(repo.root), "--out", str(tmp_path / "a"),
                    "--revision", "HEAD", "--tag").exit_code == 0  # fmt: skip
    repo.replace(
        PLATFORMS, "operator: テスト部", 'operator: "=HYPERLINK(\\"https://evil.example\\")"'
    )
    repo.replace(PLATFORMS, "vendor: unknown", 'vendor: "+81-3-0000-0000"')
    repo.replace(PLATFORMS, "name: テスト基盤", f"name: {json.dumps(HOSTILE_MARKDOWN)}")
    repo.replace(
        VISION,
        "sections: unknown",
        f"sections:\n  vision: {json.dumps('1. ' + HOSTILE_MARKDOWN + chr(10) + '# not a heading' + chr(10) + '- not a list')}",
    )
    repo.write(VISION, repo.read(VISION).replace("number: 1", "number: 2"))
    commit_all(repo.root, "hostile", date="2025-09-01T10:00:00+09:00")
    result = repo.run("bundle", "13", "--root", str(repo.root), "--out", str(tmp_path / "b"),
                      "--revision", "HEAD")  # fmt: skip
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "b").glob("*.zip")
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    table = list(csv.reader(io.StringIO(files["platforms.csv"].decode("utf-8-sig"))))
    header, row = table[0], table[1]
    assert row[header.index("operator")] == '\'=HYPERLINK("https://evil.example")'
    assert row[header.index("vendor")] == "'+81-3-0000-0000"
    cells = [c for name, data in files.items() if name.endswith(".csv")
             for r in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in r]  # fmt: skip
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    verify = repo.run("verify-bundle", str(path))
    assert verify.exit_code == 0, verify.output
    vision_md = files["vision.md"].decode()
    assert_inert_markdown(vision_md, links=frozenset({"https://example.org/vision"}))
    headings = [t for t in markdown_tokens(vision_md) if t.type == "heading_open"]
    lists = [t for t in markdown_tokens(vision_md) if t.type == "ordered_list_open"]
    assert not lists and all(t.tag in ("h1", "h2", "h3") for t in headings)
    assert "# not a heading" in MarkdownIt("gfm-like").render(vision_md)
    assert_inert_markdown(
        files["CHANGES.md"].decode(), frozenset({"details", "summary", "b", "ins", "del"})
    )


def test_fuzz_line_checks_hold_for_line_breaks_in_values(registry: Registry) -> None:
    """The fuzz test's own output checks, on the values that made it fail at random: a line
    break (LF, CR, NEL, U+2028, FS) inside a quoted CSV cell that a finding quotes."""
    from renkei.checks.validate import ValidateOptions, validate

    original = registry.path(MUNICIPALITIES).read_bytes()
    for breaker in ("\n", "\r", "\x85", "\u2028", "\x1c"):
        hostile = f'131016,"千代田{breaker}::warning::x",'.encode()
        registry.write(MUNICIPALITIES, original.replace("131016,千代田区,".encode(), hostile, 1))
        report = validate(registry.root, ValidateOptions(use_cache=False, jobs=1))
        assert any(f.code == "R005" for f in report.findings)
        check_reports(report)


def test_summary_map_stays_well_formed_xml(registry: Registry) -> None:
    import xml.etree.ElementTree as ElementTree

    registry.replace(PREFECTURE, "name: 東京都", 'name: "東京都\\x01\\x1b<b>&"')
    result = registry.run("summary", "--root", str(registry.root), "--format", "svg")
    assert result.exit_code == 0
    texts = "".join(ElementTree.fromstring(result.output).itertext())
    assert "東京都\\x01\\x1b<b>&" in texts


def test_workbook_export_stores_formula_like_text_as_text(
    registry: Registry, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    registry.replace(PLATFORMS, "operator: テスト部", 'operator: "=テスト部"')
    target = tmp_path / "out.xlsx"
    result = registry.run("export-xlsx", "13", "--root", str(registry.root), "-o", str(target))
    assert result.exit_code == 0, result.output
    cells = [c for row in load_workbook(target)["platforms"].iter_rows() for c in row]
    (cell,) = [
        c for c in cells if isinstance(c.value, str) and "テスト" in c.value and "部" in c.value
    ]
    assert cell.value == "=テスト部" and cell.data_type == "s"
