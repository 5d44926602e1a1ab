"""A rebuild after one prefecture changed renders only that prefecture's pages (and the pages
that read every prefecture); a folder that is not a renkei site is refused and left untouched;
bad option values are usage errors, never tracebacks."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from helpers.gitrepo import committed_registry
from helpers.registry import SYNTHETIC_PLATFORMS, TOKYO_PLATFORMS, Registry
from helpers.shared_build import made_once
from helpers.site import build, read_page

MANIFEST = ".renkei-site.json"


def _mtimes(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()
    }


@pytest.fixture
def repo(tmp_path: Path) -> Registry:
    return committed_registry(tmp_path / "repo")


def _first_builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed registry (repo/) and its site with bundles, no search index, built once for
    the run with `--jobs 1` (1/) and with `--jobs 2` (2/); tests copy what they change."""

    def make(folder: Path) -> Path:
        repo = committed_registry(folder / "repo")
        for jobs in ("1", "2"):
            result = build(repo, folder / jobs, "--jobs", jobs, "--no-search")
            assert result.exit_code == 0, result.output
        return folder

    return made_once(tmp_path_factory, "committed-sites", make)


@pytest.fixture
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _first_builds(tmp_path_factory)


def _copy_of(built: Path, jobs: str, tmp_path: Path) -> tuple[Registry, Path]:
    """A copy of the shared registry and of its site built with JOBS (modification times kept,
    as a moved site folder keeps them)."""
    shutil.copytree(built / "repo", tmp_path / "repo", symlinks=True)
    shutil.copytree(built / jobs, tmp_path / "site", symlinks=True)
    return Registry(tmp_path / "repo"), tmp_path / "site"


