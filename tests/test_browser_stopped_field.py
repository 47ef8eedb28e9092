"""In a real browser on a phone: the committee's overseer asks a stopped cell why the work in
its field stopped; the cell's secretary sees the task on the home page, opens the field from
it and records the reason (member moved) and a restart plan; the overseer then reads them
next to the field on the committee's continuity page. Nothing is fetched from anywhere but
this server, and no page is wider than the phone.

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
from tests.browser import CHROMIUM_ARGS, PHONE, assert_fits, assert_only_local, log_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser


@pytest.fixture
def silent_field(world):
    """A workplace of Cell A whose last activity was 40 days ago (stopped after 14)."""
    from fieldwork.actions import (
        do_create_activity,
        do_create_field,
        do_update_fieldwork_settings,
        ensure_default_scale,
    )

    ensure_default_scale(world.orgs["rp"])
    do_update_fieldwork_settings(acting_user=None, organization=world.orgs["rp"],
                                 data={"stale_days": 14})
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    do_create_activity(acting_user=secretary, unit=field.unit,
                       data={"kind": "home_visit", "field": field,
                             "date": timezone.localdate() - timedelta(days=40)},
                       members=[world.people["alias-cella-1"]])
    return field


def test_the_committee_asks_a_stopped_cell_and_the_cell_answers_on_a_phone(
        chromium, live_server, transactional_db, world, silent_field):
    from playwright.sync_api import sync_playwright

    from stoppages.models import StoppedField
    from tasks.models import Task

    field = silent_field
    base = live_server.url
    continuity = base + reverse("fieldwork:continuity",
                                kwargs={"uid": world.units["north"].uid})
    restart = (timezone.localdate() + timedelta(days=10)).isoformat()
    requested: list[str] = []
    # Both roles reach many people's records: the login needs the second factor.
    key = confirmed_device(world.user("cell_secretary")).key
    overseer_key = confirmed_device(world.user("overseer")).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            options = {"viewport": PHONE, "locale": "en-US", "is_mobile": True,
                       "has_touch": True}
            overseer = browser.new_context(**options).new_page()
            secretary = browser.new_context(**options).new_page()
            for page in (overseer, secretary):
                page.on("request", lambda request: requested.append(request.url))

            # The committee asks, from its continuity page.
            log_in(overseer, base, "overseer", key=overseer_key)
            overseer.goto(continuity)
            assert_fits(overseer, "stopped-1-continuity")
            card = overseer.locator(f'li[data-field="{field.uid}"]')
            with overseer.expect_navigation():
                card.get_by_role("link", name="Ask the cell why").click()
            assert_fits(overseer, "stopped-2-ask")
            assert "alias-cella" not in overseer.content()  # the question names no one
            with overseer.expect_navigation():
                overseer.locator("main form").get_by_role("button",
                                                          name="Ask the cell why").click()
            assert "its answer is awaited" in overseer.content()

            # The cell's secretary finds the task on the home page and answers.
            log_in(secretary, base, "cell_secretary", key=key)
            secretary.goto(base + reverse("accounts:home"))
            assert "Why has work in Steelworks stopped?" in secretary.content()
            assert_fits(secretary, "stopped-3-home")
            with secretary.expect_navigation():
                secretary.locator("main table").get_by_role("link", name="Steelworks").click()
            assert "Stopped since" in secretary.content()
            assert_fits(secretary, "stopped-4-field")
            with secretary.expect_navigation():
                secretary.get_by_role("link", name="Record the reason").click()
            assert_fits(secretary, "stopped-5-reason")
            secretary.get_by_label("Member moved").check()
            secretary.fill("input[name=reason_text]", "Our member there moved town")
            secretary.fill("textarea[name=restart_plan]", "The night shift takes it over")
            secretary.fill("input[name=restart_on]", restart)
            with secretary.expect_navigation():
                secretary.locator("main form").get_by_role("button", name="Save").click()
            assert urlsplit(secretary.url).path == reverse("fieldwork:field_detail",
                                                           kwargs={"uid": field.uid})

            # The committee reads the reason next to the field.
            overseer.goto(continuity)
            card = overseer.locator(f'li[data-field="{field.uid}"]')
            assert "Member moved" in card.inner_text()
            assert "The night shift takes it over" in card.inner_text()
            assert_fits(overseer, "stopped-6-continuity-answered")
        finally:
            browser.close()

    stop = StoppedField.objects.get(field=field)
    assert stop.reason == "member_moved" and stop.restart_on.isoformat() == restart
    assert Task.objects.get(kind=Task.Kind.REASON_ASKED).state == Task.State.DONE
    assert_only_local(requested)
