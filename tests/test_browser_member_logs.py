"""In a real browser on a phone: the cell member logs their own one-to-one (issue #13, 1).

The member opens a contact of the cell's field from the wall chart, records the talk in
their own name (the member field offers only themselves, already chosen) and finds it on the
field's page; the committee member, who holds no records of the cell, is offered no "Record"
button there.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.browser import CHROMIUM_ARGS, PHONE, log_in

# Playwright's sync API runs the test inside an event loop; the ORM calls around it are
# plain synchronous ones, on the test's own connection.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser


@pytest.fixture
def gate(world):
    from accounts.models import User
    from fieldwork.actions import do_create_contact, do_create_field, ensure_default_scale

    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Gate works", "headcount": 30})
    contact = do_create_contact(acting_user=secretary, field=field, alias="c-gate",
                                profile={}).person
    # The member's login is linked to their person: they record in their own name.
    User.objects.filter(pk=world.user("cell_member").pk).update(
        person=world.people["alias-cella-1"])
    return field, contact


def test_a_member_logs_a_one_to_one_on_a_phone(chromium, live_server, transactional_db,
                                               world, gate):
    from playwright.sync_api import sync_playwright

    from fieldwork.models import Activity

    field, contact = gate
    base = live_server.url
    wall = base + reverse("fieldwork:wall_chart", kwargs={"uid": field.uid})
    detail = base + reverse("fieldwork:field_detail", kwargs={"uid": field.uid})

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            log_in(page, base, "cell_member")
            page.goto(wall)
            # Never contacted: the alias opens the one-to-one with the contact chosen.
            with page.expect_navigation():
                page.locator(".wall a", has_text="c-gate").first.click()
            assert urlsplit(page.url).path == reverse("fieldwork:one_to_one",
                                                      kwargs={"uid": field.uid})
            member = page.locator("select[name=member] option")
            assert member.all_inner_texts() == ["---------", "alias-cella-1"]
            assert page.locator("select[name=member] option:checked").inner_text() \
                == "alias-cella-1"
            assert page.locator("select[name=contact] option:checked").inner_text() == "c-gate"
            page.fill("input[name=outcome]", "Will talk to the night shift")
            with page.expect_navigation():
                page.locator("main form").get_by_role("button", name="Record").click()
            assert urlsplit(page.url).path == urlsplit(wall).path
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

            page.goto(detail)
            recent = page.locator("#activities-heading + *")
            recent.locator("summary").click()  # the list folds away on a phone, as charts do
            assert "One-to-one conversation" in recent.inner_text()
            assert "c-gate" in recent.inner_text()
            assert page.get_by_role("link", name="Record a one-to-one").count() == 1

            # The committee member holds no records of the cell: nothing to record here.
            context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True,
                                          has_touch=True)
            other = context.new_page()
            log_in(other, base, "committee_member")
            other.goto(detail)
            assert other.get_by_role("link", name="Record a one-to-one").count() == 0
            other.goto(wall)
            assert other.get_by_role("link", name="Record a one-to-one").count() == 0
        finally:
            browser.close()

    activity = Activity.objects.get(field=field)
    assert activity.created_by == world.user("cell_member")
    assert [p.alias for p in activity.members.all()] == ["alias-cella-1"]
    assert list(activity.contacts.all()) == [contact]
