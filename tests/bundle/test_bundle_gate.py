"""What validates builds: validate and bundle share one set of characters (machine_readability),
so every character the writers refuse is a finding at file:line, and bundle exits 1 (not 2)."""

from __future__ import annotations

import itertools
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.gitrepo import commit, committed_registry, git
from helpers.registry import Registry, copy_registry
from renkei.registry.machine_readability import (
    LINE_BREAK_CLASSES,
    PLATFORM_DEPENDENT_CLASSES,
    UNWRITABLE_CLASSES,
    CharacterClass,
)

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
MUNICIPALITIES = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,,\n"


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def bundle(registry: Registry, *args: str) -> Any:
    out = registry.root.parent / "dist"
    return registry.run(
        "bundle", "13", "--root", str(registry.root), "--out", str(out), "--lang", "en", *args
    )


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _samples(classes: tuple[CharacterClass, ...]) -> list[tuple[str, str]]:
    """Both ends of every class, skipping what a UTF-8 text file cannot hold at all (NUL is
    P003, surrogates P002: other findings, tested elsewhere)."""
    out = []
    for c in classes:
        for point in sorted({c.first, c.last}):
            if point == 0 or 0xD800 <= point <= 0xDFFF:
                continue
            out.append((f"U+{point:04X} {c.name_en}", chr(point)))
    return out


CSV_CASES = (
    [(name, ch, "R012") for name, ch in _samples(PLATFORM_DEPENDENT_CLASSES)]
    + [(name, ch, "R013") for name, ch in _samples(UNWRITABLE_CLASSES)]
    + [(name, ch, "R014") for name, ch in _samples(LINE_BREAK_CLASSES)]
)


@pytest.mark.parametrize(("character", "code"), [c[1:] for c in CSV_CASES],
                         ids=[c[0] for c in CSV_CASES])  # fmt: skip
def test_every_refused_character_in_a_csv_cell_is_a_finding_and_bundle_exits_1(
    repo: Registry, character: str, code: str
) -> None:
    repo.replace(MUNICIPALITIES, CHIYODA, f"131016,千代田区,not_answered,,,,,{_csv_cell('a' + character + 'b')},\n")  # fmt: skip
    exit_code, report = repo.validate(str(repo.path("registry/prefectures/13-tokyo")))
    found = [f for f in report["findings"] if f["code"] == code]
    assert exit_code == 1 and found, report["findings"]
    assert found[0]["file"] == MUNICIPALITIES and found[0]["line"] == 2
    assert found[0]["where"] == "row 2, column notes"
    assert found[0]["message"]["ja"] and found[0]["hint"]["en"]
    result = bundle(repo)
    assert result.exit_code == 1, result.output
    assert f" {code} " in result.output and "municipalities.csv:2:" in result.output
    assert "internal error" not in result.output


YAML_CASES = [(name, ch, "R012") for name, ch in _samples(PLATFORM_DEPENDENT_CLASSES)] + [
    (name, ch, "R013") for name, ch in _samples(UNWRITABLE_CLASSES)
]


@pytest.mark.parametrize(("character", "code"), [c[1:] for c in YAML_CASES],
                         ids=[c[0] for c in YAML_CASES])  # fmt: skip
def test_every_refused_character_in_platforms_yaml_is_a_finding_and_bundle_exits_1(
    repo: Registry, character: str, code: str
) -> None:
    escaped = json.dumps("テスト部" + character)  # a YAML double-quoted scalar
    repo.replace(PLATFORMS, "operator: テスト部", f"operator: {escaped}")
    exit_code, report = repo.validate(str(repo.path("registry/prefectures/13-tokyo")))
    found = [f for f in report["findings"] if f["code"] == code]
    assert exit_code == 1 and found, report["findings"]
    assert (found[0]["file"], found[0]["line"]) == (PLATFORMS, 7)
    assert found[0]["where"] == "$.platforms[0].operator"
    result = bundle(repo)
    assert result.exit_code == 1 and f" {code} " in result.output, result.output


def test_the_hint_spells_the_character_plainly(repo: Registry) -> None:
    repo.replace(PLATFORMS, "operator: テスト部", "operator: ㈱テスト ｶﾞ 第Ⅱ部")
    found = [f for f in repo.findings(str(repo.path("registry/prefectures/13-tokyo")))
             if f["code"] == "R012"]  # fmt: skip
    assert "(株)テスト ガ 第II部" in found[0]["hint"]["ja"]


def test_vision_text_and_yaml_line_breaks_are_not_tabular(repo: Registry) -> None:
    repo.replace(VISION, "title: unknown", 'title: "第①期の計画"')
    repo.replace(PLATFORMS, "operator: テスト部", 'operator: "テスト部\\n第二係\\u2028第三係"')
    exit_code, report = repo.validate(str(repo.path("registry/prefectures/13-tokyo")))
    assert exit_code == 0, report["findings"]
    result = bundle(repo)
    assert result.exit_code == 0, result.output
    path = next((repo.root.parent / "dist").glob("*.zip"))
    with zipfile.ZipFile(path) as archive:
        platforms = archive.read("platforms.csv").decode("utf-8-sig")
    assert "テスト部 第二係 第三係" in platforms


