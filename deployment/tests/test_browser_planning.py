"""In a real browser on a phone (390 × 844): the deployment pages fit the screen's width, in
English and in Persian (right to left), with a finished plan, its confirmation page and the
areas."""

from __future__ import annotations

import os
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from deployment.actions import do_create_area, do_set_capacity, do_set_field_need
from tests.browser import CHROMIUM_ARGS, PHONE

# Playwright's sync API runs the test inside an event loop; the ORM calls around it are
# plain synchronous ones, on the test's own connection.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = pytest.mark.browser


def _pages(north, run) -> list[str]:
    org = north.world.orgs["rp"]
    return [reverse("deployment:planning", kwargs={"uid": north.unit.uid}),
            reverse("deployment:run_detail", kwargs={"uid": run.uid}),
            reverse("deployment:run_apply", kwargs={"uid": run.uid}),
            reverse("deployment:areas", kwargs={"uid": org.uid}),
            reverse("deployment:capacity_edit",
                    kwargs={"uid": north.person("alias-cella-1").uid}),
            reverse("deployment:need_edit", kwargs={"uid": north.fields["steel"].uid})]


def test_the_deployment_pages_fit_a_phone_in_english_and_persian(
        chromium, live_server, transactional_db, north):
    from playwright.sync_api import sync_playwright

    area = do_create_area(acting_user=None, organization=north.world.orgs["rp"], data={
        "name": "Eslamshahr Industrial Zone", "kind": "industrial_zone",
        "latitude": Decimal("35.55"), "longitude": Decimal("51.23")})
    do_set_field_need(acting_user=None, field=north.fields["depot"], data={"area": area})
    do_set_capacity(acting_user=None, person=north.person("alias-cella-2"),
                    data={"area": area, "max_distance_km": Decimal("25")})
    run = north.plan()
    assert run.status == "done", run.error_message
    planner = north.planner
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            page.goto(live_server.url + reverse("login"))
            page.fill("input[name=username]", planner.username)
            page.fill("input[name=password]", "correct horse battery")
            with page.expect_navigation():
                page.locator("main form [type=submit]").first.click()
            assert urlsplit(page.url).path != reverse("login"), "the login did not succeed"
            for language in ("en", "fa"):
                planner.language = language
                planner.save(update_fields=["language"])
                for path in _pages(north, run):
                    page.goto(live_server.url + path)
                    assert page.evaluate("document.documentElement.lang") == language, path
                    # Open every "Advanced" section: it must fit too.
                    page.evaluate("document.querySelectorAll('details')"
                                  ".forEach(d => d.open = true)")
                    width = page.evaluate("document.documentElement.scrollWidth")
                    assert width <= PHONE["width"], f"{language} {path}: {width} px wide"
        finally:
            browser.close()
