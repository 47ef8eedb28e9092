"""Bulk assess from a contact list: the checked rows, a confirmation that says how many, one
transaction, all or nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fieldwork.actions.lists import do_bulk_assess
from fieldwork.models import Assessment
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def bulk_url(fw, unit_key: str = "cell_a") -> str:
    return reverse("fieldwork:contacts_bulk", kwargs={"uid": fw.world.units[unit_key].uid})


@pytest.fixture
def crew(fw):
    return [fw.contact(alias) for alias in ("ana", "bo", "cy")]


def post(client, fw, people, **extra):
    return client.post(bulk_url(fw), {
        "action": "assess", "contacts": [p.contact_profile.uid for p in people],
        "next": "/fieldwork/units/x/contacts/?leader=true", **extra})


def test_it_asks_to_confirm_how_many(fw, login, crew):
    response = post(login(fw.secretary), fw, crew[:2])
    body = response.content.decode()
    assert response.status_code == 200
    assert "Assess 2 contacts" in body and "ana" in body and "bo" in body
    assert 'name="confirm"' in body and 'name="level"' in body
    assert not Assessment.objects.exists()


def test_it_assesses_every_checked_contact_and_goes_back(fw, login, crew):
    client = login(fw.secretary)
    response = post(client, fw, crew[:2], confirm="yes", level="2",
                    assessed_on=days_ago(1).isoformat())
    assert response.status_code == 302
    assert response["Location"] == "/fieldwork/units/x/contacts/?leader=true"
    assessed = Assessment.objects.filter(level__value=2, assessed_on=days_ago(1))
    assert {a.person.alias for a in assessed} == {"ana", "bo"}
    crew[0].contact_profile.refresh_from_db()
    assert crew[0].contact_profile.current_level.value == 2
    page = client.get(response["Location"], follow=True).content.decode()
    assert "2 contacts were assessed." in page


def test_it_assesses_nothing_when_one_contact_is_not_visible(fw, login, crew):
    hidden = fw.contact("hidden", field=fw.new_field("School yard", unit_key="cell_b"))
    response = post(login(fw.world.user("sibling_secretary")), fw, [crew[0]],
                    confirm="yes", level="2", assessed_on=days_ago(0).isoformat())
    assert response.status_code == 404  # Cell A is not theirs at all
    client = login(fw.secretary)
    response = post(client, fw, [*crew, hidden], confirm="yes", level="2",
                    assessed_on=days_ago(0).isoformat())
    assert response.status_code == 302
    assert not Assessment.objects.exists()
    page = client.get(response["Location"], follow=True).content.decode()
    assert "not one of the available choices" in page


def test_it_refuses_who_may_not_assess(fw, login, crew):
    client = login(fw.world.user("cell_member"))  # sees the contacts, may not assess
    response = post(client, fw, crew, confirm="yes", level="2",
                    assessed_on=days_ago(0).isoformat())
    assert response.status_code == 302
    assert not Assessment.objects.exists()


def test_it_keeps_the_form_on_a_wrong_level_and_writes_nothing(fw, login, crew):
    response = post(login(fw.secretary), fw, crew, confirm="yes", level="9",
                    assessed_on=days_ago(0).isoformat())
    assert response.status_code == 200
    assert "outside the scale" in response.content.decode()
    assert not Assessment.objects.exists()


def test_it_needs_a_checked_contact(fw, login, crew):
    client = login(fw.secretary)
    response = client.post(bulk_url(fw), {"action": "assess"})
    assert response.status_code == 302
    assert "Choose at least one contact." in client.get(response["Location"],
                                                        follow=True).content.decode()


def test_the_action_is_all_or_nothing(fw, crew):
    hidden = fw.contact("hidden", field=fw.new_field("School yard", unit_key="cell_b"))
    profiles = [p.contact_profile for p in [*crew, hidden]]
    with pytest.raises(ValidationError, match="nothing was done"):
        do_bulk_assess(acting_user=fw.secretary, profiles=profiles, level_value=2,
                       assessed_on=timezone.localdate())
    assert not Assessment.objects.exists()
    assert do_bulk_assess(acting_user=fw.secretary, profiles=profiles[:3], level_value=3,
                          assessed_on=timezone.localdate()) == 3
    assert Assessment.objects.count() == 3
