"""The browser harness itself finds what it is there to find: on crafted pages, axe-core reports
an image without a text alternative and a page without a language, a focus is visible only
with a ring on screen, the console errors of a script
that throws and of a missing file are collected, and the failure messages name rule and element.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from helpers.browser import Browser, errors, missing, serve, show_console, show_violations

pytestmark = pytest.mark.xdist_group("browser")

BAD_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>bad (synthetic)</title>
<script src="missing.js"></script></head>
<body><main><img src="pixel.gif" id="no-alt">
<script>throw new Error("synthetic failure");</script></main></body></html>
"""
GOOD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>good (synthetic)</title></head>
<body><main><h1>Good</h1><p>Nothing wrong here.</p></main></body></html>
"""
KEYBOARD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>keys (synthetic)</title>
<style>.skip { position: absolute; left: -999px; } .skip:focus { left: 0; }
#hidden-ring:focus { outline: none; } .away { position: absolute; left: -999px; }</style></head>
<body><a class="skip" href="#main">Skip</a><main id="main"><a id="hidden-ring" href="#x">no ring</a>
<a class="away" href="#y">off screen</a></main></body></html>
"""
# A 1x1 transparent GIF.
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)


@pytest.fixture(scope="module")
def crafted(chromium: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    root = tmp_path_factory.mktemp("crafted")
    (root / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    (root / "good.html").write_text(GOOD_PAGE, encoding="utf-8")
    (root / "keys.html").write_text(KEYBOARD_PAGE, encoding="utf-8")
    (root / "pixel.gif").write_bytes(PIXEL)
    with serve(root) as base:
        yield Browser(chromium, base)


def test_axe_reports_what_is_wrong_and_where(crafted: Browser) -> None:
    crafted.open("bad.html")
    violations = crafted.axe()
    rules = {v["id"] for v in violations}
    assert {"image-alt", "html-has-lang"} <= rules, rules
    shown = show_violations("bad.html", violations)
    assert "image-alt" in shown and "#no-alt" in shown and "bad.html:" in shown


def test_axe_finds_nothing_on_a_good_page(crafted: Browser) -> None:
    crafted.open("good.html")
    assert crafted.axe() == []


def test_console_collects_exceptions_and_missing_files(crafted: Browser) -> None:
    failures = errors(crafted.open("bad.html"))
    text = show_console("bad.html", failures)
    assert "synthetic failure" in text, text
    assert "missing.js" in text and "404" in text, text


def test_console_is_quiet_on_a_good_page(crafted: Browser) -> None:
    assert errors(crafted.open("good.html")) == []


def test_focus_is_visible_only_with_a_ring_on_screen(crafted: Browser) -> None:
    crafted.open("keys.html")
    seen = []
    for _ in range(3):
        ActionChains(crafted.driver).send_keys(Keys.TAB).perform()
        focused = crafted.driver.switch_to.active_element
        seen.append((focused.text or focused.get_attribute("class"), crafted.focus_visible()))
    assert seen == [("Skip", True), ("no ring", False), ("away", False)], seen


def test_pages_are_served_from_the_folder(crafted: Browser) -> None:
    crafted.open("good.html")
    assert crafted.driver.find_element("tag name", "h1").text == "Good"


def test_a_missing_browser_fails_under_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set, so the browser tests must run"):
        missing("chromium is not on PATH")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=r"chromium is not on PATH .*make browser"):
        missing("chromium is not on PATH")