def test_a_rebuild_renders_only_the_changed_prefecture(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    before = _mtimes(out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    again = build(repo, out, "--no-bundles", "--no-search")
    assert again.exit_code == 0, again.output
    assert " 0 written" in again.output, again.output
    assert _mtimes(out) == {**before, MANIFEST: _mtimes(out)[MANIFEST]}

    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []",
                 "platforms:\n  - id: kanagawa-test\n    name: 合成テスト基盤\n    sources: []")  # fmt: skip
    third = build(repo, out, "--no-bundles", "--no-search")
    assert third.exit_code == 0, third.output
    after = _mtimes(out)
    changed = {p for p in after if after[p] != before.get(p)} - {MANIFEST}
    assert "prefectures/14-kanagawa/index.html" in changed
    assert "en/prefectures/14-kanagawa/index.html" in changed
    assert "platforms/kanagawa-test/index.html" in changed
    assert "index.html" in changed and "api/v1/index.json" in changed
    others = {p for p in changed if p.startswith(("prefectures/", "en/prefectures/"))}
    assert all("/14-kanagawa/" in p for p in others), sorted(others)
    assert after["prefectures/13-tokyo/index.html"] == before["prefectures/13-tokyo/index.html"]
    new = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(new["files"]) == set(manifest["files"]) | {
        "platforms/kanagawa-test/index.html", "en/platforms/kanagawa-test/index.html",
        "api/v1/platforms/kanagawa-test.json"}  # fmt: skip


def test_a_page_the_site_no_longer_has_is_removed(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    assert (out / "platforms/test-platform/index.html").is_file()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    repo.write(repo.pref("platforms.yaml"), "schema_version: 1\nplatforms: []\n")
    assert build(repo, out, "--no-bundles", "--no-search").exit_code == 0
    assert not (out / "platforms/test-platform/index.html").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_folder_of_other_files_is_refused_untouched(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    for lang, words in (
        ("en", "is not a site renkei built"),
        ("ja", "renkei が作ったサイトでもありません"),
    ):
        result = repo.run("site", "--root", str(repo.root), "-o", str(out), "--lang", lang)
        assert result.exit_code == 2, result.output
        assert words in result.output and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_an_output_that_is_a_file_is_refused(repo: Registry, tmp_path: Path) -> None:
    target = tmp_path / "site.html"
    target.write_text("x", encoding="utf-8")
    result = repo.run("site", "--root", str(repo.root), "-o", str(target), "--lang", "en")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--repo-url", "https://gitlab.com/a/b"], "must be a GitHub repository"),
        (["--branch", "a..b"], "Not a branch name"),
        (["--as-of", "2026-13-01"], "Invalid value"),
    ],
)
def test_bad_option_values_are_usage_errors(
    repo: Registry, tmp_path: Path, args: list[str], words: str
) -> None:
    out = tmp_path / "out"
    result = build(repo, out, *args)
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_without_a_repository_address_there_is_no_edit_link(repo: Registry, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(repo, out, "--repo-url", "", "--no-bundles", "--no-search").exit_code == 0
    page = read_page(out / "prefectures/13-tokyo/index.html")
    assert not [h for h, _ in page.links if "github.com" in h]
    assert "Edit this page" not in read_page(out / "en/prefectures/13-tokyo/index.html").text


def test_the_origin_remote_on_github_gives_the_edit_links(repo: Registry, tmp_path: Path) -> None:
    from helpers.gitrepo import git

    git(repo, "remote", "add", "origin", "git@github.com:some-org/some-registry.git")
    out = tmp_path / "out"
    result = repo.run("site", "--root", str(repo.root), "-o", str(out), "--lang", "en",
                      "--no-bundles", "--no-search")  # fmt: skip
    assert result.exit_code == 0, result.output
    hrefs = [h for h, _ in read_page(out / "platforms/test-platform/index.html").links]
    edit = "https://github.com/some-org/some-registry/edit/main/registry/prefectures/13-tokyo/platforms.yaml"
    assert edit in hrefs


def test_a_rebuild_indexes_again_only_the_changed_region(repo: Registry, tmp_path: Path) -> None:
    """神奈川県 changes: the Kanto index is made again, the other seven are kept as they were
    (Pagefind in its own forked process, as a build on two cores runs it)."""
    out = tmp_path / "out"
    assert build(repo, out, "--no-bundles", "--jobs", "2").exit_code == 0
    before = _mtimes(out)
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []",
                 "platforms:\n  - id: kanagawa-test\n    name: 合成検索基盤\n    sources: []")  # fmt: skip
    again = build(repo, out, "--no-bundles", "--jobs", "2")
    assert again.exit_code == 0, again.output
    after = _mtimes(out)
    index = {p for p in after if p.startswith("pagefind/")}
    changed = {p.split("/")[1] for p in index if after[p] != before.get(p)}
    assert changed == {"kanto"}, sorted(changed)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    # Every file of the index is the new build's (none left over from the old Kanto index).
    assert index == {p for p in manifest["files"] if p.startswith("pagefind/")}
    assert all((out / p).is_file() for p in manifest["files"])


def test_one_process_and_two_build_the_same_site(built: Path) -> None:
    """`--jobs 1` (everything in this process) and `--jobs 2` (pages on workers, downloads,
    bundles in processes of their own) write the same files, byte for byte (the search index
    is left out: its file names are Pagefind's hashes, and its own tests cover it)."""
    one, two = (_contents(built / jobs) for jobs in ("1", "2"))
    assert set(one) == set(two) and len(one) > 100
    assert any(p.startswith("downloads/bundles/") for p in one)
    assert [p for p in one if one[p] != two[p]] == []


def _contents(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and "pagefind" not in p.parts and p.name != MANIFEST
    }


def test_a_rebuild_builds_again_only_the_changed_prefectures_bundle(
    built: Path, tmp_path: Path
) -> None:
    """東京都 changes: its bundle is built again, the 46 others are kept; a folder whose bundle
    cannot be built is listed with the reason, and the build still succeeds."""
    repo, out = _copy_of(built, "1", tmp_path)
    before = _mtimes(out)
    zips = sorted(p for p in before if p.startswith("downloads/bundles/"))
    assert len(zips) == 47
    repo.replace(TOKYO_PLATFORMS, "name: テスト基盤", "name: テスト基盤（改）")
    again = build(repo, out, "--no-search")
    assert again.exit_code == 0, again.output
    after = _mtimes(out)
    changed = [p for p in zips if after.get(p) != before[p]]
    assert changed == [p for p in zips if "/13-tokyo_" in p], changed
    hrefs = [href for href, _ in read_page(out / "downloads/index.html").links]
    assert any("13-tokyo_" in href for href in hrefs)
    # A platform without its required fields: the registry reads, its bundle is refused.
    repo.replace(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: []",
                 "platforms:\n  - id: kanagawa-test\n    name: 合成テスト基盤\n    sources: []")  # fmt: skip
    broken = build(repo, out, "--no-search")
    assert broken.exit_code == 0, broken.output
    hrefs = [href for href, _ in read_page(out / "downloads/index.html").links]
    assert not any("14-kanagawa_" in href for href in hrefs)
    assert "神奈川県" in read_page(out / "downloads/index.html").text


def _bundle_alone(repo: Registry, folder: str, out: Path) -> bytes:
    """The zip `renkei bundle FOLDER` writes of the working tree, as of the site's date."""
    result = repo.run("bundle", folder, "--root", str(repo.root), "-o", str(out),
                      "--as-of", "2026-01-15")  # fmt: skip
    assert result.exit_code == 0, result.output
    (made,) = out.glob(f"{folder}_*.zip")
    return made.read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_bundle_of_the_site_is_the_one_renkei_bundle_writes(
    built: Path, tmp_path: Path, jobs: str
) -> None:
    """The site builds its bundles from the tree as it read and validated it for its pages:
    each is the zip `renkei bundle` writes on its own, byte for byte, whether every folder is
    built (on workers) or one changed (alone), and with a finding in the folder."""
    repo, out = _copy_of(built, jobs, tmp_path)
    for folder in ("13-tokyo", "47-okinawa"):
        (site_zip,) = (out / "downloads/bundles").glob(f"{folder}_*.zip")
        assert site_zip.read_bytes() == _bundle_alone(repo, folder, tmp_path / f"a-{folder}")
    # A second cross-field platform in Tokyo: a warning (A001) in its validation.json.
    second = SYNTHETIC_PLATFORMS.split("platforms:\n", 1)[1]
    second = second.replace("id: test-platform", "id: test-platform-2")
    repo.write(TOKYO_PLATFORMS, repo.read(TOKYO_PLATFORMS) + second)
    assert build(repo, out, "--no-search", "--jobs", jobs).exit_code == 0
    (site_zip,) = (out / "downloads/bundles").glob("13-tokyo_*.zip")
    with zipfile.ZipFile(site_zip) as archive:
        assert b'"A001"' in archive.read("validation.json")
    assert site_zip.read_bytes() == _bundle_alone(repo, "13-tokyo", tmp_path / "b")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_that_cannot_be_read_is_a_clear_error_in_both_languages(
    repo: Registry, tmp_path: Path, jobs: str
) -> None:
    """The downloads cannot be made from a folder with a file that does not parse: the same
    error, in Japanese too, whether the downloads are made here or in their own process."""
    repo.write(repo.pref("platforms.yaml", "14-kanagawa"), "platforms: [\n")
    for lang, words in (("en", "cannot be read"), ("ja", "を読めません")):
        result = repo.run("site", "--root", str(repo.root), "-o", str(tmp_path / lang),
                          "--lang", lang, "--jobs", jobs, "--no-search")  # fmt: skip
        assert result.exit_code == 2, result.output
        assert words in result.output and "14-kanagawa/platforms.yaml" in result.output
        assert "Traceback" not in result.output and "ExportError" not in result.output
