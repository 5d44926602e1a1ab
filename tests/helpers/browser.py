"""Pages in a real browser: headless Chromium driven by Selenium, a local HTTP server for a built
site, axe-core's accessibility rules, the browser's console, and readable failure messages.

`make browser` installs what this needs: Debian's `chromium` and `chromium-driver` (the driver
is built from the same source as the browser, so their versions always match), Selenium (test
extras) and axe-core from npm into build/node (pinned by tests/site/browser/package-lock.json).
Outside CI a machine without Chromium skips the browser tests with the reason; under CI (CI set)
a missing piece is a failure, never a skip.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
#: axe-core as `make browser` installs it (npm ci from tests/site/browser/package-lock.json).
AXE = REPO / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG levels every page must meet (axe-core's tags).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The window every page is looked at in.
WINDOW = (1280, 1000)


def missing(what: str) -> None:
    """A browser test cannot run: under CI a failure, elsewhere a skip saying how to fix it."""
    message = f"{what} (install it: make browser)"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser tests must run: {message}", pytrace=False)
    pytest.skip(message)


def _binary(variable: str, default: str) -> str:
    """The browser's or driver's path: the variable if set, else the name on PATH."""
    name = os.environ.get(variable) or default
    found = shutil.which(name)
    if found is None:
        missing(f"{name} is not on PATH (or set {variable})")
    assert found is not None
    return found


def start_chromium(profile: Path) -> Any:
    """A headless Chromium (Selenium's WebDriver) that keeps every console message."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("Selenium is not installed")
    chromium = _binary("CHROMIUM", "chromium")
    driver_path = _binary("CHROMEDRIVER", "chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-sync", "--disable-background-networking",
        "--disable-component-update", "--disable-extensions", "--lang=ja",
        f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--user-data-dir={profile}",
    ):  # fmt: skip
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The driver is named: Selenium Manager never looks for (or downloads) one.
    return webdriver.Chrome(options=options, service=Service(driver_path))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a directory without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged (a missing file shows in the browser's console)."""


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ROOT on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


_FOCUS_VISIBLE = """
const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
return e !== document.body && ring && e.matches(':focus-visible') && r.width > 0 && r.height > 0
  && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
"""


@dataclass
class Browser:
    """A headless Chromium and the site it looks at (served at `base`)."""

    driver: Any
    base: str

    def open(self, path: str) -> list[dict[str, Any]]:
        """Load PATH (relative to the site root), wait for it, and return what the console
        said while loading (every message; `errors` picks the failures)."""
        self.driver.get_log("browser")  # forget what earlier pages said
        self.driver.get(f"{self.base}/{path.lstrip('/')}")
        # A moment after the load event, for what the page does then (and its late requests).
        self.driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 100);")
        return self.console()

    def console(self) -> list[dict[str, Any]]:
        """What the console said since the last call. Chromium's own request for /favicon.ico
        is left out: a page that names an icon has it checked by the link check."""
        favicon = f"{self.base}/favicon.ico "
        return [m for m in self.driver.get_log("browser") if not m["message"].startswith(favicon)]

    def focus_visible(self) -> bool:
        """Whether the focused element shows it (a focus ring by outline or box shadow, matched
        by :focus-visible) and is on screen (not a skip link left off the viewport)."""
        return bool(self.driver.execute_script(_FOCUS_VISIBLE))

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's WCAG 2.1 A and AA violations on the page shown now."""
        if not AXE.is_file():
            missing(f"axe-core is not installed at {AXE.relative_to(REPO)}")
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
            " resultTypes: ['violations']})"
            ".then(r => done(r.violations)).catch(e => done({error: String(e)}));",
            AXE_TAGS,
        )
        if isinstance(result, dict):
            raise AssertionError(f"axe-core failed to run: {result['error']}")
        return list(result)


def errors(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The console messages that are failures: errors, uncaught exceptions, failed loads."""
    return [m for m in messages if m.get("level") == "SEVERE"]


def show_console(page: str, messages: list[dict[str, Any]]) -> str:
    """The console errors of PAGE, one a line."""
    lines = [f"{page}: {len(messages)} console error(s)"]
    lines += [f"  [{m.get('source', '?')}] {m.get('message', '')}" for m in messages]
    return "\n".join(lines)


def show_violations(page: str, violations: list[dict[str, Any]]) -> str:
    """axe-core's violations on PAGE: the rule, its impact and help, and every element."""
    lines = [f"{page}: {len(violations)} axe violation(s)"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation.get('helpUrl', '')}>"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)
