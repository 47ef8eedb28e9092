"""A login's language, calendar and digits (accounts/preferences.py, views_preferences.py):
saved on the profile, followed from device to device, applied to dates; bad values change
nothing; an unknown language falls back to English."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.preferences import preferences_for
from accounts.tests.second_factor import pass_second_factor
from audit.models import AuditEvent
from nucleus.preferences import Calendar, Digits, Preferences

pytestmark = pytest.mark.django_db

URL = reverse("accounts:preferences")


def _switch(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_it_saves_the_choices_and_applies_them_to_every_page(world, login):
    user = world.user("cell_member")
    client = login(user)
    response = client.post(URL, {"language": "ar", "calendar": Calendar.JALALI,
                                 "digits": Digits.LATIN})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.language, user.calendar, user.digits) == ("ar", "jalali", "latin")
    page = client.get(reverse("accounts:account")).content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    # A date input now speaks Jalali with Latin digits, though the page is Arabic.
    form = client.get(URL).content.decode()
    assert 'value="jalali" selected' in form
    event = AuditEvent.objects.filter(actor=user, action="update", model="accounts.User").last()
    assert event is not None and sorted(event.fields) == ["calendar", "digits", "language"]
    assert "password" not in str(event.changes)


def test_the_language_menu_saves_the_choice_and_another_device_follows_it(world, login):
    user = world.user("cell_member")
    _switch(login(user), "ckb")
    user.refresh_from_db()
    assert user.language == "ckb"
    other_device = Client()
    other_device.force_login(user)
    pass_second_factor(other_device, user)
    page = other_device.get(reverse("accounts:home")).content.decode()
    assert 'lang="ckb"' in page and 'dir="rtl"' in page


def test_an_unknown_language_falls_back_to_english_without_an_error(world, login):
    user = world.user("cell_member")
    client = login(user)
    response = _switch(client, "xx")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == ""
    page = client.get(reverse("accounts:home"), HTTP_ACCEPT_LANGUAGE="xx").content.decode()
    assert 'lang="en"' in page


def test_it_refuses_a_value_outside_the_choices_and_changes_nothing(world, login):
    user = world.user("cell_member")
    client = login(user)
    response = client.post(URL, {"language": "fa", "calendar": "mayan", "digits": ""})
    assert response.status_code == 200 and response.context["form"].errors["calendar"]
    user.refresh_from_db()
    assert (user.language, user.calendar) == ("", "")


def test_sorani_follows_where_the_units_work(world):
    user = world.user("cell_member")
    with translation.override("ckb"):
        assert preferences_for(user) == Preferences(Calendar.GREGORIAN, Digits.ARABIC)
        organization = world.units["cell_a"].organization
        organization.country = "Iran"
        organization.save(update_fields=["country"])
        assert preferences_for(user) == Preferences(Calendar.JALALI, Digits.PERSIAN)
        # The user's own choice wins over the place.
        user.calendar = Calendar.HIJRI
        assert preferences_for(user) == Preferences(Calendar.HIJRI, Digits.PERSIAN)
