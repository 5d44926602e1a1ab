"""`renkei import-csv --merge`: a CSV of some municipalities' answers updates those rows and
keeps the others; a finding names the line of the CSV it came from. Through the real CLI on
real files; the answers are the tests' own synthetic data."""

from __future__ import annotations

import csv
import io

from helpers.registry import Registry
from helpers.workbook_cases import TOKYO, tree_hash

MUNI = f"{TOKYO}/municipalities.csv"


def _rows(registry: Registry) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(registry.read(MUNI))))


def _partial(registry: Registry, lines: list[str]) -> str:
    header = registry.read(MUNI).splitlines()[0]
    path = registry.root / "answers.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8-sig")
    return str(path)


def _run(registry: Registry, path: str, *extra: str) -> object:
    return registry.run(
        "import-csv", "13", path, "--root", str(registry.root), "--lang", "en", *extra
    )


def test_a_partial_csv_updates_its_rows_and_keeps_the_others(registry: Registry) -> None:
    before = _rows(registry)
    assert len(before) > 2, "the registry has too few municipalities to show a merge"
    chuo = next(r for r in before if r["lg_code"] == "131024")
    answer = "131024,中央区,answered,2024-04-01,join_prefecture,,情報政策課,,"
    path = _partial(registry, [answer])
    result = _run(registry, path, "--merge", "--write")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    after = _rows(registry)
    assert [r["lg_code"] for r in after] == [r["lg_code"] for r in before]
    changed = next(r for r in after if r["lg_code"] == "131024")
    assert (changed["answer_status"], changed["department"]) == ("answered", "情報政策課")
    assert changed != chuo
    assert [r for r in after if r["lg_code"] != "131024"] == [
        r for r in before if r["lg_code"] != "131024"
    ]


def test_without_merge_a_partial_csv_is_the_whole_table(registry: Registry) -> None:
    path = _partial(registry, [registry.read(MUNI).splitlines()[1]])
    before = tree_hash(registry.root)
    result = _run(registry, path, "--write")
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert "X003 中央区 (131024) has no row" in result.output  # type: ignore[attr-defined]
    assert tree_hash(registry.root) == before


def test_a_merge_finding_names_the_csv_line(registry: Registry) -> None:
    good = "131024,中央区,answered,2024-04-01,join_prefecture,,情報政策課,,"
    bad = "131032,港区,answerd,,,,,,"
    path = _partial(registry, [good, bad])
    before = tree_hash(registry.root)
    result = _run(registry, path, "--merge", "--write")
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    output = result.output  # type: ignore[attr-defined]
    assert "answers.csv:line 3, column answer_status: error: T005" in output, output
    assert tree_hash(registry.root) == before


def test_a_summary_csv_for_people_has_a_bom_and_the_registry_csv_none(registry: Registry) -> None:
    out = registry.root.parent / "summary.csv"
    result = registry.run(
        "summary", "--format", "csv", "-o", str(out), "--root", str(registry.root), "--lang", "en"
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    shown = registry.run("summary", "--format", "csv", "--root", str(registry.root))
    assert not shown.output.startswith("\ufeff")  # standard output: no BOM
    assert not registry.path(MUNI).read_bytes().startswith(b"\xef\xbb\xbf")
