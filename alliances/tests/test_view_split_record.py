"""Recording a split from the organization's splits page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliances.models import Split
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def founder(allied):
    from accounts.models import User

    # The founder of the Red Party: secretary of its top unit, who edits its profile.
    return User.objects.get(username="founder")


def _url(org) -> str:
    return reverse("alliances:split_record", kwargs={"uid": org.uid})


def test_it_records_a_split_with_departures_and_a_count(allied, login, founder):
    rp = allied.orgs["rp"]
    person = allied.people["alias-cella-1"]
    response = login(founder).post(_url(rp), {
        "new_organization_name": "Red Party (Renewal)", "date": "2024-08-15",
        "departures": [str(person.uid)], "organ": str(allied.units["cell_a"].uid),
        "left": "1", "of": "5", "description": "one of five"})
    split = Split.objects.get(organization=rp, new_organization_name="Red Party (Renewal)")
    assert response.status_code == 302
    assert response["Location"] == reverse("alliances:split", kwargs={"uid": split.uid})
    assert Person.objects.get(pk=person.pk).status == "left"
    assert split.counts.get().description == "one of five"
    assert rp.lineage.filter(kind="split_off", other_name="Red Party (Renewal)").exists()


def test_it_asks_for_the_organ_of_a_count(allied, login, founder):
    rp = allied.orgs["rp"]
    response = login(founder).post(_url(rp), {
        "new_organization_name": "Red Party (Renewal)", "year": "2004",
        "description": "most"})
    assert response.status_code == 200
    assert "Choose the organ these counts are of." in response.content.decode()
    assert not Split.objects.filter(organization=rp, year=2004).exists()


def test_it_refuses_a_split_without_a_date_and_saves_nothing(allied, login, founder):
    rp = allied.orgs["rp"]
    before = Split.objects.count()
    response = login(founder).post(_url(rp), {"new_organization_name": "Renewal"})
    assert response.status_code == 200
    assert "Give the date of the split, or at least its year." in response.content.decode()
    assert Split.objects.count() == before


def test_it_answers_404_to_who_may_not_edit_the_profile(allied, login):
    response = login(allied.user("overseer")).get(_url(allied.orgs["rp"]))
    assert response.status_code == 404
