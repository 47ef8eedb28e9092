"""Recording the pulse of a field: a mood reading, a demand raised, a struggle."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork.actions import ensure_default_demands
from fieldwork.models import Demand, DemandRaised, MoodReading, Struggle
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _url(name, fw):
    return reverse(f"fieldwork:{name}", kwargs={"uid": fw.field.uid})


def _wages(fw, org="rp"):
    return Demand.objects.get(organization=fw.world.orgs[org], name="Wages")


def test_it_records_the_mood(fw, login):
    response = login(fw.secretary).post(_url("mood_create", fw), {
        "value": "4", "taken_on": days_ago(1).isoformat(), "note": "talk of a stoppage"})
    assert response.status_code == 302
    assert MoodReading.objects.get(field=fw.field).value == 4


@pytest.mark.parametrize("data, message", [
    ({"value": "7"}, "Select a valid choice."),
    ({"value": "3", "taken_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
     "The date cannot be in the future."),
])
def test_it_rejects_a_bad_mood_reading(fw, login, data, message):
    values = {"taken_on": days_ago(1).isoformat(), **data}
    response = login(fw.secretary).post(_url("mood_create", fw), values)
    assert message in response.content.decode()
    assert not MoodReading.objects.exists()


def test_it_records_a_demand_raised(fw, login):
    response = login(fw.secretary).post(_url("demand_raise", fw), {
        "demand": _wages(fw).uid, "raised_on": days_ago(2).isoformat()})
    assert response.status_code == 302
    assert DemandRaised.objects.get().demand == _wages(fw)


def test_it_rejects_a_demand_of_another_organization(fw, login):
    ensure_default_demands(fw.world.orgs["op"])
    response = login(fw.secretary).post(_url("demand_raise", fw), {
        "demand": _wages(fw, "op").uid, "raised_on": days_ago(2).isoformat()})
    assert "Choose one of the demands of the catalogue." in response.content.decode()
    assert not DemandRaised.objects.exists()


def test_it_says_when_the_catalogue_is_empty(fw, login):
    Demand.objects.filter(organization=fw.world.orgs["rp"]).delete()
    body = login(fw.secretary).get(_url("demand_raise", fw)).content.decode()
    assert "The demand catalogue of this organization is empty" in body


def test_it_records_a_struggle_with_its_demands(fw, login):
    response = login(fw.secretary).post(_url("struggle_create", fw), {
        "kind": "strike", "started_on": days_ago(4).isoformat(),
        "ended_on": days_ago(2).isoformat(), "participants": "40",
        "involvement": "participation", "demands": [_wages(fw).uid], "outcome": "Bonus paid"})
    assert response.status_code == 302
    struggle = Struggle.objects.get()
    assert (struggle.participants, list(struggle.demands.all())) == (40, [_wages(fw)])


def test_it_rejects_a_struggle_that_ends_before_it_starts(fw, login):
    response = login(fw.secretary).post(_url("struggle_create", fw), {
        "kind": "strike", "started_on": days_ago(2).isoformat(),
        "ended_on": days_ago(4).isoformat(), "participants": "40", "involvement": "none"})
    assert "A struggle cannot end before it starts." in response.content.decode()
    assert not Struggle.objects.exists()
