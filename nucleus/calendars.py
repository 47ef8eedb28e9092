"""Dates in the reader's calendar and digits (``nucleus.preferences``): Gregorian (ISO 8601),
Solar Hijri (Jalali) or Lunar Hijri (Umm al-Qura), in Latin, Persian or Arabic-Indic digits.

Shown through the template filters in ``nucleus.templatetags.nucleus_dates``; typed through
``LocalizedDateField``, whose widget shows the value in the same calendar and which accepts
any of the three digit sets (one set per date). The database always holds Gregorian dates.
"""

from __future__ import annotations

import datetime
import re

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian, Hijri

from nucleus.preferences import Calendar, Digits, current

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_DIGIT_SETS = {Digits.LATIN: "0123456789", Digits.PERSIAN: PERSIAN_DIGITS,
               Digits.ARABIC: ARABIC_DIGITS}
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)
_FROM_LATIN = {kind: str.maketrans("0123456789", chars) for kind, chars in _DIGIT_SETS.items()}
_YMD = re.compile(r"(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")
# Jalali 1700 is Gregorian 2321: a year this large was typed in the Gregorian calendar; a
# Gregorian year below 1700 typed in a form is a Solar or Lunar Hijri one.
_GREGORIAN_LOOKING_YEAR = 1700
_HIJRI_YEARS = (1343, 1500)  # what the Umm al-Qura tables cover (1924–2077)


def persian_digits(text: object) -> str:
    return str(text).translate(_FROM_LATIN[Digits.PERSIAN])


def local_digits(text: object) -> str:
    """``text`` with its digits in the reader's digit set."""
    return str(text).translate(_FROM_LATIN[Digits(current().digits)])


def latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def format_date(value: datetime.date) -> str:
    """A date as the reader writes it."""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    calendar = current().calendar
    if calendar == Calendar.JALALI:
        text = jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d")
    elif calendar == Calendar.HIJRI and _hijri_covers(value):
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
        text = f"{hijri.year:04d}/{hijri.month:02d}/{hijri.day:02d}"
    else:
        text = value.isoformat()
    return local_digits(text)


def format_datetime(value: datetime.datetime) -> str:
    """A moment in the server's time zone, to the minute."""
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    value = _local(value)
    return f"{format_date(value.date())} {local_digits(f'{value:%H:%M}')}"


# --- months: buckets and labels by the reader's calendar ---

# The Solar Hijri months under their own names where the calendar is read in Persian; for
# other languages (Sorani in Iran, a reader who chose the calendar) marked for translation,
# transliterated in English.
_JALALI_MONTHS = (
    pgettext_lazy("Solar Hijri month", "Farvardin"),
    pgettext_lazy("Solar Hijri month", "Ordibehesht"),
    pgettext_lazy("Solar Hijri month", "Khordad"), pgettext_lazy("Solar Hijri month", "Tir"),
    pgettext_lazy("Solar Hijri month", "Mordad"),
    pgettext_lazy("Solar Hijri month", "Shahrivar"),
    pgettext_lazy("Solar Hijri month", "Mehr"), pgettext_lazy("Solar Hijri month", "Aban"),
    pgettext_lazy("Solar Hijri month", "Azar"), pgettext_lazy("Solar Hijri month", "Dey"),
    pgettext_lazy("Solar Hijri month", "Bahman"), pgettext_lazy("Solar Hijri month", "Esfand"),
)


def month_start(value: datetime.date) -> datetime.date:
    """The first day (a Gregorian date, as stored) of the reader's calendar month holding
    ``value``: a month bucket of a per-month count. Jalali months begin on the 20th to the
    23rd of a Gregorian month, so relabelling Gregorian month starts would count wrongly."""
    calendar = current().calendar
    if calendar == Calendar.JALALI:
        day = jdatetime.date.fromgregorian(date=value)
        return jdatetime.date(day.year, day.month, 1).togregorian()
    if calendar == Calendar.HIJRI and _hijri_covers(value):
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
        first = Hijri(hijri.year, hijri.month, 1).to_gregorian()
        return datetime.date(first.year, first.month, first.day)
    return value.replace(day=1)


def format_month(value: datetime.date) -> str:
    """The reader's calendar month holding ``value`` as its name and year ("آذر ۱۴۰۵",
    "November 2026")."""
    calendar = current().calendar
    if calendar == Calendar.JALALI:
        day = jdatetime.date.fromgregorian(date=value)
        name = (jdatetime.date.j_months_fa[day.month - 1]
                if (get_language() or "").split("-")[0] == "fa"
                else str(_JALALI_MONTHS[day.month - 1]))
        return local_digits(f"{name} {day.year}")
    if calendar == Calendar.HIJRI and _hijri_covers(value):
        hijri = Gregorian(value.year, value.month, value.day).to_hijri()
        name = hijri.month_name("ar" if (get_language() or "").split("-")[0] == "ar" else "en")
        return local_digits(f"{name} {hijri.year}")
    return local_digits(date_format(value, "YEAR_MONTH_FORMAT"))


def format_year(value: int) -> str:
    """A Gregorian year (only the year is known, so it is not converted): in the reader's
    digits, with a mark that it is Gregorian where the language needs one."""
    return local_digits(pgettext("Gregorian year", "%(year)s") % {"year": value})


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _hijri_covers(value: datetime.date) -> bool:
    return datetime.date(1924, 8, 1) <= value <= datetime.date(2077, 11, 16)


