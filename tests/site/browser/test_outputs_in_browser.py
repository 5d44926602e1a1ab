"""The HTML outputs outside the site (the HTML diff, the bundle's vision page) in a real browser:
they load without a console error, meet WCAG 2.1 A and AA as axe-core checks it, say their
language, and every link of theirs resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.browser import Browser, errors, show_console, show_violations
from helpers.link_check import check_site

pytestmark = pytest.mark.xdist_group("browser")
PAGES = ["diff.html", "vision.html"]


@pytest.mark.parametrize("page", PAGES)
def test_output_page_loads_without_console_errors(outputs: Browser, page: str) -> None:
    failures = errors(outputs.open(page))
    assert not failures, show_console(page, failures)


@pytest.mark.parametrize("page", PAGES)
def test_output_page_has_no_axe_violations(outputs: Browser, page: str) -> None:
    outputs.open(page)
    violations = outputs.axe()
    assert not violations, show_violations(page, violations)


@pytest.mark.parametrize("page", PAGES)
def test_output_page_says_its_language(outputs: Browser, page: str) -> None:
    outputs.open(page)
    assert outputs.driver.execute_script("return document.documentElement.lang") == "ja"


def test_output_pages_links_resolve(outputs_root: Path) -> None:
    report = check_site(outputs_root)
    assert report.pages == len(PAGES)
    assert not report.broken, report.show()
