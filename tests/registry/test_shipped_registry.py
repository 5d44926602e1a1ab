"""The shipped registry, and what holds for ANY valid registry.

These tests never name a real entry: each runs on the shipped registry, on a copy of it with a
correct new (synthetic) platform and vision revision, and on the synthetic national-scale
registry of benchmarks/generate_registry.py. Whatever a prefecture correctly adds, edits or
removes, `renkei validate` passes and so do these tests. The same checks run on every data pull
request (validate, hygiene, codeowners; see .github/workflows/validate.yml).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from helpers.registry import REPO
from helpers.registry_edits import add_platform, add_vision_revision, adopted_folder
from renkei.cli import main
from renkei.registry.layout import PREFECTURES_DIR, REQUIRED_FILES
from renkei.registry.reference import Reference, has_valid_check_digit
from renkei.workbook.apply import plan_files
from renkei.workbook.layout import standard_sheets
from renkei.workbook.read import read_workbook
from renkei.workbook.source import read_prefecture

KINDS = ("shipped", "edited", "synthetic")


def _copy_shipped(target: Path) -> None:
    shutil.copytree(REPO / "schemas", target / "schemas")
    shutil.copytree(REPO / "registry", target / "registry")
    (target / ".github").mkdir()
    for name in ("CODEOWNERS", "core-maintainers.txt"):
        shutil.copy(REPO / ".github" / name, target / ".github" / name)


def _generate(target: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_registry", REPO / "benchmarks" / "generate_registry.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(target, platforms=60)


@pytest.fixture(scope="module", params=KINDS)
def any_registry(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if request.param == "shipped":
        return REPO
    target = tmp_path_factory.mktemp(request.param) / "repo"
    if request.param == "edited":
        _copy_shipped(target)
        edit_like_a_prefecture(target)
    else:
        _generate(target)
    return target


def edit_like_a_prefecture(root: Path) -> list[str]:
    """A new platform in one prefecture and the next revision of a vision: correct edits of
    the kind prefectures make. Returns the folders edited."""
    first = sorted(p.name for p in (root / PREFECTURES_DIR).iterdir() if p.is_dir())[0]
    add_platform(root, first)
    folder = adopted_folder(root)
    add_vision_revision(root, folder)
    return [first, folder]


def validate_json(root: Path, *args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(
        main, ["validate", "--root", str(root), "--no-cache", "--format", "json", *args]
    )
    return result.exit_code, json.loads(result.output)


def folders_of(root: Path) -> list[str]:
    return sorted(p.name for p in (root / PREFECTURES_DIR).iterdir() if p.is_dir())


def test_a_correct_new_platform_and_vision_revision_validate(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _copy_shipped(root)
    before = {p: p.read_bytes() for p in (root / PREFECTURES_DIR).rglob("*") if p.is_file()}
    edited = edit_like_a_prefecture(root)
    # The edit changed the data of the folders it names, and only those.
    changed = {p.parent.name for p in before if p.read_bytes() != before[p]}
    assert changed == set(edited)
    code, report = validate_json(root)
    assert code == 0, report["findings"][:5]
    codeowners = CliRunner().invoke(main, ["codeowners", "--check", "--root", str(root)])
    assert codeowners.exit_code == 0, codeowners.output


def test_validate_exits_zero(any_registry: Path) -> None:
    code, report = validate_json(any_registry)
    assert code == 0, report["findings"][:5]
    assert report["summary"]["errors"] == 0
    assert report["summary"]["prefectures"] == folders_of(any_registry)


def test_one_folder_per_prefecture_with_every_file(any_registry: Path) -> None:
    reference = Reference(any_registry)
    assert folders_of(any_registry) == sorted(p.folder for p in reference.prefectures.values())
    for folder in folders_of(any_registry):
        for name in REQUIRED_FILES:
            assert (any_registry / PREFECTURES_DIR / folder / name).is_file(), (folder, name)


def test_municipalities_rows_are_exactly_the_reference_municipalities(any_registry: Path) -> None:
    reference = Reference(any_registry)
    for prefecture in reference.prefectures.values():
        path = any_registry / PREFECTURES_DIR / prefecture.folder / "municipalities.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            codes = [row["lg_code"] for row in csv.DictReader(handle)]
        expected = [m.lg_code for m in reference.municipalities_of(prefecture.prefecture_code)]
        assert sorted(codes) == sorted(expected) and len(codes) == len(set(codes))
        assert all(has_valid_check_digit(code) for code in codes)


def test_reference_list_check_digits_and_codes_hold() -> None:
    path = REPO / "registry/reference/local-governments.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert all(has_valid_check_digit(row["lg_code"]) for row in rows)
    assert len({row["lg_code"] for row in rows}) == len(rows)
    assert len(Reference(REPO).prefectures) == 47


def test_frictionless_reads_every_data_package(any_registry: Path) -> None:
    from frictionless import Package

    for folder in folders_of(any_registry)[::6]:
        package = Package(str(any_registry / PREFECTURES_DIR / folder / "datapackage.yaml"))
        report = package.validate()
        assert report.valid, (folder, report.flatten(["type", "note"])[:3])


def test_hygiene_passes_on_every_registry_file(any_registry: Path) -> None:
    """UTF-8 without BOM, a final newline, no trailing spaces: the data check of every pull
    request (`renkei hygiene`)."""
    paths = sorted(str(p) for p in (any_registry / PREFECTURES_DIR).rglob("*") if p.is_file())
    result = CliRunner().invoke(main, ["hygiene", "--lang", "en", *paths])
    assert result.exit_code == 0, result.output[:2000]


def test_every_platform_names_a_dated_source(any_registry: Path) -> None:
    for path in (any_registry / PREFECTURES_DIR).glob("*/platforms.yaml"):
        for platform in yaml.safe_load(path.read_text(encoding="utf-8"))["platforms"]:
            assert platform["sources"], platform["id"]
            for source in platform["sources"]:
                assert source["confirmed_on"] and (source.get("url") or source.get("section"))


def test_spreadsheet_round_trip_changes_nothing(any_registry: Path, tmp_path: Path) -> None:
    """Exporting the prefectures with the most data to workbooks and reading them back plans
    no change to any file."""
    sizes = {
        folder: (any_registry / PREFECTURES_DIR / folder / "platforms.yaml").stat().st_size
        for folder in folders_of(any_registry)
    }
    for folder in sorted(sizes, key=lambda f: (-sizes[f], f))[:3]:
        target = tmp_path / f"{folder}.xlsx"
        result = CliRunner().invoke(
            main,
            ["export-xlsx", folder.split("-")[0], "--root", str(any_registry), "-o", str(target)],
        )
        assert result.exit_code == 0, result.output
        data = read_prefecture(any_registry, folder)
        read = read_workbook(any_registry, target, standard_sheets(any_registry), target.name)
        assert not [f for f in read.findings if f.severity == "error"], folder
        assert plan_files(data, read, target.name).changed == {}, folder
