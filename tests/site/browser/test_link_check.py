"""helpers.link_check on crafted folders: it finds a missing file, a missing fragment, a path out
of the root; resolves folders, `/`-rooted and relative links; collects external ones unfetched."""

from __future__ import annotations

from pathlib import Path

from helpers.link_check import check_site


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_link_check_finds_every_kind_of_broken_link(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "index.html",
        """<html><head><link rel="stylesheet" href="/style.css">
<script src="app.js"></script></head><body id="top-body">
<a href="en/">en</a> <a href="en/#intro">intro</a> <a href="#top-body">self</a> <a href="#">top</a>
<a href="/pref/13/">pref</a> <a href="en/#nowhere">bad fragment</a> <a href="gone.html">gone</a>
<img src="img/map.png"> <a href="../../etc/passwd">out</a>
<a href="https://example.org/x">ext</a> <a href="//example.com/y">ext2</a>
<a href="mailto:a@example.org">mail</a> <a href="ftp://example.org/">ftp</a>
<a name="old-anchor"></a><a href="#old-anchor">old</a>
</body></html>""",
    )
    _write(tmp_path, "style.css", "")
    _write(tmp_path, "app.js", "")
    _write(
        tmp_path,
        "en/index.html",
        '<html><body><h2 id="intro">x</h2><a href="../index.html#top-body">back</a></body></html>',
    )
    _write(
        tmp_path,
        "pref/13/index.html",
        '<html><body><a href="../../style.css">css</a></body></html>',
    )
    report = check_site(tmp_path)
    assert report.pages == 3
    broken = {(b.page, b.url, b.reason) for b in report.broken}
    assert broken == {
        ("/index.html", "en/#nowhere", "no id 'nowhere' in index.html"),
        ("/index.html", "gone.html", "no such file"),
        ("/index.html", "img/map.png", "no such file"),
        ("/index.html", "../../etc/passwd", "no such file"),
        ("/index.html", "ftp://example.org/", "unknown scheme"),
    }, report.show()
    assert report.external == {"https://example.org/x", "//example.com/y"}
    assert report.internal == 14
    assert "5 broken link(s) in 3 page(s)" in report.show()


def test_link_check_of_a_sound_site_is_clean(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", '<html><body><a href="a%20b.html#x">a</a></body></html>')
    _write(tmp_path, "a b.html", '<html><body><p id="x"><a href="./">home</a></p></body></html>')
    report = check_site(tmp_path)
    assert report.broken == [] and report.internal == 2 and report.pages == 2
