"""In a real browser on a phone (390 × 844): the field page shows its contacts first and
stays short, the wall chart fits and prints alone with its legend, and the committee's
dashboard keeps its "Stopped" column in view (issue #13, points 7 and 10).

Set FIELDWORK_SCREENSHOTS to a directory to keep screenshots of the pages.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser import CHROMIUM_ARGS, PHONE, log_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

LONG_UNIT = "Cell of the Sanandaj industrial zone and its bakeries"
LONG_PART = "Maintenance and repair workshop of the cold rolling line"
# The field page was 4,080 px tall on a phone with the demo's mill (issue #13).
FIELD_PAGE_MAX_HEIGHT = 2400

pytestmark = pytest.mark.browser

_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"


@pytest.fixture
def rolling_mill(world):
    from fieldwork.actions import (
        do_assess,
        do_create_activity,
        do_create_contact,
        do_create_field,
        do_create_field_part,
        do_record_mood,
        ensure_default_scale,
    )
    from organizations.actions import do_update_unit

    ensure_default_scale(world.orgs["rp"])
    today = timezone.localdate()
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 120})
    parts = [do_create_field_part(acting_user=secretary, field=field,
                                  data={"name": name, "headcount": 40})
             for name in ("Rolling mill", LONG_PART)]
    for n in range(12):
        person = do_create_contact(acting_user=secretary, field=field, alias=f"c-phone-{n}",
                                   profile={"part": parts[n % 2], "job": "roller"}).person
        if n % 3:
            do_assess(acting_user=secretary, person=person, level_value=1 + n % 5,
                      assessed_on=today)
        if n % 4:
            do_create_activity(acting_user=secretary, unit=field.unit, data={
                "kind": "one_to_one", "date": today - timedelta(days=n), "field": field,
                "follow_up_on": today - timedelta(days=1) if n == 5 else None},
                members=[], contacts=[person])
    for days, value in ((20, 2), (9, 4), (2, 3)):
        do_record_mood(acting_user=secretary, field=field,
                       data={"value": value, "taken_on": today - timedelta(days=days)})
    # A field of Cell B with nothing done: stopped, on the committee's dashboard; the cell
    # with a long name, as real ones have.
    do_update_unit(acting_user=None, unit=world.units["cell_b"],
                   data={"name": LONG_UNIT})
    do_create_field(acting_user=None, unit=world.units["cell_b"], data={"name": "Bakery"})
    return field


def _shoot(page, name: str) -> None:
    folder = os.environ.get("FIELDWORK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_the_field_pages_fit_a_phone_and_the_chart_prints_alone(
        chromium, live_server, transactional_db, world, rolling_mill):
    from playwright.sync_api import sync_playwright

    field = rolling_mill
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            log_in(page, live_server.url, "cell_member")

            page.goto(live_server.url + reverse("fieldwork:field_detail",
                                                kwargs={"uid": field.uid}))
            _shoot(page, "field-page")
            assert page.evaluate(_OVERFLOW)
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height <= FIELD_PAGE_MAX_HEIGHT, height
            contacts = page.locator("#contacts-heading").bounding_box()
            structure = page.locator("#structure-heading").bounding_box()
            assert contacts and structure and contacts["y"] < structure["y"]
            overdue = page.locator(".fw-contacts li", has_text="c-phone-5")
            assert "overdue" in overdue.inner_text() and "last contact" in overdue.inner_text()

            page.goto(live_server.url + reverse("fieldwork:wall_chart",
                                                kwargs={"uid": field.uid}))
            _shoot(page, "wall-chart")
            assert page.evaluate(_OVERFLOW)
            grid = page.locator("svg.chart.grid")
            assert "cold rolling line" in " ".join(grid.locator("text").all_text_contents())
            # Tapping a cell of the grid opens the list of its people.
            link = grid.locator("a").first.get_attribute("href")
            assert link and "/contacts/?" in link and "part=" in link

            page.emulate_media(media="print")
            assert not page.locator("header.topbar").is_visible()
            assert not page.locator("nav.breadcrumbs").is_visible()
            assert not page.locator("main .actions").first.is_visible()
            assert page.locator(".legend").is_visible()
            assert page.locator(".print-only").is_visible()
            assert page.evaluate("getComputedStyle(document.querySelector('.wall-sheet'))"
                                 ".breakAfter") == "page"
        finally:
            browser.close()


def test_the_committee_dashboard_keeps_its_stopped_column_on_a_phone(
        chromium, live_server, transactional_db, world, rolling_mill):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            log_in(page, live_server.url, "committee_member")
            page.goto(live_server.url + reverse("fieldwork:unit_dashboard",
                                                kwargs={"uid": world.units["north"].uid}))
            _shoot(page, "committee-dashboard")
            assert page.evaluate(_OVERFLOW)
            head = page.locator("table th", has_text="Stopped").first
            box = head.bounding_box()
            assert head.is_visible() and box and 0 <= box["x"] and box["x"] + box["width"] <= 390
            stopped = page.locator("table tr", has_text="industrial zone").locator(".badge.stopped")
            box = stopped.bounding_box()
            assert stopped.inner_text() == "1" and box and box["x"] + box["width"] <= 390
            page.goto(live_server.url + reverse("fieldwork:continuity",
                                                kwargs={"uid": world.units["north"].uid}))
            _shoot(page, "committee-continuity")
            assert page.evaluate(_OVERFLOW)
            head = page.locator("table th", has_text="Stopped").first
            box = head.bounding_box()
            assert head.is_visible() and box and box["x"] + box["width"] <= 390
        finally:
            browser.close()