def _example() -> str:
    return format_date(timezone.localdate())


def _invalid(message, code: str, **params: object) -> ValidationError:
    return ValidationError(message, code=code, params={"example": _example(), **params})


def _one_digit_set(text: str) -> str:
    """``text`` in Latin digits; refused when it mixes digit sets (a slip of the keyboard
    layout that would make 1403/05/12 out of ۱۴۰۳/05/۱۲ silently)."""
    used = {kind for kind, chars in _DIGIT_SETS.items() if any(c in chars for c in text)}
    if len(used) > 1:
        raise _invalid(_("Use one kind of digits in a date, for example %(example)s."),
                       "mixed_digits")
    return latin_digits(text)


def _year_month_day(text: str, calendar_message) -> tuple[int, int, int]:
    match = _YMD.fullmatch(text)
    if match is None:
        raise _invalid(calendar_message, "invalid")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise _invalid(calendar_message, "invalid")
    return year, month, day


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError(_("There is no month %(month)s: months are numbered 1 to 12."),
                              code="invalid_month", params={"month": local_digits(month)})


def _no_such_day(year: int, month: int, days: int) -> ValidationError:
    return ValidationError(_("Month %(month)s of %(year)s has %(days)s days."),
                           code="invalid_day", params={"month": local_digits(month),
                                                       "year": local_digits(year),
                                                       "days": local_digits(days)})


_JALALI_FORM = _("Enter the date in the Solar Hijri calendar as year/month/day, for example "
                 "%(example)s.")
_HIJRI_FORM = _("Enter the date in the Lunar Hijri calendar as year/month/day, for example "
                "%(example)s.")
_GREGORIAN_FORM = _("Enter the date in the Gregorian calendar as year-month-day, for example "
                    "%(example)s.")


def parse_jalali(text: str) -> datetime.date:
    """A Jalali date typed as year/month/day or year-month-day, in Persian, Arabic or Latin
    digits, as the Gregorian date it names."""
    year, month, day = _year_month_day(_one_digit_set(text.strip()), _JALALI_FORM)
    if year >= _GREGORIAN_LOOKING_YEAR:
        raise _invalid(_("%(year)s looks like a Gregorian year: enter the date in the Solar "
                         "Hijri calendar, for example %(example)s."),
                       "gregorian", year=local_digits(year))
    _check_month(month)
    days = jdatetime.j_days_in_month[month - 1]
    if month == 12 and jdatetime.date(year, 1, 1).isleap():
        days += 1
    if not 1 <= day <= days:
        raise _no_such_day(year, month, days)
    return jdatetime.date(year, month, day).togregorian()


def parse_hijri(text: str) -> datetime.date:
    """A Lunar Hijri (Umm al-Qura) date typed as year/month/day."""
    year, month, day = _year_month_day(_one_digit_set(text.strip()), _HIJRI_FORM)
    if year >= _GREGORIAN_LOOKING_YEAR:
        raise _invalid(_("%(year)s looks like a Gregorian year: enter the date in the Lunar "
                         "Hijri calendar, for example %(example)s."),
                       "gregorian", year=local_digits(year))
    low, high = _HIJRI_YEARS
    if not low <= year <= high:
        raise _invalid(_("Lunar Hijri dates can be entered for the years %(low)s to "
                         "%(high)s, for example %(example)s."), "out_of_range",
                       low=local_digits(low), high=local_digits(high))
    _check_month(month)
    days = Hijri(year, month, 1).month_length()
    if not 1 <= day <= days:
        raise _no_such_day(year, month, days)
    gregorian = Hijri(year, month, day).to_gregorian()
    return datetime.date(gregorian.year, gregorian.month, gregorian.day)


def parse_gregorian(text: str) -> datetime.date:
    """A Gregorian date as year-month-day (or year/month/day), in any one digit set."""
    year, month, day = _year_month_day(_one_digit_set(text.strip()), _GREGORIAN_FORM)
    if year < _GREGORIAN_LOOKING_YEAR:
        raise _invalid(_("%(year)s looks like a Solar or Lunar Hijri year: enter the date in "
                         "the Gregorian calendar, for example %(example)s."),
                       "hijri", year=local_digits(year))
    _check_month(month)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        last = (datetime.date(year + month // 12, month % 12 + 1, 1)
                - datetime.timedelta(days=1)).day
        raise _no_such_day(year, month, last) from None


PARSERS = {Calendar.GREGORIAN: parse_gregorian, Calendar.JALALI: parse_jalali,
           Calendar.HIJRI: parse_hijri}


class LocalizedDateInput(forms.DateInput):
    """A date input in the reader's calendar: the browser's date picker (ISO) for the
    Gregorian calendar; otherwise a text box holding the date, with an example as
    placeholder."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, datetime.date) and current().calendar != Calendar.GREGORIAN:
            return format_date(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if current().calendar != Calendar.GREGORIAN:
            widget = context["widget"]
            widget["type"] = "text"
            widget["attrs"].setdefault(
                "placeholder", str(_("e.g. %(example)s")) % {"example": _example()})
            widget["attrs"].setdefault("autocomplete", "off")
        return context


class LocalizedDateField(forms.DateField):
    """A date typed in the reader's calendar, in any one of the three digit sets."""

    widget = LocalizedDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return PARSERS[Calendar(current().calendar)](str(value))
