"""Dates in the calendar of the active language: shown by the ndate/ndatetime/nyear filters,
typed into LocalizedDateField, stored as Gregorian dates."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from nucleus.calendars import LocalizedDateField, parse_jalali
from nucleus.templatetags.nucleus_dates import ndate, ndatetime, nyear
from people.models import Person

DAY = datetime.date(2022, 11, 28)  # 1401/09/07


class DateForm(forms.Form):
    day = LocalizedDateField(label="day")


def _clean(value: str, language: str) -> datetime.date:
    with translation.override(language):
        return LocalizedDateField().clean(value)


def _errors(value: str, language: str) -> list[str]:
    with translation.override(language), pytest.raises(forms.ValidationError) as caught:
        LocalizedDateField().clean(value)
    with translation.override(language):
        return [str(m) for m in caught.value.messages]


def test_ndate_is_jalali_in_persian_digits_in_persian_and_iso_in_english():
    with translation.override("fa"):
        assert ndate(DAY) == "۱۴۰۱/۰۹/۰۷"
        assert ndate(None) == ""
    with translation.override("en"):
        assert ndate(DAY) == "2022-11-28"


def test_ndatetime_shows_the_local_moment_to_the_minute():
    moment = datetime.datetime(2022, 11, 28, 14, 30, 59, tzinfo=datetime.UTC)
    with translation.override("fa"):
        assert ndatetime(moment) == "۱۴۰۱/۰۹/۰۷ ۱۴:۳۰"
        assert ndatetime(None) == ""
    with translation.override("en"):
        assert ndatetime(moment) == "2022-11-28 14:30"


def test_ndatetime_uses_the_server_time_zone(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    moment = datetime.datetime(2022, 11, 28, 22, 0, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert ndatetime(moment) == "2022-11-29 01:30"


def test_nyear_marks_a_gregorian_year_in_persian():
    with translation.override("fa"):
        assert nyear(1979) == "۱۹۷۹ م."
        assert nyear(None) == ""
    with translation.override("en"):
        assert nyear(1979) == "1979"


@pytest.mark.parametrize("typed", ["1401/09/07", "۱۴۰۱/۰۹/۰۷", "1401-09-07", "1401/9/7",
                                   "١٤٠١/٠٩/٠٧", " ۱۴۰۱-۹-۷ "])
def test_it_accepts_a_jalali_date_in_persian(typed):
    assert _clean(typed, "fa") == DAY


def test_it_rejects_a_thirteenth_month_with_a_clear_message():
    assert _errors("1401/13/01", "fa") == ["ماه ۱۳ وجود ندارد: شمارهٔ ماه از ۱ تا ۱۲ است."]
    with translation.override("en"):
        with pytest.raises(forms.ValidationError) as caught:
            parse_jalali("1401/13/01")
        assert caught.value.messages == [
            "There is no month 13: months are numbered 1 to 12."]


def test_it_knows_the_leap_years_of_the_jalali_calendar():
    assert _errors("1402/12/30", "fa") == ["ماه ۱۲ سال ۱۴۰۲، ۲۹ روز دارد."]
    assert _clean("1403/12/30", "fa") == datetime.date(2025, 3, 20)
    assert _errors("1401/07/31", "fa") == ["ماه ۷ سال ۱۴۰۱، ۳۰ روز دارد."]


def test_it_tells_a_persian_user_who_types_a_gregorian_date():
    (message,) = _errors("2022-11-28", "fa")
    assert message.startswith("۲۰۲۲ سال میلادی به نظر می‌رسد")


def test_it_explains_the_format_of_an_unreadable_date():
    (message,) = _errors("7 Azar", "fa")
    assert "سال/ماه/روز" in message


def test_it_accepts_iso_dates_in_english():
    assert _clean("2022-11-28", "en") == DAY
    assert _errors("1401/13/01", "en") == [
        "1401 looks like a Solar or Lunar Hijri year: enter the date in the Gregorian calendar, "
        f"for example {timezone.localdate().isoformat()}."]
    assert _errors("2022-13-01", "en") == ["There is no month 13: months are numbered 1 to 12."]
    assert _errors("2022-02-30", "en") == ["Month 2 of 2022 has 28 days."]
    assert _errors("28 November", "en") == [
        "Enter the date in the Gregorian calendar as year-month-day, for example "
        f"{timezone.localdate().isoformat()}."]


def test_its_widget_shows_the_value_in_the_active_calendar():
    form = DateForm(initial={"day": DAY})
    with translation.override("fa"):
        html = str(form["day"])
        assert 'type="text"' in html and 'value="۱۴۰۱/۰۹/۰۷"' in html
        assert 'placeholder="مثلاً ' in html
    with translation.override("en"):
        html = str(form["day"])
        assert 'type="date"' in html and 'value="2022-11-28"' in html


def test_its_widget_shows_back_what_was_typed_when_it_is_wrong():
    form = DateForm(data={"day": "1401/13/01"})
    with translation.override("fa"):
        assert not form.is_valid()
        assert 'value="1401/13/01"' in str(form["day"])


def test_it_saves_the_gregorian_date_of_a_person_created_in_persian(world, login):
    client = login(world.user("cell_secretary"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    unit = world.units["cell_a"]
    url = reverse("people:person_create", kwargs={"uid": unit.uid})
    assert 'value="۱۴' in client.get(url).content.decode()  # today, in the Jalali calendar
    response = client.post(url, {"alias": "rafiq-jalali", "kind": "member", "status": "member",
                                 "status_since": "۱۴۰۱/۰۹/۰۷", "joined_on": "1401/01/01"})
    person = Person.objects.get(alias="rafiq-jalali")
    assert response.status_code == 302
    assert person.status_since == DAY
    assert person.joined_on == datetime.date(2022, 3, 21)
    page = client.get(reverse("people:person_detail", kwargs={"uid": person.uid})).content.decode()
    assert "۱۴۰۱/۰۹/۰۷" in page and "۱۴۰۱/۰۱/۰۱" in page


def test_it_shows_a_persian_error_for_an_impossible_date_in_a_form(world, login):
    client = login(world.user("cell_secretary"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    url = reverse("people:person_create", kwargs={"uid": world.units["cell_a"].uid})
    response = client.post(url, {"alias": "rafiq-bad-date", "kind": "member",
                                 "status": "member", "status_since": "1401/13/01"})
    assert response.status_code == 200
    assert "ماه ۱۳ وجود ندارد" in response.content.decode()
    assert not Person.objects.filter(alias="rafiq-bad-date").exists()


def test_model_forms_take_jalali_dates_in_persian(world, login):
    # The coalition membership form is a model form: its date field comes from the
    # formfield callback of organizations.forms.
    membership = world.coalition.memberships.get(organization=world.orgs["rp"])
    client = login(world.user("coalition_office"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    url = reverse("organizations:membership_edit", kwargs={"uid": membership.uid})
    response = client.post(url, {"joined_on": "۱۴۰۲/۰۱/۰۱", "status": "member", "note": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.joined_on == datetime.date(2023, 3, 21)
    assert 'value="۱۴۰۲/۰۱/۰۱"' in client.get(url).content.decode()


def test_english_forms_still_take_iso_dates(world, login):
    client = login(world.user("cell_secretary"))
    url = reverse("people:person_create", kwargs={"uid": world.units["cell_a"].uid})
    page = client.get(url).content.decode()
    assert 'type="date"' in page
    client.post(url, {"alias": "rafiq-iso", "kind": "member", "status": "member",
                      "status_since": "2022-11-28"})
    assert Person.objects.get(alias="rafiq-iso").status_since == DAY
