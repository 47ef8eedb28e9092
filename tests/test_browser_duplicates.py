"""In a real browser on a phone-sized screen: a contact is on file with 0918 123 4567 in an
Iranian field; adding a new contact with the same number written three other ways shows the
duplicate notice each time, and saves nothing until "Save anyway"."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, PHONE, assert_only_local, log_in

# Playwright's sync API runs the test inside an event loop; the ORM calls around it are
# plain synchronous ones, on the test's own connection.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

NOTICE = "This phone is already on file for c-known."

pytestmark = pytest.mark.browser


@pytest.fixture
def steelworks(world):
    from fieldwork.actions import do_create_contact, do_create_field, ensure_default_scale
    from organizations.actions import do_update_organization
    from people.models import Identity

    rp = world.orgs["rp"]
    ensure_default_scale(rp)
    do_update_organization(acting_user=None, org=rp, data={"phone_region": "IR"})
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    do_create_contact(acting_user=secretary, field=field, alias="c-known",
                      identity=Identity(phone="0918 123 4567"))
    return field


def _try(page, url: str, alias: str, phone: str) -> None:
    page.goto(url)
    page.fill("input[name=alias]", alias)
    page.locator("details.identity summary").click()
    page.fill("input[name=phone]", phone)
    with page.expect_navigation():
        page.locator("main form button.primary[type=submit]").click()


def test_a_duplicate_phone_in_three_spellings_is_caught_on_a_phone(
        chromium, live_server, transactional_db, world, steelworks):
    from playwright.sync_api import sync_playwright

    from people.models import Person

    new_contact = live_server.url + reverse("fieldwork:contact_create",
                                            kwargs={"uid": steelworks.uid})
    requested: list[str] = []
    key = confirmed_device(world.user("cell_secretary")).key
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            page.on("request", lambda request: requested.append(request.url))
            log_in(page, live_server.url, "cell_secretary", key=key)
            for spelling in ("+98 918 123 4567", "۰۹۱۸۱۲۳۴۵۶۷", "00989181234567"):
                _try(page, new_contact, "c-again", spelling)
                notice = page.locator(".duplicates[role=alert]")
                assert NOTICE in notice.inner_text(), spelling
                assert notice.get_by_role("link", name="Open c-known").is_visible()
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], f"the page is {width} px wide"
            assert not Person.objects.filter(alias="c-again").exists()
            with page.expect_navigation():
                page.get_by_role("button", name="Save anyway").click()
        finally:
            browser.close()

    assert Person.objects.get(alias="c-again").unseal_identity().phone == "00989181234567"
    assert_only_local(requested)
