"""surveys.yaml in the bundle: surveys.json, the survey-rounds table in the data package and a
sheet of the survey workbook, checked by `renkei verify-bundle`. SYNTHETIC data."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from helpers.documents import vision_file
from helpers.gitrepo import commit, committed_registry
from helpers.registry import Registry
from helpers.surveys import OWN_FORMAT_ROUND, SURVEYS, surveys_file

VISION = "registry/prefectures/13-tokyo/vision.yaml"


def _vision(registry: Registry) -> None:
    registry.write(VISION, vision_file().replace("platform_id: p1", "platform_id: test-platform"))


def _bundle(repo: Registry) -> dict[str, bytes]:
    out = repo.root / "dist"
    result = repo.run(
        "bundle", "13", "--root", str(repo.root), "--out", str(out), "--revision", "HEAD"
    )
    assert result.exit_code == 0, result.output
    [path] = sorted(out.glob("*.zip"))
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_a_folder_without_surveys_yaml_has_no_survey_files(tmp_path: Path) -> None:
    repo = committed_registry(tmp_path / "repo", "bundle", _vision, "2025-05-01T10:00:00+09:00")
    files = _bundle(repo)
    assert "surveys.json" not in files and "survey-rounds.csv" not in files
    assert "surveys.schema.json" in " ".join(files)


def test_surveys_in_the_package_and_the_workbook(tmp_path: Path) -> None:
    repo = committed_registry(tmp_path / "repo", "bundle", _vision, "2025-05-01T10:00:00+09:00")
    repo.write(SURVEYS, surveys_file(extra_round=OWN_FORMAT_ROUND))
    commit(repo, "survey rounds", "2025-05-02T10:00:00+09:00")
    files = _bundle(repo)
    surveys = json.loads(files["surveys.json"])
    assert [r["id"] for r in surveys["rounds"]] == ["fy2024-bessoe1", "fy2025-own"]
    rows = files["survey-rounds.csv"].decode("utf-8-sig").splitlines()
    assert rows[0] == (
        "id,instrument,fiscal_year,requested_by,due,submitted_on,submitted_to,answered,total,notes"
    )
    assert rows[2] == "fy2025-own,own_format,2025,,2025-06-30,2025-06-27,,40,62,"
    package = json.loads(files["datapackage.json"])
    resource = next(r for r in package["resources"] if r["name"] == "survey-rounds")
    assert resource["schema"]["primaryKey"] == ["id"]
    workbook = load_workbook(io.BytesIO(files["survey.xlsx"]))
    sheet = workbook["survey-rounds"]
    assert [c.value for c in sheet[1]] == [
        "回の ID（id）", "調査様式（instrument）", "年度（fiscal_year）", "依頼文書（requested_by）",
        "提出期限（due）", "送付日（submitted_on）", "送付先（submitted_to）",
        "把握できた団体数（answered）", "対象の団体数（total）", "備考（notes）",
    ]  # fmt: skip
    assert sheet["C2"].value == 2024 and sheet["H3"].value == 40
    out = repo.root / "dist"
    [path] = sorted(out.glob("*.zip"))
    verified = repo.run("verify-bundle", str(path), "--root", str(repo.root))
    assert verified.exit_code == 0, verified.output
