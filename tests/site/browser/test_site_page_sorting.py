"""helpers.site_pages on a crafted folder: the site's pages (not the search index, the API or
the static files), their language by path, one page per template (the largest)."""

from __future__ import annotations

from pathlib import Path

from helpers.site_pages import declared_language, one_page_per_template, site_pages


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_pages_by_template_and_language(tmp_path: Path) -> None:
    for page in ["index.html", "en/index.html", "prefectures/01-hokkaido/index.html",
                 "en/prefectures/01-hokkaido/index.html", "prefectures/01-hokkaido/fy/2025.html",
                 "prefectures/01-hokkaido/changes/0123abcd.html", "pagefind/x.html",
                 "api/v1/x.html", "assets/x.html", "en/pagefind/y.html"]:  # fmt: skip
        _write(tmp_path, page, '<html lang="ja"><p>x</p></html>')
    _write(tmp_path, "prefectures/13-tokyo/index.html", '<html lang="ja"><p>more text</p></html>')
    assert len(site_pages(tmp_path)) == 7
    assert one_page_per_template(tmp_path) == {
        "en:index.html": "en/index.html",
        "en:prefectures/*/index.html": "en/prefectures/01-hokkaido/index.html",
        "ja:index.html": "index.html",
        "ja:prefectures/*/changes/*": "prefectures/01-hokkaido/changes/0123abcd.html",
        "ja:prefectures/*/fy/*": "prefectures/01-hokkaido/fy/2025.html",
        "ja:prefectures/*/index.html": "prefectures/13-tokyo/index.html",
    }


def test_declared_language(tmp_path: Path) -> None:
    _write(tmp_path, "a.html", '<!doctype html><html lang="en"><body></body></html>')
    _write(tmp_path, "b.html", "<html><body></body></html>")
    _write(tmp_path, "c.html", "<p>no html element</p>")
    assert declared_language(tmp_path / "a.html") == "en"
    assert declared_language(tmp_path / "b.html") == ""
    assert declared_language(tmp_path / "c.html") is None
