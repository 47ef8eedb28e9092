"""Announcing an action and taking up components, from the campaign's page: for an
organization the user acts for, never a person's name; without the right, a notice."""

from __future__ import annotations

import pytest

from campaigns.models import ActionAnnouncement, Uptake
from campaigns.tests.helpers import campaign, give_international_work, url

pytestmark = pytest.mark.django_db


def test_it_sends_an_action_for_the_organization(world, login):
    made = campaign(world)
    give_international_work(world)
    client = login(world.user("cell_secretary"))
    page = client.get(url("campaigns:announce", made)).content.decode()
    assert "never write a person&#x27;s name here" in page
    component = made.components.first()
    response = client.post(url("campaigns:announce", made), {
        "organization": world.orgs["rp"].uid, "component": component.uid,
        "what": "Fictional: rally at the harbour", "city": "Red City", "country": "Nowhere",
        "date": "2022-12-10"})
    assert response.status_code == 302
    sent = ActionAnnouncement.objects.get()
    assert (sent.organization, sent.component, sent.signed_as) == (world.orgs["rp"], component,
                                                                   "")


def test_without_the_right_it_says_who_grants_it_and_sends_nothing(world, login):
    made = campaign(world)
    client = login(world.user("cell_member"))
    page = client.get(url("campaigns:announce", made)).content.decode()
    assert "the secretary of your unit grants that right" in page
    response = client.post(url("campaigns:announce", made), {
        "organization": world.orgs["rp"].uid, "what": "x", "city": "y", "country": "z",
        "date": "2022-12-10"})
    assert response.status_code == 200 and not ActionAnnouncement.objects.exists()


def test_it_takes_up_components(world, login):
    made = campaign(world)
    give_international_work(world)
    client = login(world.user("cell_secretary"))
    response = client.post(url("campaigns:take_up", made), {
        "organization": world.orgs["rp"].uid,
        "components": [c.uid for c in made.components.all()], "signed_as": "RP office"})
    assert response.status_code == 302
    assert Uptake.objects.filter(organization=world.orgs["rp"], signed_as="RP office") \
        .count() == 2
