"""In a real browser on a phone: a secretary filters the contacts of a field, checks two,
assesses them in bulk, and saves the filters as a list; another time assigns two to a member
to talk to this week (tasks/bulk.py); the pages fit 390 px."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, PHONE, assert_fits, log_in

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM around Playwright's loop
pytestmark = pytest.mark.browser


def test_a_secretary_assesses_filtered_contacts_in_bulk_on_a_phone(
        chromium, live_server, transactional_db, world):
    from playwright.sync_api import sync_playwright

    from fieldwork.actions import do_create_contact, do_create_field, ensure_default_scale
    from fieldwork.models import Assessment, SavedList

    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    for alias, leader in (("c-ana", True), ("c-bo", True), ("c-cy", False)):
        do_create_contact(acting_user=secretary, field=field, alias=alias,
                          profile={"leader": leader})
    url = live_server.url + reverse("fieldwork:field_contacts", kwargs={"uid": field.uid})
    key = confirmed_device(secretary).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            log_in(page, live_server.url, "cell_secretary", key=key)
            page.goto(url)
            assert_fits(page)
            page.locator("summary", has_text="Filters").click()
            page.select_option("select[name=leader]", "true")
            with page.expect_navigation():
                page.get_by_role("button", name="Filter").click()
            assert "leader=true" in page.url
            assert page.locator("main tbody tr").count() == 2
            assert_fits(page)
            for alias in ("c-ana", "c-bo"):
                page.get_by_label(alias).check()
            with page.expect_navigation():
                page.get_by_role("button", name="Continue").click()
            assert_fits(page)
            assert page.locator("h1").inner_text() == "Assess 2 contacts"
            page.select_option("select[name=level]", "2")
            with page.expect_navigation():
                page.get_by_role("button", name="Assess 2 contacts").click()
            assert "leader=true" in page.url
            assert "2 contacts were assessed." in page.content()

            page.fill("input[name=name]", "Leaders")
            with page.expect_navigation():
                page.get_by_role("button", name="Save", exact=True).click()
            # The saved list opens as the unit's list, the field among its filters.
            assert urlsplit(page.url).query == f"leader=true&field={field.uid}"
            assert page.locator("main tbody tr").count() == 2
            assert_fits(page)
        finally:
            browser.close()

    assert {a.person.alias for a in Assessment.objects.filter(level__value=2)} == {"c-ana",
                                                                                  "c-bo"}
    assert SavedList.objects.get(name="Leaders").query == f"leader=true&field={field.uid}"


def test_a_secretary_assigns_two_contacts_to_a_member_on_a_phone(
        chromium, live_server, transactional_db, world):
    from playwright.sync_api import sync_playwright

    from fieldwork.actions import do_create_contact, do_create_field, ensure_default_scale
    from tasks.actions import this_week
    from tasks.models import Assignment

    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    member = world.people["alias-cella-1"]
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    for alias in ("c-ana", "c-bo", "c-cy"):
        do_create_contact(acting_user=secretary, field=field, alias=alias)
    url = live_server.url + reverse("fieldwork:field_contacts", kwargs={"uid": field.uid})
    key = confirmed_device(secretary).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE, locale="en-US", is_mobile=True,
                                    has_touch=True)
            log_in(page, live_server.url, "cell_secretary", key=key)
            page.goto(url)
            assert_fits(page)
            for alias in ("c-ana", "c-bo"):
                page.get_by_label(alias).check()
            page.select_option("select[name=action]", "assign")
            with page.expect_navigation():
                page.get_by_role("button", name="Continue").click()
            assert_fits(page)
            assert page.locator("h1").inner_text() == "Assign 2 contacts"
            page.select_option("select[name=member]", str(member.uid))
            page.fill("input[name=title]", "Night shift")
            with page.expect_navigation():
                page.get_by_role("button", name="Assign 2 contacts").click()
            assert urlsplit(page.url).path == urlsplit(url).path
            assert f"2 contacts were assigned to {member.alias}." in page.content()
            assert_fits(page)
        finally:
            browser.close()

    assignment = Assignment.objects.get()
    assert (assignment.member, assignment.goal, assignment.title) == (member, 2, "Night shift")
    assert (assignment.starts_on, assignment.ends_on) == this_week()
    assert {p.alias for p in assignment.contacts.all()} == {"c-ana", "c-bo"}
