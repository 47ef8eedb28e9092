"""The field-work workflows in Persian, in a real browser on a phone (issue #13): a member
logs a one-to-one, and a duplicate phone written in Persian digits is caught. The pages are
right-to-left, their digits Persian, and every label the test reads or clicks is the Persian
catalogue's, so a workflow that only works in English fails here."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.second_factor import confirmed_device, current_code
from tests.browser import CHROMIUM_ARGS
from tests.cast import PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE = {"width": 390, "height": 844}
PERSIAN = {"viewport": PHONE, "locale": "fa-IR", "is_mobile": True, "has_touch": True}

pytestmark = pytest.mark.browser


def fa(message: str, **params) -> str:
    with translation.override("fa"):
        text = translation.gettext(message)
    assert text != message, f"{message!r} has no Persian translation"
    return text % params if params else text


def fa_button(label: str) -> str:
    with translation.override("fa"):
        text = translation.pgettext("button", label)
    assert text != label, f"the button {label!r} has no Persian translation"
    return text


@pytest.fixture
def steelworks(world):
    from accounts.models import User
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
    User.objects.filter(pk=world.user("cell_member").pk).update(
        person=world.people["alias-cella-1"])
    return field


def _log_in(page, base: str, username: str, key: str | None = None) -> None:
    page.goto(base + reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()
    assert urlsplit(page.url).path != reverse("login"), "the login did not succeed"
    if key is not None:
        page.fill("input[name=code]", current_code(key))
        with page.expect_navigation():
            page.locator("main form [type=submit]").first.click()


def _persian_page(page) -> None:
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "fa"
    text = page.locator("main").inner_text()
    assert not re.search(r"[0-9]", re.sub(r"[A-Za-z][\w-]*", "", text)), \
        "Western digits in the text of a Persian page"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


def test_a_member_logs_a_one_to_one_in_persian(chromium, live_server, transactional_db,
                                               world, steelworks):
    from playwright.sync_api import sync_playwright

    from fieldwork.models import Activity

    base = live_server.url
    wall = base + reverse("fieldwork:wall_chart", kwargs={"uid": steelworks.uid})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(**PERSIAN)
            _log_in(page, base, "cell_member")
            page.goto(wall)
            _persian_page(page)
            with page.expect_navigation():
                page.locator(".wall a", has_text="c-known").first.click()
            # Digits in text are Persian on a Persian page, aliases' included.
            assert page.locator("select[name=member] option:checked").inner_text() \
                == "alias-cella-۱"
            page.fill("input[name=outcome]", "گفت‌وگو با شیفت شب")
            with page.expect_navigation():
                page.locator("main form").get_by_role("button", name=fa_button("Record")).click()
            _persian_page(page)
            page.goto(base + reverse("fieldwork:contact",
                                     kwargs={"uid": Activity.objects.get().contacts.get().uid}))
            _persian_page(page)
            assert fa("One-to-one conversation") in page.locator("main").inner_text()
        finally:
            browser.close()
    activity = Activity.objects.get(field=steelworks)
    assert activity.created_by == world.user("cell_member")


def test_a_duplicate_phone_in_persian_digits_is_caught_in_persian(
        chromium, live_server, transactional_db, world, steelworks):
    from playwright.sync_api import sync_playwright

    from people.models import Person

    base = live_server.url
    new_contact = base + reverse("fieldwork:contact_create", kwargs={"uid": steelworks.uid})
    key = confirmed_device(world.user("cell_secretary")).key
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(**PERSIAN)
            _log_in(page, base, "cell_secretary", key)
            page.goto(new_contact)
            page.fill("input[name=alias]", "c-again")
            page.locator("details.identity summary").click()
            page.fill("input[name=phone]", "۰۹۱۸ ۱۲۳ ۴۵۶۷")
            with page.expect_navigation():
                page.locator("main form button.primary[type=submit]").click()
            notice = page.locator(".duplicates[role=alert]")
            assert fa("This phone is already on file for %(alias)s.", alias="c-known") \
                in notice.inner_text()
            _persian_page(page)
            assert not Person.objects.filter(alias="c-again").exists()
        finally:
            browser.close()
