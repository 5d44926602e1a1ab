"""The built site in a real browser: a page of every template, in both languages, loads without
a console error and meets WCAG 2.1 A and AA (axe-core); every page says its language; every
internal link of the whole site resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.browser import Browser, errors, show_console, show_violations
from helpers.link_check import check_site
from helpers.site_pages import declared_language, language, one_page_per_template, site_pages

pytestmark = pytest.mark.xdist_group("browser")


def test_site_has_every_kind_of_page_in_both_languages(site_root: Path) -> None:
    templates = one_page_per_template(site_root)
    assert "ja:index.html" in templates and "en:index.html" in templates, templates
    ja = {key[3:] for key in templates if key.startswith("ja:")}
    en = {key[3:] for key in templates if key.startswith("en:")}
    assert ja == en, f"templates in one language only: {sorted(ja ^ en)}"
    assert len(ja) >= 4, templates


def test_every_page_says_its_language(site_root: Path) -> None:
    wrong = [
        f"{page}: lang={declared_language(site_root / page)!r}, expected {language(page)!r}"
        for page in site_pages(site_root)
        if declared_language(site_root / page) != language(page)
    ]
    assert not wrong, "\n".join(wrong)


def test_every_internal_link_of_the_site_resolves(site_root: Path) -> None:
    report = check_site(site_root)
    assert report.pages >= len(site_pages(site_root))
    assert not report.broken, report.show()


def test_every_template_loads_without_console_errors(
    site: Browser, template_pages: list[str]
) -> None:
    failures = []
    for page in template_pages:
        found = errors(site.open(page))
        if found:
            failures.append(show_console(page, found))
    assert not failures, "\n".join(failures)


#: Violations the site's templates have today, by (page, axe rule): each must still occur (the
#: test fails once one is fixed, so that its entry is removed); any other violation fails.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()


def test_every_template_has_no_axe_violations(site: Browser, template_pages: list[str]) -> None:
    failures, known = [], set()
    for page in template_pages:
        site.open(page)
        violations = []
        for violation in site.axe():
            if (page, violation["id"]) in KNOWN_VIOLATIONS:
                known.add((page, violation["id"]))
            else:
                violations.append(violation)
        if violations:
            failures.append(show_violations(page, violations))
    assert not failures, "\n".join(failures)
    assert known == KNOWN_VIOLATIONS, (
        f"fixed, remove from KNOWN_VIOLATIONS: {KNOWN_VIOLATIONS - known}"
    )


def test_every_template_says_its_language_in_the_browser(
    site: Browser, template_pages: list[str]
) -> None:
    for page in template_pages:
        site.open(page)
        lang = site.driver.execute_script("return document.documentElement.lang")
        assert lang == language(page), page
