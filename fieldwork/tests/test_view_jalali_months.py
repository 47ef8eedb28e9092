"""Demands per month in the reader's calendar (nucleus.calendars.month_start/format_month):
Jalali months counted by their own boundaries and named by their Persian names."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from fieldwork.actions import do_raise_demand
from fieldwork.metrics import pulse
from fieldwork.models import Demand
from nucleus.calendars import format_month, month_start
from nucleus.preferences import Calendar, Digits, Preferences, activated

pytestmark = pytest.mark.django_db

JALALI = Preferences(Calendar.JALALI, Digits.PERSIAN)
ABAN_END, AZAR_START = date(2026, 11, 21), date(2026, 11, 22)  # 1405/08/30, 1405/09/01


def test_21_and_22_november_2026_fall_in_aban_and_azar_1405():
    with translation.override("fa"), activated(JALALI):
        assert month_start(ABAN_END) == date(2026, 10, 23)  # 1405/08/01
        assert month_start(AZAR_START) == AZAR_START
        assert format_month(ABAN_END) == "آبان ۱۴۰۵"
        assert format_month(AZAR_START) == "آذر ۱۴۰۵"
    with translation.override("en"), activated(Preferences()):
        assert month_start(AZAR_START) == date(2026, 11, 1)
        assert format_month(AZAR_START) == "November 2026"
    with translation.override("en"), activated(Preferences(Calendar.JALALI, Digits.LATIN)):
        assert format_month(AZAR_START) == "Azar 1405"


def _raise_wages(fw, *days):
    wages = Demand.objects.get(organization=fw.field.unit.organization, kind="wages")
    for day in days:
        do_raise_demand(acting_user=fw.secretary, field=fw.field, demand=wages, raised_on=day)


def test_demands_are_counted_by_jalali_months(fw):
    _raise_wages(fw, date(2026, 11, 2), ABAN_END, AZAR_START)
    with activated(JALALI):
        result = pulse(fw.secretary, fw.field)
    assert [(d.month, d.count) for d in result.demands] == [
        (date(2026, 10, 23), 2), (AZAR_START, 1)]
    with activated(Preferences()):  # Gregorian: all three in November
        result = pulse(fw.secretary, fw.field)
    assert [(d.month, d.count) for d in result.demands] == [(date(2026, 11, 1), 3)]


def test_the_field_page_labels_demands_by_jalali_month_in_persian(fw, login):
    _raise_wages(fw, ABAN_END, AZAR_START)
    url = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})
    page = login(fw.secretary).get(url, headers={"Accept-Language": "fa"}).content.decode()
    assert "<td>آبان ۱۴۰۵</td>" in page and "<td>آذر ۱۴۰۵</td>" in page
