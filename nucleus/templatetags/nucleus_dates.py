"""Dates for people: Jalali when Persian is active, ISO 8601 otherwise."""

from __future__ import annotations

import datetime

import jdatetime
from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def ndate(value: datetime.date | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if (get_language() or "").startswith("fa"):
        return jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d")
    return value.isoformat()
