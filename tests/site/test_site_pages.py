"""`renkei site` on a synthetic registry with Git history (a platform added and changed, a new
vision revision): every template is produced in both languages, pages speak in labels, stay
light, link to the file to edit, and the API documents and Atom feeds parse."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from helpers.reviewer_change import NEW_PLATFORM
from helpers.site import REPO_URL, raw_words, read_page, reviewer_site

ATOM = "{http://www.w3.org/2005/Atom}"
EDIT = f"{REPO_URL}/edit/main/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reviewer_site(tmp_path_factory)


def _html(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_every_template_is_produced_in_both_languages(site: Path) -> None:
    changes = sorted((site / "prefectures" / "13-tokyo" / "changes").glob("*.html"))
    years = sorted((site / "prefectures" / "13-tokyo" / "fy").glob("*.html"))
    assert len(changes) == 2 and [p.name for p in years] == ["2025.html"]
    for relative in [
        "index.html",
        "downloads/index.html",
        "prefectures/13-tokyo/index.html",
        "prefectures/13-tokyo/vision.html",
        f"platforms/{NEW_PLATFORM}/index.html",
        "platforms/test-platform/index.html",
        changes[0].relative_to(site).as_posix(),
        years[0].relative_to(site).as_posix(),
    ]:
        for lang, prefix in (("ja", ""), ("en", "en/")):
            page = read_page(site / prefix / relative)
            assert page.lang == lang, relative
            tags = [tag for tag, _ in page.tags]
            for landmark in ("header", "nav", "main", "footer"):
                assert landmark in tags, (relative, landmark)
    assert len(list((site / "prefectures").glob("*/index.html"))) == 47


def test_every_column_is_named_by_its_label(site: Path) -> None:
    """No column heading of a Japanese page, nor any part of one (「参加団体 › 参加時期」), is a
    bare field name (the English pages write their headings in lower-case words)."""
    import re

    bare = re.compile(r"[a-z][a-z_]*")
    for path in _html(site):
        if path.relative_to(site).parts[0] == "en":
            continue
        for heading in re.findall(r'<th scope="col">([^<]*)</th>', path.read_text("utf-8")):
            parts = [part.strip() for part in heading.split("›")]
            assert not [p for p in parts if bare.fullmatch(p)], (path, heading)


def test_pages_show_labels_not_ids(site: Path) -> None:
    for path in _html(site):
        text = read_page(path).text
        assert raw_words(text) == [], (path, raw_words(text))


def test_every_page_is_under_100_kb(site: Path) -> None:
    for path in _html(site):
        assert path.stat().st_size < 100_000, path
    css = list((site / "assets").glob("*.css"))
    assert [p.name for p in css] == ["site.css"]


def test_edit_links_point_at_the_files_shown(site: Path) -> None:
    expected = {
        "prefectures/13-tokyo/index.html": "registry/prefectures/13-tokyo/prefecture.yaml",
        "prefectures/13-tokyo/vision.html": "registry/prefectures/13-tokyo/vision.yaml",
        "platforms/test-platform/index.html": "registry/prefectures/13-tokyo/platforms.yaml",
        "en/platforms/test-platform/index.html": "registry/prefectures/13-tokyo/platforms.yaml",
        "index.html": "registry/reference/national-status.csv",
    }
    for relative, target in expected.items():
        page = read_page(site / relative)
        hrefs = [href for href, _ in page.links]
        assert EDIT + target in hrefs, (relative, hrefs)
        assert f"{REPO_URL}/blob/main/CONTRIBUTING.md" in hrefs
    text = read_page(site / "en/index.html").text
    assert "Edit this page" in text
    assert "このページを編集" in read_page(site / "index.html").text


def test_the_map_tiles_link_to_each_prefecture(site: Path) -> None:
    page = read_page(site / "index.html")
    tiles = {href: a["aria-label"] for href, a in page.links if a.get("aria-label")}
    assert len(tiles) == 47
    assert tiles["prefectures/13-tokyo/"].startswith("東京都: ")
    assert all(href.startswith("prefectures/") for href in tiles)


def test_the_api_documents_parse(site: Path) -> None:
    index = json.loads((site / "api/v1/index.json").read_text(encoding="utf-8"))
    assert index["api_version"] == 1 and len(index["prefectures"]) == 47
    tokyo = json.loads((site / "api/v1/prefectures/13.json").read_text(encoding="utf-8"))
    assert tokyo["folder"] == "13-tokyo" and len(tokyo["changes"]) == 2
    platform = json.loads((site / f"api/v1/platforms/{NEW_PLATFORM}.json").read_text("utf-8"))
    assert platform["platform"]["id"] == NEW_PLATFORM
    assert [e["kind"] for e in platform["timeline"]] == ["added"]
    for entry in index["platforms"]:
        assert (site / entry["url"]).is_file()


def test_the_atom_feeds_parse(site: Path) -> None:
    # The first commit adds every folder (47 entries), the second changes Tokyo.
    counts = {"feeds/changes.xml": 48, "feeds/13-tokyo.xml": 2, "en/feeds/13-tokyo.xml": 2,
              "feeds/01-hokkaido.xml": 1}  # fmt: skip
    for relative, count in counts.items():
        root = ET.parse(site / relative).getroot()
        assert root.tag == f"{ATOM}feed"
        for child in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{child}") is not None
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == count, relative
        for entry in entries:
            for child in ("id", "title", "updated", "link"):
                assert entry.find(f"{ATOM}{child}") is not None
            href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
            assert (site / relative).parent.joinpath(href).resolve().is_file(), href


def test_the_downloads_are_there(site: Path) -> None:
    package = json.loads((site / "downloads/data/datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        data = (site / "downloads/data" / resource["path"]).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), resource["path"]
    platforms = (site / "downloads/data/platforms.csv").read_text(encoding="utf-8-sig")
    assert NEW_PLATFORM in platforms
    assert list((site / "downloads/bundles").glob("13-tokyo_FY2025_r2*.zip"))
    registry = json.loads((site / "downloads/registry.json").read_text(encoding="utf-8"))
    assert len(registry["prefectures"]) == 47
    with contextlib.closing(sqlite3.connect(site / "downloads/registry.sqlite")) as database:
        names = {r[0] for r in database.execute("select id from platforms")}
        commits = database.execute("select count(*) from history").fetchone()[0]
    assert NEW_PLATFORM in names and commits > 0
    metadata = json.loads((site / "downloads/metadata.json").read_text(encoding="utf-8"))
    assert "platforms" in metadata["databases"]["registry"]["tables"]
    index = (site / "downloads/index.html").read_text(encoding="utf-8")
    assert 'href="registry.sqlite"' in index or "registry.sqlite" in index


def test_the_search_index_is_built(site: Path) -> None:
    """One index per region with pages, listed for the search box (the primary first)."""
    names = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert names[0] == "hokkaido" and "kanto" in names and len(names) == 8
    for name in names:
        assert (site / "pagefind" / name / "pagefind.js").is_file()
        assert (site / "pagefind" / name / "pagefind-ui.js").is_file()
    page = read_page(site / "prefectures/13-tokyo/index.html")
    assert any("data-pagefind-body" in attrs for tag, attrs in page.tags if tag == "main")


def test_registry_text_on_english_pages_is_marked_japanese(site: Path) -> None:
    page = read_page(site / "en/prefectures/13-tokyo/index.html")
    h1 = [attrs for tag, attrs in page.tags if tag == "h1"]
    assert h1 == [{"lang": "ja"}]
    vision = read_page(site / "en/prefectures/13-tokyo/vision.html")
    assert {"class": "vision", "lang": "ja"} in [a for t, a in vision.tags if t == "div"]
    assert read_page(site / "prefectures/13-tokyo/index.html").tags[0] == ("html", {"lang": "ja"})
