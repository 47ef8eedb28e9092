"""Opening the vote."""

import pytest
from django.urls import reverse

from elections.actions import do_accept_nomination, do_nominate
from elections.models import Election

pytestmark = pytest.mark.django_db


def test_it_opens_a_ballot_box_for_the_standing_candidates(world, elections, login):
    election = elections["open"]
    do_accept_nomination(acting_user=None, nomination=election.nominations.get())
    do_nominate(acting_user=None, election=election, candidate=world.people["alias-cella-1"],
                self_nominated=True)
    login(world.user("cell_secretary")).post(
        reverse("elections:open_vote", kwargs={"uid": election.uid}))
    election = Election.objects.get(pk=election.pk)
    assert election.status == "voting"
    assert sorted(election.box.electorate) == sorted(
        f"person:{world.people[a].uid}" for a in ("alias-cella-1", "alias-cella-2"))


def test_it_says_why_it_cannot_open(world, elections, login):
    page = login(world.user("cell_secretary")).post(
        reverse("elections:open_vote", kwargs={"uid": elections["open"].uid}), follow=True)
    assert "still awaits" in page.content.decode()
