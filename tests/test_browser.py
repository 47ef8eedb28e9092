"""In a real browser: log in, open an organization, switch to Persian; the page turns
right-to-left and nothing is fetched from anywhere but this server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, assert_only_local, log_in

WIDTH = 1200

pytestmark = pytest.mark.browser




def test_it_switches_an_organization_page_to_persian_right_to_left(chromium, live_server,
                                                                    transactional_db, world):
    from playwright.sync_api import sync_playwright

    # Everything the test needs from the database is read before Playwright starts: its sync
    # API runs the test inside an event loop, where Django refuses ORM calls, and a connection
    # opened there would outlive the test database.
    organization = world.orgs["rp"]
    detail = reverse("organizations:organization_detail", kwargs={"uid": organization.uid})
    requested: list[str] = []
    # cell_secretary may reveal identities: the login needs the second factor (accounts/mfa.py).
    key = confirmed_device(world.user("cell_secretary")).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": WIDTH, "height": 800}, locale="en-US")
            page.on("request", lambda request: requested.append(request.url))

            log_in(page, live_server.url, "cell_secretary", key=key)

            response = page.goto(live_server.url + detail)
            assert response is not None and response.status == 200
            assert page.evaluate("document.documentElement.dir") == "ltr"
            assert organization.name in page.content()

            page.click("header .languages summary")  # the menu opens without JavaScript
            with page.expect_navigation():
                page.click("header button[name=language][value=fa]")
            assert urlsplit(page.url).path == detail
            html = "document.documentElement"
            assert page.evaluate(f"{html}.lang") == "fa"
            assert page.evaluate(f"{html}.dir") == "rtl"
            header_direction = "getComputedStyle(document.querySelector('header')).direction"
            assert page.evaluate(header_direction) == "rtl"
            # The brand opens the header line, so right-to-left puts it on the right.
            brand = page.locator("header .brand").bounding_box()
            assert brand is not None
            assert brand["x"] + brand["width"] / 2 > WIDTH / 2
        finally:
            browser.close()

    assert_only_local(requested)
