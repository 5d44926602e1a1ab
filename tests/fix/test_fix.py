"""`renkei fix` on temporary registries through the real CLI: the trial's Japanese inputs are
suggested by validate, fixed with --write so that validate passes, and nothing else in the files
changes; a file with nothing to fix, an ambiguous label and a file that does not parse are left
alone. All data is synthetic."""

from __future__ import annotations

import os
from typing import Any

from helpers.registry import TOKYO_PLATFORMS, Registry

MUNI = "registry/prefectures/13-tokyo/municipalities.csv"
CHIYODA = "131016,千代田区,not_answered,,,,,"
#: The trial's inputs, as a prefecture writes them (before → after `renkei fix --write`).
YAML_EDITS = [
    ("kind: cross_field", "kind: 分野間  # 通知 1(2)", "kind: cross_field  # 通知 1(2)"),
    ("status: operating", "status: 構築中", "status: building"),
    ("fields: [disaster_prevention, mobility]", "fields: [防災, mobility]   ",
     "fields: [disaster_prevention, mobility]"),
    ('lead_body: "130001"', 'lead_body: "１３０００１"', 'lead_body: "130001"'),
    ('confirmed_on: "2026-01-01"', "confirmed_on: 令和6年4月1日", 'confirmed_on: "2024-04-01"'),
]  # fmt: skip
CSV_ROW = (
    "１３１０１６,千代田区,回答済み,R6.4.1,未定,,,",
    "131016,千代田区,answered,2024-04-01,undecided,,,",
)


def fix(registry: Registry, *args: str, lang: str = "en") -> Any:
    return registry.run("fix", "--root", str(registry.root), "--lang", lang, *args)


def _trial(registry: Registry, crlf: bool = True) -> tuple[bytes, bytes]:
    """Write the trial's inputs; the expected bytes of platforms.yaml and the CSV after fixing."""
    text = registry.read(TOKYO_PLATFORMS)
    expected = text
    for original, written, fixed in YAML_EDITS:
        text, expected = text.replace(original, written), expected.replace(original, fixed)
    if crlf:
        text, expected = text.replace("\n", "\r\n"), expected.replace("\n", "\r\n")
    registry.write(TOKYO_PLATFORMS, text.encode("utf-8"))
    csv_text = registry.read(MUNI)
    registry.write(MUNI, ("\ufeff" + csv_text.replace(CHIYODA, CSV_ROW[0])).encode("utf-8"))
    csv_expected = "\ufeff" + csv_text.replace(CHIYODA, CSV_ROW[1])
    return expected.encode("utf-8"), csv_expected.encode("utf-8")


def test_validate_suggests_the_id_with_its_label(registry: Registry) -> None:
    _trial(registry)
    code, report = registry.validate(lang="ja")
    assert code == 1
    hints = {(f["code"], f["where"]): f["hint"] for f in report["findings"]}
    kind = hints[("S004", "$.platforms[0].kind")]
    assert kind["ja"].endswith("もしかして: cross_field（分野間）")
    assert kind["en"].endswith("Did you mean: cross_field (分野間)?")
    assert hints[("S004", "$.platforms[0].status")]["ja"].endswith("building（構築中）")
    assert hints[("R007", "$.platforms[0].fields[0]")]["en"].endswith(
        "Did you mean: disaster_prevention (防災)?"
    )
    assert hints[("T005", "row 2, column answer_status")]["ja"].endswith("answered（回答済）")
    assert hints[("T005", "row 2, column intention")]["en"].endswith("undecided (未定)?")
    assert '"2024-04-01"' in hints[("S005", "$.platforms[0].sources[0].confirmed_on")]["ja"]
    assert '"130001"' in hints[("R001", "$.platforms[0].lead_body")]["ja"]


def test_fix_shows_the_diff_and_writes_only_with_write(registry: Registry) -> None:
    expected_yaml, expected_csv = _trial(registry)
    before = registry.path(TOKYO_PLATFORMS).read_bytes(), registry.path(MUNI).read_bytes()
    result = fix(registry)
    assert result.exit_code == 1, result.output
    assert "--- a/registry/prefectures/13-tokyo/platforms.yaml" in result.output
    assert "\n-    kind: 分野間  # 通知 1(2)\n" in result.output
    assert "\n+    kind: cross_field  # 通知 1(2)\n" in result.output
    assert "分野間 → cross_field (the label of cross_field)" in result.output
    assert "R6.4.1 → 2024-04-01 (date to ISO 8601 (YYYY-MM-DD))" in result.output
    assert "\x1b[" not in result.output
    assert "run again with --write" in result.output
    after = registry.path(TOKYO_PLATFORMS).read_bytes(), registry.path(MUNI).read_bytes()
    assert after == before
    japanese = fix(registry, lang="ja").output
    assert "構築中 → building（building の名称）" in japanese
    assert "書き込むには --write を付けて実行します。" in japanese

    result = fix(registry, "--write")
    assert result.exit_code == 0, result.output
    assert "applied 10 fix(es) in 2 file(s)" in result.output
    assert registry.path(TOKYO_PLATFORMS).read_bytes() == expected_yaml
    assert registry.path(MUNI).read_bytes() == expected_csv
    code, report = registry.validate()
    assert code == 0, report["findings"]
    again = fix(registry)
    assert (again.exit_code, again.output) == (0, "nothing to fix.\n")


def test_a_file_with_nothing_to_fix_is_untouched(registry: Registry) -> None:
    path = registry.path(TOKYO_PLATFORMS)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = path.read_bytes(), path.stat().st_mtime_ns
    result = fix(registry, str(path), "--write", lang="ja")
    assert (result.exit_code, result.output) == (0, "直すところはありません。\n")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_an_ambiguous_label_is_not_fixed(registry: Registry) -> None:
    """廃止 could be 廃止予定 (to_be_retired) or 廃止済 (retired): renkei does not guess."""
    registry.replace(TOKYO_PLATFORMS, "status: operating", "status: 廃止")
    before = registry.path(TOKYO_PLATFORMS).read_bytes()
    result = fix(registry, "--write")
    assert (result.exit_code, result.output) == (0, "nothing to fix.\n")
    assert registry.path(TOKYO_PLATFORMS).read_bytes() == before
    [status] = [f for f in registry.findings() if f["where"] == "$.platforms[0].status"]
    assert "Did you mean" not in status["hint"]["en"]


def test_a_file_that_does_not_parse_is_reported_and_not_touched(registry: Registry) -> None:
    vision = "registry/prefectures/13-tokyo/vision.yaml"
    registry.write(vision, "schema_version: 1\nstatus: [draft\n")
    registry.replace(TOKYO_PLATFORMS, "kind: cross_field", "kind: 分野間")
    broken = registry.path(vision).read_bytes()
    result = fix(registry, "--write")
    assert result.exit_code == 1, result.output
    assert "registry/prefectures/13-tokyo/vision.yaml:3:1: error: P004" in result.output
    assert "1 file(s) could not be read (left unchanged)" in result.output
    assert registry.path(vision).read_bytes() == broken
    assert "kind: cross_field" in registry.read(TOKYO_PLATFORMS)


def test_a_path_outside_the_registry_is_refused(registry: Registry, tmp_path: Any) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("kind: 分野間\n", encoding="utf-8")
    result = fix(registry, str(outside))
    assert result.exit_code == 2
    assert "outside the registry" in result.output
    assert outside.read_text(encoding="utf-8") == "kind: 分野間\n"
