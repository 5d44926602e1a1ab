"""The area inventory (GB3 §4.2), a platform's components and its consent management (GB3 §15.3
②) where a reviewer looks: the summary's JSON and CSV with the vocabulary's labels, the diff, the
bundle's platform table and vision page, and the workbook (round trip keeps them; the KPI code
list labels production_rate 本番化率). All data SYNTHETIC."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl

from helpers.documents import vision_file
from helpers.gitrepo import committed_registry
from helpers.registry import Registry
from helpers.workbook_cases import export

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"
INVENTORY = (
    '\n  as_of: "2025-04"\n  personal_auth_services: "1"\n  non_personal_platforms: "2+"\n'
    "  personal_platforms: unknown"
)
CONSENT = "    consent_management:\n      method: dynamic_opt_in\n      timestamped_log: true\n"


def _vision() -> str:
    return vision_file(area_inventory=INVENTORY).replace(
        "platform_id: p1", "platform_id: test-platform"
    )


def _add(registry: Registry) -> None:
    registry.replace(PLATFORMS, "    sources:\n", CONSENT + "    sources:\n")
    registry.write(VISION, _vision())


def test_the_summary_shows_the_inventory_with_its_labels(registry: Registry) -> None:
    _add(registry)
    root = ("--root", str(registry.root), "--as-of", "2025-06-01")
    result = registry.run("summary", *root, "--format", "json")
    assert result.exit_code == 0, result.output
    tokyo = next(p for p in json.loads(result.output)["prefectures"] if p["code"] == "13")
    assert tokyo["area_inventory"] == {
        "as_of": "2025-04",
        "counts": {
            "personal_auth_services": {"value": "1", "ja": "1", "en": "1"},
            "non_personal_platforms": {"value": "2+", "ja": "2つ以上", "en": "2 or more"},
            "personal_platforms": {"value": "unknown", "ja": "不明", "en": "Unknown"},
        },
    }
    assert tokyo["consent_methods"] == {"dynamic_opt_in": 1}
    osaka = next(p for p in json.loads(result.output)["prefectures"] if p["code"] == "27")
    assert osaka["area_inventory"] is None and osaka["consent_methods"] == {}
    table = csv.DictReader(io.StringIO(registry.run("summary", *root, "--format", "csv").output))
    row = next(r for r in table if r["code"] == "13")
    assert (row["area_personal_auth_services"], row["area_non_personal_platforms"]) == ("1", "2+")
    assert row["area_personal_platforms"] == "unknown"
    assert row["consent_methods"] == "dynamic_opt_in:1"


def test_the_diff_shows_the_new_values(tmp_path: Path) -> None:
    repo = committed_registry(tmp_path / "repo")
    _add(repo)
    repo.replace(PLATFORMS, "      personal_broker: false", "      personal_broker: true")
    result = repo.run("diff", "--root", str(repo.root), "--format", "json")
    assert result.exit_code == 0, result.output
    text = json.dumps(json.loads(result.output), ensure_ascii=False)
    assert "consent_management" in text and "dynamic_opt_in" in text
    assert "components" in text and "personal_broker" in text


def test_the_bundle_shows_components_consent_and_the_inventory(tmp_path: Path) -> None:
    repo = committed_registry(tmp_path / "repo", "area-bundle", _add, "2025-05-01T10:00:00+09:00")
    result = repo.run("bundle", "13", "--root", str(repo.root), "--out", str(repo.root / "dist"))
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(sorted((repo.root / "dist").glob("*.zip"))[-1])
    rows = list(csv.DictReader(io.StringIO(archive.read("platforms.csv").decode("utf-8-sig"))))
    assert rows[0]["components_personal_auth"] == "true"
    assert rows[0]["components_personal_broker"] == "false"
    assert rows[0]["consent_management_method"] == "dynamic_opt_in"
    assert rows[0]["consent_management_timestamped_log"] == "true"
    html = archive.read("vision.html").decode()
    md = archive.read("vision.md").decode()
    assert "域内の基盤の数量（GB3 §4.2）" in html
    assert "<th>非パーソナルエリアデータ連携基盤の数</th><td>2つ以上</td>" in html
    assert "- 個人認証サービスの数: 1" in md


def test_the_workbook_keeps_components_and_consent(registry: Registry) -> None:
    _add(registry)
    before = registry.read(PLATFORMS)
    path = export(registry)
    codes = list(openpyxl.load_workbook(path)["コード表"].iter_rows(values_only=True))
    by_key = {(r[0], r[1]): r[2:4] for r in codes if r and r[0]}
    assert by_key[("indicator", "production_rate")] == ("本番化率", "Production rate")
    sheet = openpyxl.load_workbook(path)["platforms"]
    header = [c.value for c in sheet[1]]
    assert "consent_management" not in " ".join(str(h) for h in header)  # nested: kept in YAML
    result = registry.run("import-xlsx", "13", str(path), "--root", str(registry.root), "--write")
    assert result.exit_code == 0, result.output
    assert registry.read(PLATFORMS) == before
    assert "method: dynamic_opt_in" in before and "non_personal_broker: true" in before
