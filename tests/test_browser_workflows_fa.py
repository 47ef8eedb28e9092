"""The field-work workflows in Persian, in a real browser on a phone (issue #13): a member
logs a one-to-one, a duplicate phone written in Persian digits is caught, a secretary gives a
member a conversation list and sees its progress, and a committee asks a stopped cell why and
reads its answer (the English runs: test_browser_tasks.py, test_browser_stopped_field.py). The
pages are
right-to-left, their digits Persian, and every label the test reads or clicks is the Persian
catalogue's, so a workflow that only works in English fails here."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from urllib.parse import urlsplit

import jdatetime
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.second_factor import confirmed_device
from tests.browser import CHROMIUM_ARGS, PHONE, log_in
from tests.test_browser_stopped_field import silent_field  # noqa: F401 (a fixture)
from tests.test_browser_tasks import gate  # noqa: F401 (a fixture)

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PERSIAN = {"viewport": PHONE, "locale": "fa-IR", "is_mobile": True, "has_touch": True}

pytestmark = pytest.mark.browser


def fa(message: str, **params) -> str:
    with translation.override("fa"):
        text = translation.gettext(message)
    assert text != message, f"{message!r} has no Persian translation"
    return text % params if params else text


def persian_digits(text: str) -> str:
    """As the page writes them (nucleus/digits.py)."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


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
            log_in(page, base, "cell_member")
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
            log_in(page, base, "cell_secretary", key=key)
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


def test_a_secretary_assigns_a_conversation_list_in_persian(
        chromium, live_server, transactional_db, world, gate):  # noqa: F811
    from playwright.sync_api import sync_playwright

    from tasks.models import Assignment

    _field, contacts = gate
    base = live_server.url
    key = confirmed_device(world.user("cell_secretary")).key

    def progress(done: int) -> str:
        return persian_digits(fa("%(done)s of %(goal)s conversations", done=done, goal=2))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            secretary = browser.new_context(**PERSIAN).new_page()
            log_in(secretary, base, "cell_secretary", key=key)
            secretary.goto(base + reverse("accounts:home"))
            _persian_page(secretary)
            with secretary.expect_navigation():
                secretary.get_by_role("link", name=fa("Tasks")).first.click()
            with secretary.expect_navigation():
                secretary.get_by_role("link", name=fa("Conversation assignments")).click()
            with secretary.expect_navigation():
                secretary.get_by_role("link", name=fa("New conversation assignment")).click()
            _persian_page(secretary)
            secretary.fill("input[name=title]", "درِ کارخانه این هفته")
            secretary.select_option("select[name=member]", label="alias-cella-۱")
            for contact in contacts:
                secretary.get_by_label(persian_digits(contact.alias)).check()
            secretary.fill("input[name=goal]", "۲")  # typed in Persian digits
            with secretary.expect_navigation():
                secretary.get_by_role("button", name=fa("Assign")).click()
            _persian_page(secretary)
            assert progress(0) in secretary.locator("main").inner_text()

            member = browser.new_context(**PERSIAN).new_page()
            log_in(member, base, "gate_member")
            member.goto(base + reverse("accounts:home"))
            _persian_page(member)
            with member.expect_navigation():
                member.locator("li", has_text=persian_digits("c-gate-1")).get_by_role(
                    "link", name=fa("Record a conversation")).click()
            _persian_page(member)
            member.select_option("select[name=member]", label="alias-cella-۱")
            member.fill("input[name=outcome]", "طومار را امضا می‌کند")
            with member.expect_navigation():
                member.locator("main form").get_by_role("button",
                                                        name=fa_button("Record")).click()
            assert urlsplit(member.url).path == reverse("accounts:home")
            assert progress(1) in member.locator("main").inner_text()

            secretary.reload()
            _persian_page(secretary)
            assert progress(1) in secretary.locator("main").inner_text()
        finally:
            browser.close()
    [assignment] = Assignment.objects.all()
    assert (assignment.goal, assignment.contacts.count()) == (2, 2)
    assert assignment.title == "درِ کارخانه این هفته"


def test_the_committee_asks_a_stopped_cell_why_in_persian(
        chromium, live_server, transactional_db, world, silent_field):  # noqa: F811
    from playwright.sync_api import sync_playwright

    from stoppages.models import StoppedField
    from tasks.models import Task

    field = silent_field
    base = live_server.url
    continuity = base + reverse("fieldwork:continuity",
                                kwargs={"uid": world.units["north"].uid})
    restart = timezone.localdate() + timedelta(days=10)
    key = confirmed_device(world.user("cell_secretary")).key
    overseer_key = confirmed_device(world.user("overseer")).key

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            overseer = browser.new_context(**PERSIAN).new_page()
            log_in(overseer, base, "overseer", key=overseer_key)
            overseer.goto(continuity)
            _persian_page(overseer)
            card = overseer.locator(f'li[data-field="{field.uid}"]')
            with overseer.expect_navigation():
                card.get_by_role("link", name=fa("Ask the cell why")).click()
            _persian_page(overseer)
            with overseer.expect_navigation():
                overseer.locator("main form").get_by_role(
                    "button", name=fa("Ask the cell why")).click()
            _persian_page(overseer)

            secretary = browser.new_context(**PERSIAN).new_page()
            log_in(secretary, base, "cell_secretary", key=key)
            secretary.goto(base + reverse("accounts:home"))
            _persian_page(secretary)
            question = fa("Why has work in %(field)s stopped?", field="Steelworks")
            assert question in secretary.locator("main").inner_text()
            with secretary.expect_navigation():
                secretary.locator("main table").get_by_role("link", name="Steelworks").click()
            _persian_page(secretary)
            with secretary.expect_navigation():
                secretary.get_by_role("link", name=fa("Record the reason")).click()
            _persian_page(secretary)
            secretary.get_by_label(fa("Member moved")).check()
            secretary.fill("input[name=reason_text]", "رفیق ما به شهر دیگری رفت")
            secretary.fill("textarea[name=restart_plan]", "شیفت شب کار را به دست می‌گیرد")
            # A Persian reader writes dates in the Solar Hijri calendar, in Persian digits.
            jalali = jdatetime.date.fromgregorian(date=restart).strftime("%Y/%m/%d")
            secretary.fill("input[name=restart_on]", persian_digits(jalali))
            with secretary.expect_navigation():
                secretary.locator("main form").get_by_role("button", name=fa("Save")).click()
            assert urlsplit(secretary.url).path == reverse("fieldwork:field_detail",
                                                           kwargs={"uid": field.uid}), \
                secretary.locator("main").inner_text()

            overseer.goto(continuity)
            _persian_page(overseer)
            card = overseer.locator(f'li[data-field="{field.uid}"]')
            assert fa("Member moved") in card.inner_text()
            assert "شیفت شب کار را به دست می‌گیرد" in card.inner_text()
        finally:
            browser.close()
    stop = StoppedField.objects.get(field=field)
    assert stop.reason == "member_moved" and stop.restart_on == restart
    assert Task.objects.get(kind=Task.Kind.REASON_ASKED).state == Task.State.DONE
