"""Dates in the calendar of the active language: Solar Hijri (Jalali) with Persian digits when
Persian is active, Gregorian ISO 8601 otherwise.

Shown through the template filters in ``nucleus.templatetags.nucleus_dates``; typed through
``LocalizedDateField``, whose widget shows the value in the same calendar. The database always
holds Gregorian dates.
"""

from __future__ import annotations

import datetime
import re

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)
_JALALI = re.compile(r"(\d{4})\s*[/\-]\s*(\d{1,2})\s*[/\-]\s*(\d{1,2})")
# Jalali 1700 is Gregorian 2321: a year this large was typed in the Gregorian calendar.
_GREGORIAN_LOOKING_YEAR = 1700


def is_persian() -> bool:
    return (get_language() or "").startswith("fa")


def persian_digits(text: object) -> str:
    return str(text).translate(_TO_PERSIAN)


def local_digits(text: object) -> str:
    """Persian digits when Persian is active, else as it is."""
    return persian_digits(text) if is_persian() else str(text)


def latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def format_date(value: datetime.date) -> str:
    """A date as people of the active language write it."""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    if is_persian():
        return persian_digits(jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d"))
    return value.isoformat()


def format_datetime(value: datetime.datetime) -> str:
    """A moment in the server's time zone, to the minute."""
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    value = _local(value)
    if is_persian():
        day = jdatetime.date.fromgregorian(date=value.date()).strftime("%Y/%m/%d")
        return persian_digits(f"{day} {value:%H:%M}")
    return f"{value.date().isoformat()} {value:%H:%M}"


def format_year(value: int) -> str:
    """A Gregorian year (only the year is known, so it is not converted): in Persian its
    digits and a mark that it is Gregorian."""
    return local_digits(pgettext("Gregorian year", "%(year)s") % {"year": value})


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _example() -> str:
    return format_date(timezone.localdate())


def parse_jalali(text: str) -> datetime.date:
    """A Jalali date typed as year/month/day or year-month-day, in Persian, Arabic or Latin
    digits, as the Gregorian date it names."""
    match = _JALALI.fullmatch(latin_digits(text.strip()))
    if match is None:
        raise ValidationError(
            _("Enter the date in the Solar Hijri calendar as year/month/day, for example "
              "%(example)s."), code="invalid", params={"example": _example()})
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise ValidationError(
            _("Enter the date in the Solar Hijri calendar as year/month/day, for example "
              "%(example)s."), code="invalid", params={"example": _example()})
    if year >= _GREGORIAN_LOOKING_YEAR:
        raise ValidationError(
            _("%(year)s looks like a Gregorian year: enter the date in the Solar Hijri "
              "calendar, for example %(example)s."),
            code="gregorian", params={"year": local_digits(year), "example": _example()})
    if not 1 <= month <= 12:
        raise ValidationError(
            _("There is no month %(month)s: months are numbered 1 to 12."),
            code="invalid_month", params={"month": local_digits(month)})
    days = jdatetime.j_days_in_month[month - 1]
    if month == 12 and jdatetime.date(year, 1, 1).isleap():
        days += 1
    if not 1 <= day <= days:
        raise ValidationError(
            _("Month %(month)s of %(year)s has %(days)s days."), code="invalid_day",
            params={"month": local_digits(month), "year": local_digits(year),
                    "days": local_digits(days)})
    return jdatetime.date(year, month, day).togregorian()


class LocalizedDateInput(forms.DateInput):
    """A date input in the active calendar: the browser's date picker (ISO) in Gregorian
    languages; in Persian a text box holding the Jalali date, with an example as placeholder."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, datetime.date) and is_persian():
            return format_date(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if is_persian():
            widget = context["widget"]
            widget["type"] = "text"
            widget["attrs"].setdefault(
                "placeholder", str(_("e.g. %(example)s")) % {"example": _example()})
            widget["attrs"].setdefault("autocomplete", "off")
        return context


class LocalizedDateField(forms.DateField):
    """A date typed in the active calendar: Jalali (year/month/day, Persian or Latin digits)
    when Persian is active, the usual Gregorian formats (ISO first) otherwise."""

    widget = LocalizedDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if is_persian():
            return parse_jalali(text)
        return super().to_python(latin_digits(text))
