"""Dates for people, in the reader's calendar and digits (nucleus.calendars).

``{{ value|ndate }}`` for dates, ``{{ value|ndatetime }}`` for moments (in the server's time
zone, to the minute), ``{{ value|nmonth }}`` for the reader's calendar month holding a date
(a per-month count's bucket, ``nucleus.calendars.month_start``), ``{{ value|nyear }}`` for a
year known only as a Gregorian number.
"""

from __future__ import annotations

import datetime

from django import template

from nucleus.calendars import format_date, format_datetime, format_month, format_year

register = template.Library()


@register.filter
def ndate(value: datetime.date | None) -> str:
    if value is None or value == "":
        return ""
    return format_date(value)


@register.filter
def ndatetime(value: datetime.datetime | None) -> str:
    if value is None or value == "":
        return ""
    return format_datetime(value)


@register.filter
def nmonth(value: datetime.date | None) -> str:
    if value is None or value == "":
        return ""
    return format_month(value)


@register.filter
def nyear(value: int | None) -> str:
    if value is None or value == "":
        return ""
    return format_year(value)
