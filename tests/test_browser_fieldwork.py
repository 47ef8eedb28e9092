"""In a real browser on a phone-sized screen: an organizer records a one-to-one and an
assessment through the forms and sees the wall chart change, and nothing is fetched from
anywhere but this server.

Set FIELDWORK_SCREENSHOTS to a directory to keep screenshots of the pages on the way.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, PHONE, assert_only_local, log_in

# Playwright's sync API runs the test inside an event loop; the ORM calls around it are
# plain synchronous ones, on the test's own connection.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser


@pytest.fixture
def steelworks(world):
    from fieldwork.actions import (
        do_create_contact,
        do_create_field,
        do_create_field_part,
        ensure_default_scale,
    )

    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    mill = do_create_field_part(acting_user=secretary, field=field,
                                data={"name": "Rolling mill", "headcount": 12})
    contact = do_create_contact(acting_user=secretary, field=field, alias="c-browser",
                                profile={"part": mill}).person
    return field, mill, contact


def _count(page, part_id: int, level: str) -> str:
    cell = page.locator(f'.wall li[data-part="{part_id}"][data-level="{level}"] .count')
    return cell.inner_text().strip()


def _shoot(page, name: str) -> None:
    folder = os.environ.get("FIELDWORK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_an_organizer_records_a_one_to_one_and_an_assessment_on_a_phone(
        chromium, live_server, transactional_db, world, steelworks):
    from playwright.sync_api import sync_playwright

    from fieldwork.models import Activity

    field, mill, contact = steelworks
    wall = live_server.url + reverse("fieldwork:wall_chart", kwargs={"uid": field.uid})
    follow_up = (timezone.localdate() + timedelta(days=7)).isoformat()
    requested: list[str] = []
    # cell_secretary may reveal identities: the login needs the second factor (accounts/mfa.py).
    key = confirmed_device(world.user("cell_secretary")).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            page.on("request", lambda request: requested.append(request.url))

            log_in(page, live_server.url, "cell_secretary", key=key)

            page.goto(wall)
            # Never contacted nor assessed: in "∅" only.
            assert _count(page, mill.pk, "unassessed") == "0"
            assert _count(page, mill.pk, "never") == "1"
            assert _count(page, mill.pk, "2") == "0"
            _shoot(page, "1-wall-chart-before")

            # The one-to-one: six inputs at most, the date already today.
            with page.expect_navigation():
                page.get_by_role("link", name="Record a one-to-one").first.click()
            form = page.locator("main form")
            inputs = form.locator("input:visible, select:visible, textarea:visible")
            assert inputs.count() <= 6
            assert page.input_value("input[name=date]") == timezone.localdate().isoformat()
            page.select_option("select[name=contact]", label="c-browser")
            page.select_option("select[name=member]", label="alias-cella-1")
            page.fill("input[name=outcome]", "Will bring two workmates")
            page.fill("input[name=follow_up_on]", follow_up)
            page.fill("textarea[name=notes]", "Worried about the night-shift bonus.")
            _shoot(page, "2-one-to-one-form")
            with page.expect_navigation():
                form.get_by_role("button", name="Record").click()
            assert urlsplit(page.url).path == urlsplit(wall).path
            assert _count(page, mill.pk, "never") == "0"
            assert _count(page, mill.pk, "unassessed") == "1"

            # One tap on a level, from the contact's alias in the chart.
            with page.expect_navigation():
                page.locator(f'li[data-part="{mill.pk}"][data-level="unassessed"] a',
                             has_text="c-browser").click()
            _shoot(page, "3-assess")
            with page.expect_navigation():
                page.locator("button[name=level][value='2']").click()
            assert urlsplit(page.url).path == urlsplit(wall).path
            assert _count(page, mill.pk, "unassessed") == "0"
            assert _count(page, mill.pk, "2") == "1"
            _shoot(page, "4-wall-chart-after")

            for name in ("field_detail", "continuity"):
                uid = field.uid if name == "field_detail" else field.unit.uid
                page.goto(live_server.url + reverse(f"fieldwork:{name}", kwargs={"uid": uid}))
                _shoot(page, f"5-{name}")
        finally:
            browser.close()

    activity = Activity.objects.get(field=field)
    assert activity.kind == "one_to_one" and activity.follow_up_on.isoformat() == follow_up
    assert list(activity.contacts.all()) == [contact]
    assert_only_local(requested)
