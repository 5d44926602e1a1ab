"""Where a platform's facts come from (`provenance`: compiled from public sources, or submitted
by the prefecture) is shown wherever platforms are counted or listed: the overview of
`validate --summary`, the national summary's JSON and CSV, and the bundle's platform table."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from helpers.documents import vision_file
from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry

PLATFORMS = "registry/prefectures/13-tokyo/platforms.yaml"
VISION = "registry/prefectures/13-tokyo/vision.yaml"


def _submitted(registry: Registry) -> None:
    registry.replace(
        PLATFORMS, "    sources:\n", "    provenance: prefecture_submission\n    sources:\n"
    )


def test_the_overview_counts_platforms_by_provenance(registry: Registry) -> None:
    root = ("--root", str(registry.root), "--no-cache", "--summary")
    before = registry.run("validate", *root, "--lang", "en").output
    assert "platform facts: provenance not stated 1" in before
    _submitted(registry)
    english = registry.run("validate", *root, "--lang", "en")
    assert english.exit_code == 0, english.output
    assert "platform facts: submitted by the prefecture 1\n" in english.output
    japanese = registry.run("validate", *root, "--lang", "ja").output
    assert "基盤の情報の出所: 都道府県の提出 1\n" in japanese


def test_the_summary_gives_each_prefectures_provenance(registry: Registry) -> None:
    _submitted(registry)
    root = ("--root", str(registry.root), "--as-of", "2025-06-01")
    data = json.loads(registry.run("summary", *root, "--format", "json").output)
    rows = {p["code"]: p for p in data["prefectures"]}
    assert rows["13"]["provenance"] == {"prefecture_submission": 1}
    assert rows["27"]["provenance"] == {}
    table = csv.DictReader(io.StringIO(registry.run("summary", *root, "--format", "csv").output))
    by_code = {r["code"]: r for r in table}
    assert by_code["13"]["platform_provenance"] == "prefecture_submission:1"
    assert by_code["27"]["platform_provenance"] == ""


def test_the_bundle_platform_table_names_the_provenance(tmp_path: Path) -> None:
    repo = committed_registry(
        tmp_path / "repo", "provenance", _submitted, "2025-05-01T10:00:00+09:00"
    )
    repo.write(VISION, vision_file().replace("platform_id: p1", "platform_id: test-platform"))
    commit(repo, "vision")
    result = repo.run("bundle", "13", "--root", str(repo.root), "-o", str(repo.root / "dist"))
    assert result.exit_code == 0, result.output
    archive = zipfile.ZipFile(sorted((repo.root / "dist").glob("*.zip"))[-1])
    rows = list(csv.DictReader(io.StringIO(archive.read("platforms.csv").decode("utf-8-sig"))))
    assert rows[0]["provenance"] == "prefecture_submission"
    package = json.loads(archive.read("datapackage.json"))
    fields = next(r for r in package["resources"] if r["path"] == "platforms.csv")["schema"]
    assert {"name": "provenance"}.items() <= next(
        f for f in fields["fields"] if f["name"] == "provenance"
    ).items()
