"""In a real browser on a phone: a secretary gives a member a conversation list of two
contacts with a goal of two; the member sees it on the home page and records a conversation
with one of them from it; the secretary sees the progress 1 of 2. Nothing is fetched from
anywhere but this server, and no page is wider than the phone."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, PHONE, assert_fits, assert_only_local, log_in
from tests.cast import PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser


@pytest.fixture
def gate(world):
    """A workplace of Cell A with two contacts, and a member of the cell whose login may
    record conversations (an organizer's role: members without it only read, until the
    cell's secretary lets members record)."""
    from access.actions import do_grant_role
    from accounts.models import User
    from fieldwork.actions import do_create_contact, do_create_field, ensure_default_scale

    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    contacts = [do_create_contact(acting_user=secretary, field=field, alias=alias).person
                for alias in ("c-gate-1", "c-gate-2")]
    member = User.objects.create_user("gate_member", password=PASSWORD,
                                      person=world.people["alias-cella-1"])
    do_grant_role(acting_user=None, user=member, unit=world.units["cell_a"], kind="organizer")
    return field, contacts


def test_a_secretary_assigns_a_conversation_list_and_sees_its_progress_on_a_phone(
        chromium, live_server, transactional_db, world, gate):
    from playwright.sync_api import sync_playwright

    from tasks.models import Assignment

    field, contacts = gate
    base = live_server.url
    requested: list[str] = []
    key = confirmed_device(world.user("cell_secretary")).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            options = {"viewport": PHONE, "locale": "en-US", "is_mobile": True,
                       "has_touch": True}
            secretary = browser.new_context(**options).new_page()
            secretary.on("request", lambda request: requested.append(request.url))
            log_in(secretary, base, "cell_secretary", key=key)

            # From the home page: the unit's tasks, its assignments, a new one.
            secretary.goto(base + reverse("accounts:home"))
            assert_fits(secretary)
            with secretary.expect_navigation():
                secretary.get_by_role("link", name="Tasks").first.click()
            with secretary.expect_navigation():
                secretary.get_by_role("link", name="Conversation assignments").click()
            with secretary.expect_navigation():
                secretary.get_by_role("link", name="New conversation assignment").click()
            assert_fits(secretary)
            secretary.fill("input[name=title]", "Gate this week")
            secretary.select_option("select[name=member]", label="alias-cella-1")
            for contact in contacts:
                secretary.get_by_label(contact.alias).check()
            secretary.fill("input[name=goal]", "2")
            with secretary.expect_navigation():
                secretary.get_by_role("button", name="Assign").click()
            assert "0 of 2 conversations" in secretary.content()

            member = browser.new_context(**options).new_page()
            member.on("request", lambda request: requested.append(request.url))
            log_in(member, base, "gate_member")
            member.goto(base + reverse("accounts:home"))
            assert_fits(member)
            page = member.content()
            assert "Gate this week" in page and "0 of 2 conversations" in page
            with member.expect_navigation():
                member.locator("li", has_text="c-gate-1").get_by_role(
                    "link", name="Record a conversation").click()
            assert_fits(member)
            assert member.locator("select[name=contact] option:checked").inner_text() \
                == "c-gate-1"
            member.select_option("select[name=member]", label="alias-cella-1")
            member.fill("input[name=outcome]", "Will sign the petition")
            with member.expect_navigation():
                member.get_by_role("button", name="Record").click()
            assert urlsplit(member.url).path == reverse("accounts:home")
            assert "1 of 2 conversations" in member.content()

            secretary.reload()
            assert "1 of 2 conversations" in secretary.content()
            assert secretary.locator("progress").first.get_attribute("value") == "1"
            assert_fits(secretary)
        finally:
            browser.close()

    [assignment] = Assignment.objects.all()
    assert (assignment.goal, assignment.contacts.count()) == (2, 2)
    assert_only_local(requested)
