"""The shipped registry: 47 folders, every municipality, and it validates."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from conftest import REPO
from renkei.cli import main
from renkei.layout import REQUIRED_FILES
from renkei.reference import Reference, has_valid_check_digit

PREFECTURES = REPO / "registry" / "prefectures"


def test_validate_exits_zero_on_shipped_registry() -> None:
    result = CliRunner().invoke(
        main, ["validate", "--root", str(REPO), "--no-cache", "--format", "json"]
    )
    report = json.loads(result.output)
    assert result.exit_code == 0, report["findings"][:5]
    assert report["summary"]["errors"] == 0
    assert len(report["summary"]["prefectures"]) == 47


def test_all_47_folders_with_every_file() -> None:
    reference = Reference(REPO)
    folders = sorted(p.name for p in PREFECTURES.iterdir() if p.is_dir())
    assert folders == sorted(p.folder for p in reference.prefectures.values())
    assert len(folders) == 47
    for folder in folders:
        for name in REQUIRED_FILES:
            assert (PREFECTURES / folder / name).is_file(), (folder, name)


def test_municipalities_rows_are_exactly_the_1741_municipalities() -> None:
    codes: list[str] = []
    for path in sorted(PREFECTURES.glob("*/municipalities.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            codes += [row["lg_code"] for row in csv.DictReader(handle)]
    assert len(codes) == len(set(codes)) == 1741
    reference = Reference(REPO)
    assert all(has_valid_check_digit(code) for code in codes)
    assert {reference.governments[c].kind for c in codes} == {
        "designated_city",
        "city",
        "special_ward",
        "town",
        "village",
    }


def test_reference_list_is_the_shared_copy_and_check_digits_hold() -> None:
    rows = list(csv.DictReader((REPO / "registry/reference/local-governments.csv").open()))
    assert len(rows) == 1965
    assert all(has_valid_check_digit(row["lg_code"]) for row in rows)
    assert sum(row["administered"] == "false" for row in rows) == 6


def test_frictionless_reads_every_data_package() -> None:
    from frictionless import Package

    for folder in sorted(PREFECTURES.iterdir())[:47:6]:
        package = Package(str(folder / "datapackage.yaml"))
        report = package.validate()
        assert report.valid, (folder.name, report.flatten(["type", "note"])[:3])


def test_registry_files_are_utf8_without_bom_and_end_with_newline() -> None:
    for path in Path(PREFECTURES).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not data.startswith(b"\xef\xbb\xbf"), path
            assert data.endswith(b"\n"), path
            data.decode("utf-8")


def test_sourced_entries_for_the_guidebook_cases() -> None:
    import yaml

    platforms = {}
    for path in PREFECTURES.glob("*/platforms.yaml"):
        for platform in yaml.safe_load(path.read_text(encoding="utf-8"))["platforms"]:
            platforms[platform["id"]] = (path.parent.name, platform)
    expected = {
        "tochigi-area-data-platform": "09-tochigi",
        "fukushima-area-data-platform": "07-fukushima",
        "tottori-area-data-platform": "31-tottori",
        "fukuoka-public-private-data-platform": "40-fukuoka",
        "osaka-orden": "27-osaka",
        "maebashi-mebuku-platform": "10-gunma",
    }
    for platform_id, folder in expected.items():
        assert platforms[platform_id][0] == folder
    for _folder, platform in platforms.values():
        assert platform["sources"], platform["id"]
        for source in platform["sources"]:
            assert source["confirmed_on"] and (source.get("url") or source.get("section"))
    tottori = yaml.safe_load((PREFECTURES / "31-tottori/vision.yaml").read_text(encoding="utf-8"))
    assert tottori["status"] == "adopted"
    assert tottori["title"] == "鳥取県データ連携基盤共同利用ビジョン"
    assert tottori["governance"]["operating_model"] == "prefecture_led_sequential"
