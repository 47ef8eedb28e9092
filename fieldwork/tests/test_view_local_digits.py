"""The field page in the reader's digits (nucleus/digits.py): Persian digits in every text of
a Persian page, charts included, never in its URLs, uids, ids or form values; Latin digits
in English, German and Turkish; a quantity and a date typed in Persian digits are read."""

import re

import jdatetime
import pytest
from django.urls import reverse

from fieldwork.models import Activity
from fieldwork.tests.conftest import days_ago
from nucleus.calendars import persian_digits

pytestmark = pytest.mark.django_db

WESTERN = re.compile(r"[0-9]")


def _text_of(html: str) -> str:
    """What a reader sees: the text outside tags, scripts and styles."""
    html = re.sub(r"<(script|style|textarea|code)\b.*?</\1>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]*>", " ", html)


def _field_page(fw, login, language: str) -> str:
    contact = fw.contact("c-1", part="Rolling mill")
    fw.assess(contact, 2)
    fw.activity(days_ago(3), contacts=[contact])
    url = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})
    response = login(fw.secretary).get(url, headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_only_persian_digits_in_the_text_of_a_persian_page(fw, login):
    page = _field_page(fw, login, "fa")
    text = _text_of(page)
    assert not WESTERN.search(text), WESTERN.search(text) and text[
        max(WESTERN.search(text).start() - 60, 0):WESTERN.search(text).start() + 20]
    assert "۲۰" in text  # the headcount
    assert str(fw.field.uid) in page  # links keep their uids
    assert re.search(r'<svg[^>]*viewBox="0 0 \d+', page)  # charts keep their coordinates
    assert re.search(r"<text [^>]*>[^<]*[۰-۹]", page)  # ... and show Persian labels
    assert 'name="csrfmiddlewaretoken" value="' in page


@pytest.mark.parametrize("language", ["en", "de", "tr"])
def test_it_keeps_latin_digits_in_other_languages(fw, login, language):
    text = _text_of(_field_page(fw, login, language))
    assert "20" in text and not re.search("[۰-۹٠-٩]", text)


def test_it_reads_a_quantity_and_a_date_typed_in_persian_digits(fw, login):
    url = reverse("fieldwork:activity_create", kwargs={"uid": fw.field.unit.uid})
    day = days_ago(10)
    # In the Solar Hijri calendar of a Persian reader, as year/month/day in Persian digits.
    typed = persian_digits(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))
    response = login(fw.secretary).post(url, {
        "kind": "distribution", "field": fw.field.uid, "date": typed, "quantity": "۱۵۰"},
        headers={"Accept-Language": "fa"})
    assert response.status_code == 302, _text_of(response.content.decode())[-2000:]
    activity = Activity.objects.get()
    assert (activity.quantity, activity.date) == (150, day)
