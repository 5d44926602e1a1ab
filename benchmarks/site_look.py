"""Screenshots of pages of a built site, for a look at it (make site-look).

The site folder is served on 127.0.0.1 (the search index loads only over HTTP), each page is
opened in headless Chromium (Debian's chromium and chromium-driver through Selenium, or the CHROMIUM and CHROMEDRIVER
named in the environment) at 1280
pixels wide, and the whole page, down to MAX_HEIGHT, is written as a PNG.

    python benchmarks/site_look.py SITE_DIR OUT.png=PAGE [OUT.png=PAGE ...]

PAGE is a page's path below SITE_DIR (e.g. index.html).
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDTH = 1280
MAX_HEIGHT = 2400


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _driver(profile: str) -> Any:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which(os.environ.get("CHROMIUM") or "chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--disable-sync", "--disable-background-networking",
                     "--disable-component-update", "--hide-scrollbars", "--lang=ja",
                     f"--window-size={WIDTH},1000", f"--user-data-dir={profile}"):  # fmt: skip
        options.add_argument(argument)
    return webdriver.Chrome(
        options=options,
        service=Service(
            shutil.which(os.environ.get("CHROMEDRIVER") or "chromedriver") or "chromedriver"
        ),
    )


def _shoot(driver: Any, url: str, target: Path) -> None:
    driver.get(url)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    height = min(int(height), MAX_HEIGHT)
    metrics = {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(base64.b64decode(shot["data"]))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("shots", nargs="+", help="OUT.png=PAGE")
    args = parser.parse_args()
    shots = [tuple(shot.split("=", 1)) for shot in args.shots]
    for _out, page in shots:
        if not (args.site / page).is_file():
            sys.exit(f"site_look: {args.site / page} does not exist (build the site: make site)")
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as profile:
        driver = _driver(profile)
        try:
            for out, page in shots:
                _shoot(driver, f"{base}/{page}", Path(out))
                print(f"{out} <- {page}")
        finally:
            driver.quit()
            server.shutdown()


if __name__ == "__main__":
    main()
