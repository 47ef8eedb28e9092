"""Closing the vote and counting it."""

import pytest
from django.urls import reverse

from elections.actions import do_accept_nomination, do_nominate
from elections.models import Election
from elections.voting import do_open_vote

pytestmark = pytest.mark.django_db


def test_it_counts_and_shows_the_count_to_the_secretary(world, elections, login):
    election = elections["open"]
    do_accept_nomination(acting_user=None, nomination=election.nominations.get())
    do_nominate(acting_user=None, election=election, candidate=world.people["alias-cella-1"],
                self_nominated=True)
    do_open_vote(acting_user=None, election=election)
    client = login(world.user("cell_secretary"))
    client.post(reverse("elections:close_vote", kwargs={"uid": election.uid}))
    election = Election.objects.get(pk=election.pk)
    assert election.status == "counted" and election.result["ballots"] == 0
    page = client.get(reverse("elections:election_detail", kwargs={"uid": election.uid}))
    assert page.context["results"] is not None
    member_page = login(world.user("cell_member")).get(
        reverse("elections:election_detail", kwargs={"uid": election.uid}))
    assert member_page.context["results"] is None  # not published yet
