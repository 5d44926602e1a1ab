"""The browser tests' fixtures: one headless Chromium for the session, and the pages it looks at,
built once from SYNTHETIC registries (tests/helpers/): the HTML diff of a reviewer's change
(`renkei diff --format html`) and the bundle's vision page.

Every browser test module is in the xdist group "browser", so one worker builds the pages and
starts the browser once. helpers.browser explains when a missing browser skips and when it fails.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers.browser import Browser, serve, start_chromium
from helpers.reviewer_change import changed_registry
from helpers.site import reviewer_site
from helpers.site_pages import one_page_per_template

#: The pages of the outputs that are not the site: name in the served folder -> what it is.
OUTPUT_PAGES = {"diff.html": "renkei diff --format html", "vision.html": "the bundle's vision page"}


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One headless Chromium (a Selenium WebDriver) for the session."""
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def outputs_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the HTML diff of a synthetic change and the vision page of its bundle."""
    tmp = tmp_path_factory.mktemp("outputs")
    repo = changed_registry(tmp / "repo")
    root = tmp / "pages"
    root.mkdir()
    result = repo.run("diff", "--root", str(repo.root), "--lang", "ja", "--format", "html",
                      "HEAD~1", "HEAD", "-o", str(root / "diff.html"))  # fmt: skip
    assert result.exit_code == 0, result.output
    result = repo.run("bundle", "13", "--root", str(repo.root), "--out", str(tmp / "bundle"),
                      "--revision", "HEAD")  # fmt: skip
    assert result.exit_code == 0, result.output
    (archive,) = (tmp / "bundle").glob("*.zip")
    with zipfile.ZipFile(archive) as bundle:
        (root / "vision.html").write_bytes(bundle.read("vision.html"))
    return root


@pytest.fixture(scope="session")
def outputs(chromium: object, outputs_root: Path) -> Iterator[Browser]:
    """The browser looking at `outputs_root`, served over HTTP on 127.0.0.1."""
    with serve(outputs_root) as base:
        yield Browser(chromium, base)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a synthetic registry with a history (helpers.reviewer_change: a committed
    Tokyo, then a new platform, a changed one and a new vision revision), built by `renkei site`
    once for the run (`helpers.site.reviewer_site`, which tests/site/test_site_pages.py reads)."""
    return reviewer_site(tmp_path_factory)


@pytest.fixture(scope="session")
def site(chromium: object, site_root: Path) -> Iterator[Browser]:
    """The browser looking at the built site, served over HTTP on 127.0.0.1."""
    with serve(site_root) as base:
        yield Browser(chromium, base)


@pytest.fixture(scope="session")
def template_pages(site_root: Path) -> list[str]:
    """The pages the browser opens: the largest page of every template in each language, and
    Tokyo's page in both (the synthetic registry's platforms are there)."""
    pages = set(one_page_per_template(site_root).values())
    pages |= {"prefectures/13-tokyo/index.html", "en/prefectures/13-tokyo/index.html"}
    return sorted(pages)
