"""Dates go through ndate (Jalali in Persian) and pages lay out right-to-left in Persian."""

import datetime

import pytest
from django.utils import translation

from nucleus.templatetags.nucleus_dates import ndate
from organizations.actions import do_set_membership
from organizations.tests.helpers import url
from organizations.views.organizations import text_direction

pytestmark = pytest.mark.django_db


def test_ndate_is_iso_in_english_and_jalali_in_persian():
    day = datetime.date(2024, 3, 20)
    with translation.override("en"):
        assert ndate(day) == "2024-03-20"
    with translation.override("fa"):
        assert ndate(day) == "۱۴۰۳/۰۱/۰۱"
    assert ndate(None) == ""


def test_it_shows_join_dates_in_the_jalali_calendar_in_persian(world, login):
    do_set_membership(acting_user=None, coalition=world.coalition, organization=world.orgs["rp"],
                      data={"joined_on": datetime.date(2024, 3, 20)})
    client = login(world.user("coalition_office"))
    page = client.get(url("coalition_detail", world.coalition)).content.decode()
    assert "2024-03-20" in page
    page = client.get(url("coalition_detail", world.coalition),
                      headers={"Accept-Language": "fa"}).content.decode()
    assert "۱۴۰۳/۰۱/۰۱" in page and 'dir="rtl"' in page


@pytest.mark.parametrize(("code", "direction"), [
    ("fa", "rtl"), ("ckb", "rtl"), ("ar", "rtl"), ("en", "ltr"), ("", "auto"),
    ("xx-unknown", "auto")])
def test_it_gives_native_names_their_direction(code, direction):
    assert text_direction(code) == direction
