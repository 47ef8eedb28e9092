"""Opening a secret ballot for an organ from its page; the organ's list of ballots."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ballots.models import BallotBox
from ballots.tests.helpers import make_voters

pytestmark = pytest.mark.django_db


def test_it_opens_an_stv_ballot_for_the_organs_voting_members(world, login):
    voters = make_voters(world, n=2)
    unit = world.units["cell_a"]
    response = login(world.user("cell_secretary")).post(
        reverse("ballots:open_box", kwargs={"uid": unit.uid}),
        {"label": "Cell bureau", "method": "stv", "options": "Ana\n\nBo\nCy\n", "seats": 2})
    box = BallotBox.objects.get()
    assert response["Location"] == reverse("ballots:box", kwargs={"uid": box.uid})
    assert [o["label"] for o in box.options] == ["Ana", "Bo", "Cy"]
    assert f"person:{voters[0].person.uid}" in box.electorate and box.seats == 2


def test_it_refuses_a_yes_no_ballot_without_a_rule(world, login):
    unit = world.units["cell_a"]
    response = login(world.user("cell_secretary")).post(
        reverse("ballots:open_box", kwargs={"uid": unit.uid}),
        {"label": "Motion", "method": "yes_no", "seats": 1})
    assert "Choose a majority rule." in response.content.decode()
    assert not BallotBox.objects.exists()


def test_it_lists_the_organs_ballots(world, login):
    unit = world.units["cell_a"]
    client = login(world.user("cell_secretary"))
    client.post(reverse("ballots:open_box", kwargs={"uid": unit.uid}),
                {"label": "Motion on the strike", "method": "yes_no", "seats": 1,
                 "rule": "two_thirds"})
    body = client.get(reverse("ballots:unit_boxes", kwargs={"uid": unit.uid})).content.decode()
    assert "Motion on the strike" in body
    other = login(world.user("committee_member")).get(
        reverse("ballots:unit_boxes", kwargs={"uid": unit.uid})).content.decode()
    assert "Motion on the strike" not in other
