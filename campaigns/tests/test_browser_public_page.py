"""In a real browser, without logging in: the public campaign page in English and in
Persian (right to left), its stylesheet applied, nothing fetched from another host."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.tests.helpers import announce, campaign
from tests.browser import CHROMIUM_ARGS, assert_only_local

pytestmark = pytest.mark.browser


def test_anyone_reads_the_public_page_in_english_and_in_persian(chromium, live_server,
                                                               transactional_db, world):
    from playwright.sync_api import sync_playwright

    # Read before Playwright starts (its event loop refuses ORM calls).
    made = campaign(world)
    announce(world, made, what="Fictional: rally at the harbour", published=True)
    address = live_server.url + reverse("campaigns_public:page", kwargs={"uid": made.uid})
    requested: list[str] = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(locale="en-US")
            page.on("request", lambda request: requested.append(request.url))
            response = page.goto(address)
            assert response is not None and response.status == 200
            assert page.evaluate("document.documentElement.dir") == "ltr"
            assert "Fictional: rally at the harbour" in page.content()
            assert page.evaluate(
                "getComputedStyle(document.querySelector('header')).borderBottomStyle") \
                == "solid"  # the page's own stylesheet was applied
            with page.expect_navigation():
                page.click("nav .languages a[lang=fa]")
            assert page.evaluate("document.documentElement.lang") == "fa"
            assert page.evaluate("document.documentElement.dir") == "rtl"
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        finally:
            browser.close()

    assert_only_local(requested)
