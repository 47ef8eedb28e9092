"""Assessing a person with one tap on a level of the organization's scale."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork.actions import do_update_assessment_level
from fieldwork.models import Assessment, AssessmentLevel, ContactProfile

pytestmark = pytest.mark.django_db


def _url(person):
    return reverse("fieldwork:assess", kwargs={"uid": person.uid})


def test_it_offers_one_button_per_level_and_today(fw, login):
    body = login(fw.secretary).get(_url(fw.contact("c-a"))).content.decode()
    assert body.count('name="level"') == 5
    assert f'value="{timezone.localdate().isoformat()}"' in body


def test_it_assesses_with_one_tap(fw, login):
    person = fw.contact("c-a", part="Rolling mill")
    response = login(fw.secretary).post(_url(person), {
        "level": "2", "assessed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})
    assert ContactProfile.objects.get(person=person).current_level.value == 2


def test_it_goes_back_to_the_page_it_came_from(fw, login):
    person = fw.contact("c-a")
    back = reverse("fieldwork:field_detail", kwargs={"uid": fw.field.uid})
    response = login(fw.secretary).post(_url(person), {
        "level": "1", "assessed_on": timezone.localdate().isoformat(), "next": back})
    assert response["Location"] == back
    evil = login(fw.secretary).post(_url(person), {
        "level": "1", "assessed_on": timezone.localdate().isoformat(),
        "next": "https://elsewhere.example/"})
    assert evil["Location"].startswith("/")


def test_it_rejects_a_level_outside_the_scale(fw, login):
    person = fw.contact("c-a")
    response = login(fw.secretary).post(_url(person), {
        "level": "9", "assessed_on": timezone.localdate().isoformat()})
    assert response.status_code == 200
    assert "9 is outside the scale of this organization." in response.content.decode()
    assert not Assessment.objects.exists()


def test_it_rejects_a_retired_level(fw, login):
    level = AssessmentLevel.objects.get(organization=fw.world.orgs["rp"], value=3)
    do_update_assessment_level(acting_user=None, level=level, data={"retired": True})
    response = login(fw.secretary).post(_url(fw.contact("c-a")), {
        "level": "3", "assessed_on": timezone.localdate().isoformat()})
    assert "3 is outside the scale" in response.content.decode()
    assert not Assessment.objects.exists()


def test_it_rejects_a_future_date(fw, login):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(fw.secretary).post(_url(fw.contact("c-a")), {
        "level": "2", "assessed_on": tomorrow.isoformat()})
    assert "The date cannot be in the future." in response.content.decode()
    assert not Assessment.objects.exists()


def test_it_asks_for_a_level(fw, login):
    response = login(fw.secretary).post(_url(fw.contact("c-a")), {
        "assessed_on": timezone.localdate().isoformat()})
    assert "Tap one of the levels." in response.content.decode()


def test_it_says_when_the_organization_has_no_scale(fw, login):
    person = fw.world.people["alias-cellx-1"]
    body = login(fw.world.user("outsider")).get(_url(person)).content.decode()
    assert "no assessment scale yet" in body and 'name="level"' not in body
