"""The operating model, participation and the vision's notice facts where a reviewer looks: the
summary's formats, the diff, the bundle's platform table and the workbook's round trip."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from helpers.documents import vision_file
from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry
from helpers.workbook_cases import edit, export

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
EXTRA = (
    "    operating_model: consortium_external\n"
    "    participation:\n      shared: true\n      municipalities: 5\n"
    '      as_of: "2024-03"\n      note: 県下5市\n'
)


def _diff_tokyo(registry: Registry) -> dict[str, Any]:
    result = registry.run("diff", "--root", str(registry.root), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    return next(p for p in report["prefectures"] if p["folder"] == "13-tokyo")


def _add_model(registry: Registry) -> None:
    registry.replace(PLATFORMS, "    sources:\n", EXTRA + "    sources:\n")
    # The number stands alone: with the one named participant it would disagree (X015).
    registry.replace(
        PLATFORMS,
        '    participants:\n      - lg_code: "131016"\n        name: 千代田区\n        since: "2024"\n',
        "    participants: unknown\n",
    )


def test_the_summary_formats_show_models_and_the_vision_notice(registry: Registry) -> None:
    _add_model(registry)
    vision = vision_file(cross_field_platform="none").replace(
        "    publication_url: https://example.org/vision\n",
        '    publication_url: https://example.org/vision\n    sent_to_agency_on: "2025-05-20"\n'
        "    format: own_format\n    consultation:\n      held: true\n",
    )
    registry.write(VISION, vision)
    root = ("--root", str(registry.root), "--as-of", "2025-06-01")
    data = json.loads(registry.run("summary", *root, "--format", "json").output)
    row = next(p for p in data["prefectures"] if p["code"] == "13")
    assert row["operating_models"] == {"consortium_external": 1}
    assert row["vision_notice"] == {
        "sent_to_agency_on": "2025-05-20", "format": "own_format",
        "consultation_held": True, "hub_established": None,
    }  # fmt: skip
    table = list(
        csv.DictReader(io.StringIO(registry.run("summary", *root, "--format", "csv").output))
    )
    tokyo_row = next(r for r in table if r["code"] == "13")
    assert tokyo_row["operating_models"] == "consortium_external:1"
    assert tokyo_row["vision_sent_to_agency_on"] == "2025-05-20"
    assert tokyo_row["consultation_held"] == "true" and tokyo_row["hub_established"] == ""
    text = registry.run("summary", *root, "--lang", "ja").output
    line = next(x for x in text.splitlines() if x.startswith("13"))
    assert "コンソーシアム 1" in line and "2025-05-20" in line
    page = registry.run("summary", *root, "--format", "markdown", "--lang", "en").output
    assert "| operating models | vision sent to the Agency |" in page
    assert "consortium 1 | 2025-05-20 |" in page


def test_the_diff_shows_the_new_values(tmp_path: Path) -> None:
    repo = committed_registry(tmp_path / "repo")
    _add_model(repo)
    changes = _diff_tokyo(repo)
    paths = json.dumps(changes, ensure_ascii=False)
    assert "operating_model" in paths and "participation" in paths
    assert "consortium_external" in paths and "県下5市" in paths


def test_the_bundle_platform_table_has_the_new_columns(tmp_path: Path) -> None:
    repo = committed_registry(
        tmp_path / "repo", "model-bundle", _add_model, "2025-05-01T10:00:00+09:00"
    )
    repo.write(VISION, vision_file().replace("platform_id: p1", "platform_id: test-platform"))
    commit(repo, "vision")
    result = repo.run("bundle", "13", "--root", str(repo.root), "--out", str(repo.root / "dist"))
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(sorted((repo.root / "dist").glob("*.zip"))[-1])
    name = "platforms.csv"
    rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    assert rows[0]["operating_model"] == "consortium_external"
    assert rows[0]["participation_municipalities"] == "5"
    assert rows[0]["participation_shared"] == "true"
    assert rows[0]["participation_note"] == "県下5市"


def test_the_workbook_carries_the_operating_model_both_ways(registry: Registry) -> None:
    _add_model(registry)
    path = export(registry)
    sheet = openpyxl.load_workbook(path)["platforms"]
    header = [c.value for c in sheet[1]]
    column = header.index("運営組織モデル（operating_model）") + 1
    assert sheet.cell(2, column).value == "consortium_external"
    before = registry.read(PLATFORMS)
    unchanged = registry.run(
        "import-xlsx", "13", str(path), "--root", str(registry.root), "--write"
    )
    assert unchanged.exit_code == 0, unchanged.output
    assert registry.read(PLATFORMS) == before

    def change(wb: openpyxl.Workbook) -> None:
        wb["platforms"].cell(2, column).value = "private_led_external"

    edited = edit(path, change)
    result = registry.run("import-xlsx", "13", str(edited), "--root", str(registry.root), "--write")
    assert result.exit_code == 0, result.output
    text = registry.read(PLATFORMS)
    assert "operating_model: private_led_external" in text and "note: 県下5市" in text

    def clear(wb: openpyxl.Workbook) -> None:
        wb["platforms"].cell(2, column).value = None

    result = registry.run(
        "import-xlsx", "13", str(edit(path, clear, "cleared.xlsx")), "--root", str(registry.root),
        "--write",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "operating_model" not in registry.read(PLATFORMS)  # an empty cell leaves it out


def test_a_bad_operating_model_in_the_workbook_is_refused(registry: Registry) -> None:
    path = export(registry)
    sheet = openpyxl.load_workbook(path)["platforms"]
    column = [c.value for c in sheet[1]].index("運営組織モデル（operating_model）") + 1

    def change(wb: openpyxl.Workbook) -> None:
        wb["platforms"].cell(2, column).value = "municipal_direct"

    before = registry.read(PLATFORMS)
    result = registry.run("import-xlsx", "13", str(edit(path, change)), "--root", str(registry.root),
                          "--write", "--lang", "en")  # fmt: skip
    assert result.exit_code == 1 and "Traceback" not in result.output
    # The cell is named, and the preview names the field by its title (labels, not keys).
    assert f"platforms!{get_column_letter(column)}2" in result.output
    assert "Operating-organisation model" in result.output and "S004" in result.output
    assert registry.read(PLATFORMS) == before
