"""Using the built site as people do: searching for a platform by its Japanese name (Pagefind's
UI), clicking a tile of the national map, and moving through a page with the keyboard (the skip
link first, then on to the search box, each with a visible focus)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from helpers.browser import Browser, errors, show_console

pytestmark = pytest.mark.xdist_group("browser")

#: The synthetic platform of helpers.registry, and where its page is.
PLATFORM_NAME = "テスト基盤"
PLATFORM_ID = "test-platform"
SEARCH_INPUT = ".pagefind-ui__search-input"
SEARCH_RESULT = ".pagefind-ui__result-link"
SEARCH_MESSAGE = ".pagefind-ui__message"
#: How many Tab presses may pass before the search box has the focus.
MAX_TABS = 60


def _search(site: Browser, page: str, query: str) -> list[str]:
    """The result links Pagefind's UI on PAGE shows for QUERY (a failure says why there are none:
    the UI's message and the console's errors)."""
    site.open(page)
    box = WebDriverWait(site.driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, SEARCH_INPUT)
    )
    box.send_keys(query)
    try:
        WebDriverWait(site.driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, SEARCH_RESULT)
        )
    except TimeoutException:
        shown = [e.text for e in site.driver.find_elements(By.CSS_SELECTOR, SEARCH_MESSAGE)]
        console = show_console(page, errors(site.console()))
        pytest.fail(f"{page}: no result for {query!r} in 10 s; the UI says {shown}\n{console}")
    links = site.driver.find_elements(By.CSS_SELECTOR, SEARCH_RESULT)
    return [str(link.get_attribute("href")) for link in links]


#: The platform is in one region's index (kanto): found from every page, whose search box
#: merges the eight regions' indexes.
@pytest.mark.parametrize(
    "page",
    ["index.html", "en/index.html", "platforms/test-platform/"],
)
def test_search_finds_a_platform_by_its_japanese_name(site: Browser, page: str) -> None:
    found = _search(site, page, PLATFORM_NAME)
    expected = f"/platforms/{PLATFORM_ID}/"
    assert any(urlsplit(href).path.endswith(expected) for href in found), found


def _tiles(site: Browser) -> dict[str, Any]:
    """The map's tiles (links inside its SVG) by their href as written."""
    tiles = site.driver.find_elements(By.XPATH, "//*[local-name()='svg']//*[local-name()='a']")
    return {
        site.driver.execute_script(
            "return arguments[0].getAttribute('href') || arguments[0].getAttribute('xlink:href')",
            tile,
        ): tile
        for tile in tiles
    }


@pytest.mark.parametrize(
    ("page", "heading"), [("index.html", "東京都"), ("en/index.html", "東京都")]
)
def test_a_map_tile_leads_to_its_prefecture(site: Browser, page: str, heading: str) -> None:
    """The prefecture's name is its Japanese name in both languages (with lang="ja")."""
    site.open(page)
    tiles = _tiles(site)
    assert len(tiles) == 47, f"{len(tiles)} linked tiles on the map: {sorted(tiles)}"
    (href,) = [href for href in tiles if "13-tokyo" in href]
    expected = urljoin(site.driver.current_url, href)
    tiles[href].click()
    WebDriverWait(site.driver, 10).until(lambda d: d.current_url == expected)
    assert heading in site.driver.find_element(By.TAG_NAME, "h1").text


def _focused(site: Browser) -> Any:
    return site.driver.switch_to.active_element


def _keyboard_problem(site: Browser, page: str) -> str | None:
    """What is wrong with PAGE's keyboard path (skip link first, then the search box), or None."""
    site.open(page)
    WebDriverWait(site.driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, SEARCH_INPUT))
    keys = ActionChains(site.driver)
    keys.send_keys(Keys.TAB).perform()
    skip = _focused(site)
    html = str(skip.get_attribute("outerHTML"))[:200]
    href = str(skip.get_attribute("href") or "")
    if skip.tag_name != "a" or "#" not in href:
        return f"{page}: the first Tab reaches {html}, not a skip link"
    fragment = href.split("#", 1)[1]
    if not site.driver.find_elements(By.ID, fragment):
        return f"{page}: the skip link's target #{fragment} is not on the page"
    if not site.focus_visible():
        return f"{page}: no visible focus on the skip link {html}"
    for _ in range(MAX_TABS):
        keys.send_keys(Keys.TAB).perform()
        if "pagefind-ui__search-input" in str(_focused(site).get_attribute("class") or ""):
            break
    else:
        return f"{page}: the search box has no focus after {MAX_TABS} Tab presses"
    if not site.focus_visible():
        return f"{page}: no visible focus on the search box"
    return None


def test_tab_reaches_the_skip_link_first_then_the_search_box(
    site: Browser, template_pages: list[str]
) -> None:
    problems = [_keyboard_problem(site, page) for page in template_pages]
    found = [problem for problem in problems if problem]
    assert not found, "\n".join(found)