def test_a_number_table_schema_accepts_is_written(repo: Registry) -> None:
    kpis = "registry/prefectures/13-tokyo/kpis.csv"
    header = repo.read(kpis).splitlines()[0]
    repo.write(kpis, header + "\ntest-platform,2025,api_calls,+10,回,synthetic,2026-01-01,,,,\n")
    assert repo.validate(str(repo.path("registry/prefectures/13-tokyo")))[0] == 0
    result = bundle(repo)
    assert result.exit_code == 0, result.output


def test_cp932_that_cannot_hold_a_character_is_a_finding(repo: Registry) -> None:
    repo.replace(PLATFORMS, "operator: テスト部", "operator: テスト部🙂")
    result = bundle(repo, "--csv-encoding", "cp932")
    assert result.exit_code == 1 and " B009 " in result.output, result.output


def _around_the_boundaries() -> list[str]:
    points = set()
    for c in PLATFORM_DEPENDENT_CLASSES + UNWRITABLE_CLASSES + LINE_BREAK_CLASSES:
        points |= {c.first - 1, c.first, c.last, c.last + 1}
    points |= {ord(ch) for ch in "a ,\"'#:&*!|>%@`-=+あア漢ー　\t"}
    return sorted(chr(p) for p in points if 0 < p < 0x110000 and not 0xD800 <= p <= 0xDFFF)


_EXAMPLES = itertools.count()
BOUNDARY_TEXT = st.text(st.sampled_from(_around_the_boundaries()), min_size=1, max_size=12)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operator=BOUNDARY_TEXT, notes=BOUNDARY_TEXT)
def test_what_validate_accepts_bundle_writes(tmp_path: Path, operator: str, notes: str) -> None:
    registry = copy_registry(tmp_path / f"r{next(_EXAMPLES)}")
    git(registry.root, "init", "-q", "-b", "main")
    commit(registry.root, "SYNTHETIC registry")
    registry.replace(PLATFORMS, "operator: テスト部", f"operator: {json.dumps(operator)}")
    registry.replace(MUNICIPALITIES, CHIYODA, f"131016,千代田区,not_answered,,,,,{_csv_cell(notes)},\n")  # fmt: skip
    exit_code, _ = registry.validate(str(registry.path("registry/prefectures/13-tokyo")))
    result = bundle(registry)
    if exit_code == 0:
        assert result.exit_code == 0, (operator, notes, result.output)
    else:
        assert result.exit_code == 1, (operator, notes, result.output)


def test_a_rule_the_written_files_fail_is_a_finding_not_a_usage_error(repo: Registry) -> None:
    # A column title is not data (validate does not read it), but the workbook shows it.
    title = "年度（西暦） / Fiscal year"
    repo.replace("schemas/tables/kpis.json", title, "①" + title)
    repo.replace("registry/prefectures/13-tokyo/datapackage.yaml", title, "①" + title)
    result = bundle(repo)
    assert result.exit_code == 1, result.output
    assert " B008 " in result.output and "L1-08" in result.output


@settings(max_examples=300, deadline=None)
@given(value=BOUNDARY_TEXT)
def test_the_writers_accept_every_text_the_character_checks_accept(value: str) -> None:
    # The same property as above, on the functions alone, so it can try many more texts.
    import csv
    import datetime as dt
    import io

    from renkei.bundle.build import csv_bytes
    from renkei.bundle.survey_xlsx import workbook_bytes
    from renkei.bundle.tables import Table, cell
    from renkei.checks.characters import csv_findings
    from renkei.registry.loaders.csv_loader import load_csv_bytes
    from renkei.registry.machine_readability import check_csv, check_workbook, text_problems

    fields = [{"name": "id", "type": "string"}, {"name": "text", "type": "string"}]
    out = io.StringIO()
    csv.writer(out).writerows([["id", "text"], ["x", value]])
    table, problems = load_csv_bytes(out.getvalue().encode(), "SYNTHETIC.csv")
    assert table is not None
    from_csv = table.rows[0].cells[1] if not problems and not csv_findings(table) else None
    refused_in_yaml = any(
        p.kind != "line-break" for p in text_problems(value, line_breaks_allowed=True)
    )
    from_yaml = None if refused_in_yaml else cell(value)
    when = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    for accepted in (from_csv, from_yaml):
        if accepted is None:
            continue
        written = Table("t", "SYNTHETIC", fields, [["x", accepted]], ["id"])
        rules = check_csv("t.csv", csv_bytes(written, "utf-8-sig"), "utf-8-sig", fields)
        rules += check_workbook("survey.xlsx", workbook_bytes([written], when))
        assert [r for r in rules if not r.passed] == [], (value, accepted)


def test_export_xlsx_of_a_character_no_workbook_holds_exits_1(repo: Registry) -> None:
    repo.replace(MUNICIPALITIES, CHIYODA, "131016,千代田区,not_answered,,,,,a\x07b\n")
    target = repo.root.parent / "tokyo.xlsx"
    result = repo.run(
        "export-xlsx", "13", "-o", str(target), "--root", str(repo.root), "--lang", "en"
    )
    assert result.exit_code == 1, result.output
    assert f"{MUNICIPALITIES}:2:" in result.output and " R013 " in result.output
    assert "internal error" not in result.output and not target.exists()
