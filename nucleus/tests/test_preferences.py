"""Calendar and digits as the reader's choice (nucleus.preferences, nucleus.calendars): the
defaults of each language, the Lunar Hijri calendar, the three digit sets, mixed digits."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation

from nucleus.calendars import LocalizedDateField, format_date, format_datetime, local_digits
from nucleus.preferences import Calendar, Digits, Preferences, activated, defaults

DAY = datetime.date(2022, 11, 28)  # 1401/09/07 Jalali, 1444/05/04 Hijri (Umm al-Qura)
HIJRI_ARABIC = Preferences(Calendar.HIJRI, Digits.ARABIC)
JALALI_LATIN = Preferences(Calendar.JALALI, Digits.LATIN)


def _errors(value: str, preferences: Preferences, language: str = "en") -> list[str]:
    with translation.override(language), activated(preferences), pytest.raises(
            forms.ValidationError) as caught:
        LocalizedDateField().clean(value)
    with translation.override(language), activated(preferences):
        return [str(m) for m in caught.value.messages]


@pytest.mark.parametrize("language, calendar, digits", [
    ("en", Calendar.GREGORIAN, Digits.LATIN), ("de", Calendar.GREGORIAN, Digits.LATIN),
    ("tr", Calendar.GREGORIAN, Digits.LATIN), ("az", Calendar.GREGORIAN, Digits.LATIN),
    ("kmr", Calendar.GREGORIAN, Digits.LATIN), ("fa", Calendar.JALALI, Digits.PERSIAN),
    ("ar", Calendar.GREGORIAN, Digits.ARABIC), ("ckb", Calendar.GREGORIAN, Digits.ARABIC),
    ("xx-unknown", Calendar.GREGORIAN, Digits.LATIN)])
def test_each_language_has_its_defaults(language, calendar, digits):
    assert defaults(language) == Preferences(calendar, digits)


def test_sorani_in_iran_defaults_to_the_solar_hijri_calendar():
    assert defaults("ckb", in_iran=True) == Preferences(Calendar.JALALI, Digits.PERSIAN)


def test_the_calendar_is_not_the_language():
    with translation.override("ar"), activated(JALALI_LATIN):
        assert format_date(DAY) == "1401/09/07"
    with translation.override("en"), activated(HIJRI_ARABIC):
        assert format_date(DAY) == "١٤٤٤/٠٥/٠٤"
    with translation.override("fa"), activated(Preferences()):
        assert format_date(DAY) == "2022-11-28"
    moment = datetime.datetime(2022, 11, 28, 9, 5)
    with activated(Preferences(Calendar.GREGORIAN, Digits.PERSIAN)):
        assert format_datetime(moment) == "۲۰۲۲-۱۱-۲۸ ۰۹:۰۵"
        assert local_digits(12) == "۱۲"


@pytest.mark.parametrize("typed", ["1444/05/04", "١٤٤٤/٠٥/٠٤", "۱۴۴۴/۰۵/۰۴", "1444-5-4"])
def test_it_reads_a_lunar_hijri_date_in_any_one_digit_set(typed):
    with activated(HIJRI_ARABIC):
        assert LocalizedDateField().clean(typed) == DAY


@pytest.mark.parametrize("typed", ["2022-11-28", "٢٠٢٢-١١-٢٨", "۲۰۲۲/۱۱/۲۸"])
def test_it_reads_a_gregorian_date_in_any_one_digit_set(typed):
    with activated(Preferences(Calendar.GREGORIAN, Digits.ARABIC)):
        assert LocalizedDateField().clean(typed) == DAY


def test_it_refuses_mixed_digits_and_shows_the_expected_form():
    assert _errors("۱۴۰۱/09/۰۷", JALALI_LATIN) == [
        f"Use one kind of digits in a date, for example {format_with(JALALI_LATIN)}."]


def test_it_refuses_a_date_of_another_calendar_with_the_expected_form():
    (message,) = _errors("2022/11/28", HIJRI_ARABIC)
    assert message.startswith("٢٠٢٢ looks like a Gregorian year: enter the date in the Lunar "
                              "Hijri calendar, for example ")
    (message,) = _errors("1200/01/01", HIJRI_ARABIC)
    assert "١٣٤٣" in message and "١٥٠٠" in message
    (message,) = _errors("1444/01/30", HIJRI_ARABIC)
    assert message == "Month ١ of ١٤٤٤ has ٢٩ days."


def test_the_message_is_in_the_readers_language():
    (message,) = _errors("2022/13/01", Preferences(), language="fa")
    assert "ماه" in message and "month" not in message


def test_the_widget_is_a_text_box_in_a_calendar_the_browser_does_not_know():
    class DayForm(forms.Form):
        day = LocalizedDateField()

    with activated(HIJRI_ARABIC):
        html = str(DayForm(initial={"day": DAY})["day"])
    assert 'type="text"' in html and 'value="١٤٤٤/٠٥/٠٤"' in html
    with activated(Preferences(Calendar.GREGORIAN, Digits.ARABIC)):
        html = str(DayForm(initial={"day": DAY})["day"])
    assert 'type="date"' in html and 'value="2022-11-28"' in html


def format_with(preferences: Preferences) -> str:
    from django.utils import timezone

    with activated(preferences):
        return format_date(timezone.localdate())
