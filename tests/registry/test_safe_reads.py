"""Nothing outside the registry, no unbounded reads: links, special files, crafted Git trees,
oversize blobs, huge workbooks and long CSV files are refused as findings, never followed, read
whole or waited on. Real files, FIFOs, Git repositories and the real command (all synthetic)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git as gitpython
import pytest

from helpers.gitrepo import (
    commit,
    committed_registry,
    crafted_commit,
    escaping_tree,
    git,
    git_env,
    write_blob,
)
from helpers.registry import Registry
from renkei.revisions.git import read_blobs

RENKEI = str(Path(sys.executable).with_name("renkei"))
TOKYO = "registry/prefectures/13-tokyo"
PLATFORMS = f"{TOKYO}/platforms.yaml"


def renkei(registry: Registry, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh process, with a timeout (a FIFO must never block it)."""
    env = {**git_env(), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env["TMPDIR"] = str(registry.root.parent / "tmp")
    Path(env["TMPDIR"]).mkdir(exist_ok=True)
    return subprocess.run(
        [RENKEI, *args],
        cwd=registry.root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


# --- the working tree -------------------------------------------------------------------------


def test_fifo_in_place_of_a_registry_file_is_a_finding(registry: Registry) -> None:
    fifo(registry.path(PLATFORMS))
    exit_code, report = registry.validate(str(registry.path(TOKYO)))
    found = [f for f in report["findings"] if f["code"] == "P019"]
    assert exit_code == 1
    assert found and found[0]["file"] == PLATFORMS
    assert "FIFO" in found[0]["message"]["en"]


def test_directory_in_place_of_a_registry_file_is_a_finding(registry: Registry) -> None:
    registry.path(f"{TOKYO}/kpis.csv").unlink()
    registry.path(f"{TOKYO}/kpis.csv").mkdir()
    codes = [f["code"] for f in registry.findings(str(registry.path(TOKYO)))]
    assert "P019" in codes


def test_linked_prefectures_directory_is_not_followed(registry: Registry, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(registry.path("registry/prefectures"), elsewhere)
    registry.path("registry/prefectures").symlink_to(elsewhere)
    result = renkei(registry, "validate", "--no-cache")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "relative",
    [
        "schemas/platforms.schema.json",
        "schemas/tables/kpis.json",
        "registry/reference/fields.csv",
    ],
    ids=["json", "table", "reference"],
)
def test_linked_schema_or_reference_file_is_refused(
    registry: Registry, tmp_path: Path, relative: str
) -> None:
    outside = tmp_path / Path(relative).name
    shutil.copy(registry.path(relative), outside)
    registry.path(relative).unlink()
    registry.path(relative).symlink_to(outside)
    result = renkei(registry, "validate", "--no-cache")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout + result.stderr


def test_fifo_reference_file_never_blocks(registry: Registry) -> None:
    fifo(registry.path("registry/reference/fields.csv"))
    result = renkei(registry, "validate", "--no-cache", timeout=15)  # the timeout: never blocks
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P019" in result.stdout + result.stderr


def test_oversize_schema_is_refused_before_reading(registry: Registry) -> None:
    with registry.path("schemas/tables/kpis.json").open("r+b") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: large, cheap to make
    result = renkei(registry, "validate", "--no-cache")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P001" in result.stdout + result.stderr


def test_linked_cache_directory_is_never_written_through(
    registry: Registry, tmp_path: Path
) -> None:
    outside = tmp_path / "cache-target"
    outside.mkdir()
    registry.path(".renkei-cache").symlink_to(outside)
    result = renkei(registry, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(outside.iterdir()) == []


# --- outputs ------------------------------------------------------------------------------------


def test_export_refuses_a_linked_output(registry: Registry, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out.xlsx"
    link.symlink_to(target)
    result = renkei(registry, "export-xlsx", "13", "-o", str(link))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert link.is_symlink()


def test_codeowners_refuses_a_linked_codeowners_file(registry: Registry, tmp_path: Path) -> None:
    github = registry.path(".github")
    github.mkdir()
    github.joinpath("core-maintainers.txt").write_text("@synthetic/core\n", encoding="utf-8")
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    github.joinpath("CODEOWNERS").symlink_to(target)
    result = renkei(registry, "codeowners")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_import_csv_refuses_a_fifo_input(registry: Registry, tmp_path: Path) -> None:
    source = tmp_path / "input.csv"
    os.mkfifo(source)
    result = renkei(registry, "import-csv", "13", str(source), timeout=15)
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert "P019" in result.stdout + result.stderr or "not a regular file" in result.stderr


def test_hygiene_skips_nothing_silently_and_never_blocks(registry: Registry) -> None:
    fifo(registry.path(PLATFORMS))
    result = renkei(registry, "hygiene", PLATFORMS, timeout=15)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P019" in result.stdout + result.stderr


# --- Git trees and blobs ------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def test_diff_refuses_a_tree_path_that_climbs(repo: Registry) -> None:
    crafted_commit(repo, [("40000", b"..", escaping_tree(repo.root, "evil.txt"))])
    result = renkei(repo, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P020" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "name",
    [b"/abs", b"a\\b", b".", b"\xff\xfe.csv", b"line\nbreak.csv"],
    ids=["absolute", "backslash", "dot", "not-utf8", "control"],
)
def test_diff_refuses_unnormalised_tree_paths(repo: Registry, name: bytes) -> None:
    crafted_commit(repo, [("100644", name, write_blob(repo.root, b"synthetic\n"))])
    result = renkei(repo, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P020" in result.stdout + result.stderr


def test_diff_refuses_a_symlink_tree_entry(repo: Registry) -> None:
    link = write_blob(repo.root, b"/etc/passwd")
    crafted_commit(repo, [("120000", b"services.csv.link", link)])
    result = renkei(repo, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P021" in result.stdout + result.stderr


def test_bundle_of_a_crafted_tree_writes_nothing_outside(repo: Registry, tmp_path: Path) -> None:
    crafted_commit(repo, [("40000", b"..", escaping_tree(repo.root, "escaped.txt"))])
    result = renkei(repo, "bundle", "13", "--revision", "HEAD", "--out", str(tmp_path / "dist"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P020" in result.stdout + result.stderr
    assert not list(tmp_path.rglob("escaped.txt"))


def test_blob_sizes_are_checked_before_reading(repo: Registry) -> None:
    small = write_blob(repo.root, b"synthetic small\n")
    large = write_blob(repo.root, b"x" * 5000)
    blobs = read_blobs(gitpython.Repo(repo.root), [small, large], limit=1000)
    assert blobs.data == {small: b"synthetic small\n"}
    assert blobs.too_large == {large: 5000}


def test_oversize_blob_in_a_diff_is_unreadable_not_read(repo: Registry) -> None:
    repo.write(PLATFORMS, repo.read(PLATFORMS) + "# synthetic padding\n" * 400_000)
    commit(repo.root, "oversize")
    result = renkei(repo, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "too large" in result.stdout


def test_gitlink_entry_is_refused(repo: Registry) -> None:
    head = git(repo.root, "rev-parse", "HEAD")
    crafted_commit(repo, [("160000", b"submodule", head)])
    result = renkei(repo, "diff", "HEAD~1", "HEAD")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P021" in result.stdout + result.stderr


# --- workbooks and CSV --------------------------------------------------------------------------


def _set_dimension(path: Path, ref: str) -> None:
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index("<dimension ")
    end = sheet.index("/>", start) + 2
    parts["xl/worksheets/sheet1.xml"] = (
        sheet[:start] + f'<dimension ref="{ref}"/>' + sheet[end:]
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


# A sheet of too many real rows or cells: tests/workbook/test_workbook_safety.py (the limits)
# and the attack "workbook-too-many-rows" (the command, its time and memory).


def test_workbook_declaring_a_huge_dimension_is_read_by_its_real_cells(
    registry: Registry, tmp_path: Path
) -> None:
    out = tmp_path / "tokyo.xlsx"
    assert renkei(registry, "export-xlsx", "13", "-o", str(out)).returncode == 0
    plain = renkei(registry, "import-xlsx", "13", str(out))
    _set_dimension(out, "A1:XFD1048576")
    declared = renkei(registry, "import-xlsx", "13", str(out), timeout=30)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert (declared.returncode, declared.stdout) == (plain.returncode, plain.stdout)
    assert "Traceback" not in declared.stderr


def test_import_csv_row_limit_applies_while_reading(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    header = "lg_code,name,answer_status\n"
    path.write_text(header + "131016,synthetic,not_answered\n" * 150_000, encoding="utf-8")
    result = renkei(registry, "import-csv", "13", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P014" in result.stdout


# --- more inputs and outputs --------------------------------------------------------------------


def test_scaffold_never_writes_through_a_link(registry: Registry, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    package = registry.path(f"{TOKYO}/datapackage.yaml")
    package.unlink()
    package.symlink_to(target)
    result = renkei(registry, "scaffold", "13")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_import_xlsx_refuses_a_linked_workbook(registry: Registry, tmp_path: Path) -> None:
    book = tmp_path / "tokyo.xlsx"
    assert renkei(registry, "export-xlsx", "13", "-o", str(book)).returncode == 0
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    result = renkei(registry, "import-xlsx", "13", str(link))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout


def test_verify_bundle_refuses_a_fifo(registry: Registry, tmp_path: Path) -> None:
    path = tmp_path / "bundle.zip"
    os.mkfifo(path)
    result = renkei(registry, "verify-bundle", str(path), timeout=15)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P019" in result.stdout


def test_import_write_refuses_a_linked_target(registry: Registry, tmp_path: Path) -> None:
    book = tmp_path / "tokyo.xlsx"
    assert renkei(registry, "export-xlsx", "13", "-o", str(book)).returncode == 0
    kpis = registry.path(f"{TOKYO}/kpis.csv")
    outside = tmp_path / "kpis.csv"
    outside.write_bytes(kpis.read_bytes())
    kpis.unlink()
    kpis.symlink_to(outside)
    before = outside.read_bytes()
    result = renkei(registry, "import-xlsx", "13", str(book), "--write")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P015" in result.stdout
    assert outside.read_bytes() == before and kpis.is_symlink()


def test_a_file_growing_past_the_limit_is_refused(tmp_path: Path) -> None:
    from renkei.registry.safe_files import FileTooLarge, read_limited

    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100) == b"x" * 100
    with pytest.raises(FileTooLarge):
        read_limited(path, 99)


def test_working_tree_diff_refuses_a_fifo(repo: Registry) -> None:
    fifo(repo.path(f"{TOKYO}/services.csv"))
    result = renkei(repo, "diff", timeout=15)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P019" in result.stdout


def test_log_refuses_a_history_path_that_climbs(repo: Registry) -> None:
    from helpers.gitrepo import with_entries, write_tree

    root = repo.root
    vision = write_blob(root, repo.path(f"{TOKYO}/vision.yaml").read_bytes())
    climbing = write_tree(root, [("100644", b"vision.yaml", vision)])
    extra = [("40000", b"..", climbing)]
    tree = with_entries(
        root, git(root, "rev-parse", "HEAD^{tree}"), ["registry", "prefectures"], extra
    )
    head = git(root, "commit-tree", tree, "-p", "HEAD", "-m", "synthetic crafted tree")
    git(root, "update-ref", "refs/heads/main", head)
    result = renkei(repo, "log")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "P020" in result.stdout


def test_cells_are_counted_across_sheets(registry: Registry, tmp_path: Path) -> None:
    import io
    import zipfile

    from openpyxl import Workbook

    rows = "".join(
        f'<row r="{n}"><c r="A{n}"/><c r="B{n}"/><c r="C{n}"/><c r="D{n}"/></row>'
        for n in range(1, 40_001)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>"
    ).encode()  # 160,000 cells: under the limit alone, over it twice
    buffer = io.BytesIO()
    Workbook().save(buffer)
    path = tmp_path / "two-sheets.xlsx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, source.read(info))
        out.writestr("xl/worksheets/sheet1.xml", sheet)
        out.writestr("xl/worksheets/sheet2.xml", sheet)
    result = renkei(registry, "import-xlsx", "13", str(path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "W004" in result.stdout and "all sheets" in result.stdout
