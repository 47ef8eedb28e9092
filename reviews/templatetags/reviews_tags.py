"""Showing stored review figures: their dates are ISO text (JSON), shown like any date."""

from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter
def fromiso(value: str | None) -> datetime.date | None:
    """"2026-03-01" as a date, for ``ndate``; empty stays empty."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
