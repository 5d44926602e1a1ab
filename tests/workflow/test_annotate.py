"""renkei annotate: annotations on the lines a pull request changed come first; the full list
goes to the job summary. renkei hygiene on its own."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.gitrepo import commit, git, workflow_repo
from helpers.registry import Registry
from renkei.workflow.hygiene import check_bytes

TOKYO = "registry/prefectures/13-tokyo/municipalities.csv"
TOTTORI = "registry/prefectures/31-tottori/municipalities.csv"


def break_codes(registry: Registry, relative: str, lines: range) -> None:
    """Drop the check digit of the codes on some lines (each becomes an R001 error)."""
    rows = registry.read(relative).split("\n")
    for number in lines:
        rows[number - 1] = re.sub(r"^(\d{5})\d,", r"\1,", rows[number - 1])
    registry.write(relative, "\n".join(rows))


def test_changed_lines_come_first_and_summary_has_everything(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    break_codes(repo, TOKYO, range(2, 14))  # 12 errors already on main
    commit(repo.root, "broken on main")
    git(repo.root, "switch", "-q", "-c", "change")
    break_codes(repo, TOTTORI, range(3, 4))  # the pull request's one new error
    commit(repo.root, "change", date="2026-01-02T00:00:00+09:00")
    summary = tmp_path / "summary.md"

    result = repo.run(
        "annotate", "--root", str(repo.root), "--base", "main", "--summary", str(summary),
        "--lang", "en", "--no-cache",
    )  # fmt: skip
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(errors) == 13
    assert errors[0].startswith(f"::error file={TOTTORI},line=3,col=1,title=R001")
    assert "::notice title=renkei::GitHub shows the first 10" in result.output
    text = summary.read_text(encoding="utf-8")
    assert text.count("| R001 |") == 13
    first_row = next(line for line in text.splitlines() if "| R001 |" in line)
    assert f"`{TOTTORI}:3:1`" in first_row and first_row.endswith("| changed line |")


def test_without_base_it_is_validate_in_github_format(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    summary = tmp_path / "summary.md"
    result = repo.run(
        "annotate", "--root", str(repo.root), "--lang", "ja", "--no-cache",
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )  # fmt: skip
    assert result.exit_code == 0
    assert "::error" not in result.output
    assert "エラー 0 件" in summary.read_text(encoding="utf-8")


def test_unknown_base_is_a_usage_error(tmp_path: Path) -> None:
    repo = workflow_repo(tmp_path / "repo")
    result = repo.run("annotate", "--root", str(repo.root), "--base", "nope", "--lang", "en")
    assert result.exit_code == 2
    assert "Unknown revision 'nope'" in result.output


def test_hygiene_findings() -> None:
    codes = [(p.line, p.column, p.code) for p in check_bytes("a.yaml", b"\xef\xbb\xbfa: 1 \nb: 2")]
    assert codes == [(1, 1, "bom"), (1, 5, "trailing-space"), (2, 5, "final-newline")]
    assert check_bytes("README.md", b"line break  \n") == []  # markdown hard break
    assert check_bytes("a.csv", b"a,b\r\n1,2\r\n") == []  # CRLF alone is not trailing space
    assert [p.code for p in check_bytes("a.txt", b"\xef\xbb\xbfx\n")] == []


def test_hygiene_command(registry: Registry) -> None:
    registry.write("bad.txt", "x \n")
    result = registry.run("hygiene", str(registry.path("bad.txt")), "--lang", "en")
    assert result.exit_code == 1
    assert "bad.txt:1:2: error: trailing-space" in result.output
    result = registry.run("hygiene", str(registry.path(TOKYO)))
    assert result.exit_code == 0


def test_changed_lines_are_found_whatever_the_diff_configuration(tmp_path: Path) -> None:
    """A user's diff.noprefix or diff.mnemonicPrefix must not hide the changed lines."""
    repo = workflow_repo(tmp_path / "repo")
    break_codes(repo, TOKYO, range(2, 14))
    commit(repo.root, "broken on main")
    git(repo.root, "switch", "-q", "-c", "change")
    break_codes(repo, TOTTORI, range(3, 4))
    commit(repo.root, "change", date="2026-01-02T00:00:00+09:00")
    for key, value in (("diff.noprefix", "true"), ("diff.mnemonicPrefix", "true")):
        git(repo.root, "config", key, value)
        result = repo.run(
            "annotate", "--root", str(repo.root), "--base", "main", "--lang", "en", "--no-cache",
            "--summary", str(tmp_path / "summary.md"),
        )  # fmt: skip
        first = next(line for line in result.output.splitlines() if line.startswith("::error "))
        assert first.startswith(f"::error file={TOTTORI},line=3,col=1,title=R001"), key
        git(repo.root, "config", "--unset", key)
