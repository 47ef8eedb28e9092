"""In a real browser on a phone (390 × 844): the secretary opens a contact's page, corrects
the latest assessment from it, removes an activity after its confirmation page, and opens
the identities export's confirmation page; no page scrolls sideways.

Set FIELDWORK_SCREENSHOTS to a directory to keep screenshots of the pages on the way.
"""

from __future__ import annotations

import os
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, PHONE, assert_fits, log_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser


@pytest.fixture
def history(world):
    from fieldwork.actions import (
        do_assess,
        do_create_activity,
        do_create_contact,
        do_create_field,
        do_create_tie,
        ensure_default_scale,
    )

    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks of the long river valley"})
    contact = do_create_contact(acting_user=secretary, field=field,
                                alias="c-phone-with-a-rather-long-alias").person
    member = world.people["alias-cella-1"]
    today = timezone.localdate()
    for days in (1, 8, 15):
        do_create_activity(acting_user=secretary, unit=field.unit, data={
            "kind": "one_to_one", "date": today - timedelta(days=days), "field": field,
            "outcome": "talked", "follow_up_on": today + timedelta(days=days)},
            members=[member], contacts=[contact], notes="by the gate")
    do_assess(acting_user=secretary, person=contact, level_value=3,
              assessed_on=today - timedelta(days=9))
    do_assess(acting_user=secretary, person=contact, level_value=2, assessed_on=today)
    do_create_tie(acting_user=secretary, from_person=member, to_person=contact,
                  kind="in_touch", note="same shift at the rolling mill")
    return field, contact


def test_a_secretary_corrects_a_contacts_history_on_a_phone(
        chromium, live_server, transactional_db, world, history):
    from playwright.sync_api import sync_playwright

    from fieldwork.models import Activity, ContactProfile

    field, contact = history
    contact_page = live_server.url + reverse("fieldwork:contact", kwargs={"uid": contact.uid})
    key = confirmed_device(world.user("cell_secretary")).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            log_in(page, live_server.url, "cell_secretary", key=key)

            page.goto(contact_page)
            assert page.locator("#timeline-heading + ul li").count() == 3
            assert "1 day ago" in page.inner_text("main")
            assert_fits(page, "contact-1-page")

            # Correct the latest assessment: 2 was meant to be 1.
            with page.expect_navigation():
                page.locator("#history-heading ~ div a", has_text="Correct").first.click()
            assert_fits(page, "contact-2-assessment-edit")
            page.select_option("select[name=level]", "1")
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
            assert urlsplit(page.url).path == urlsplit(contact_page).path

            # Remove the oldest conversation, after its confirmation page.
            with page.expect_navigation():
                page.locator("#timeline-heading + ul li").last.get_by_role(
                    "link", name="Remove").click()
            assert "Remove this activity?" in page.inner_text("main")
            assert_fits(page, "contact-3-remove-activity")
            with page.expect_navigation():
                page.get_by_role("button", name="Remove").click()
            assert page.locator("#timeline-heading + ul li").count() == 2
            assert_fits(page, "contact-4-page-after")

            page.goto(live_server.url + reverse("fieldwork:export_identities",
                                                kwargs={"uid": field.unit.uid}))
            assert "This download is audited" in page.inner_text("main")
            assert_fits(page, "contact-5-export-identities")
        finally:
            browser.close()

    assert ContactProfile.objects.get(person=contact).current_level.value == 1
    assert Activity.objects.filter(contacts=contact).count() == 2
