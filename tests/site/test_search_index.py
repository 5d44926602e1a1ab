"""Pagefind over a folder: the index of the pages marked for search, and a clear error (never a
traceback) when Pagefind cannot index the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from renkei.site.model import SiteError
from renkei.site.search import index_site

PAGE = """<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>t</title></head>
<body><main data-pagefind-body><h1>合成テスト基盤</h1><p>千代田区</p></main></body></html>"""


def test_the_pages_marked_for_search_are_indexed(tmp_path: Path) -> None:
    page = tmp_path / "prefectures" / "13-tokyo" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    files = index_site(tmp_path)
    names = {p.name for p in files}
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css"} <= names
    assert any(p.suffix == ".pf_meta" for p in files)


def test_a_folder_without_pages_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        index_site(tmp_path)
    assert "Pagefind" in caught.value.message_en and "Pagefind" in caught.value.message_ja
