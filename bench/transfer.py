"""What a first visit transfers: the login page and a unit page, as Chromium loads them.

Usage (from the project root, with a server running the demo, e.g. ``bash scripts/start``):
    .venv/bin/python bench/transfer.py [--base http://127.0.0.1:8000] [--unit <uid>]

Debian's Chromium (headless, as the browser tests) with an empty cache, so every file of the
page is fetched; the figure is the sum of the bytes on the wire of every answer (headers
included, as the DevTools protocol reports them: ``Network.loadingFinished``'s
``encodedDataLength``), with the Accept-Encoding Chromium sends (gzip, deflate, br, zstd).
The unit page is opened after logging in as the demo's ``member`` (a secretary would
first enrol a second factor) (the login's own
answers are not counted). See bench/README.md ("Transfer").
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from playwright.sync_api import Page, sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
PASSWORD = "nucleus-demo-2026"  # noqa: S105 (the demo's public password)


def measured(page: Page, visit: Callable[[], object]) -> tuple[int, list[tuple[str, int]]]:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: list[tuple[str, int]] = []
    session.on("Network.responseReceived",
               lambda event: urls.__setitem__(event["requestId"], event["response"]["url"]))
    session.on("Network.loadingFinished", lambda event: sizes.append(
        (urls.get(event["requestId"], "?"), int(event["encodedDataLength"]))))
    visit()
    page.wait_for_load_state("networkidle")
    session.detach()
    return sum(size for _url, size in sizes), sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--unit", required=True, help="the uid of a unit the user holds")
    parser.add_argument("--user", default="member",
                        help="a demo login without a second factor to enrol (default member)")
    options = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        total, files = measured(page, lambda: page.goto(f"{options.base}/login/"))
        report("login page", total, files)
        page.fill("input[name=username]", options.user)
        page.fill("input[name=password]", PASSWORD)
        page.press("input[name=password]", "Enter")
        page.wait_for_load_state("networkidle")
        fresh = browser.new_context(viewport={"width": 390, "height": 844},
                                    storage_state=context.storage_state())
        unit_page = fresh.new_page()
        total, files = measured(unit_page, lambda: unit_page.goto(
            f"{options.base}/units/{options.unit}/"))
        report("unit page", total, files)
        browser.close()


def report(name: str, total: int, files: list[tuple[str, int]]) -> None:
    print(f"{name}: {total / 1024:.1f} KiB")
    for url, size in files:
        print(f"  {size / 1024:7.1f} KiB  {url}")


if __name__ == "__main__":
    main()
