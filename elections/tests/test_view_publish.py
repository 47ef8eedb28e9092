"""Publishing the results."""

import pytest
from django.urls import reverse

from elections.actions import do_accept_nomination, do_appoint_sole_candidate
from elections.models import Election, OfficeTerm

pytestmark = pytest.mark.django_db


def test_it_publishes_and_starts_the_term(world, elections, login):
    election = elections["open"]
    do_accept_nomination(acting_user=None, nomination=election.nominations.get())
    do_appoint_sole_candidate(acting_user=None, election=election)
    login(world.user("cell_secretary")).post(
        reverse("elections:publish", kwargs={"uid": election.uid}))
    assert Election.objects.get(pk=election.pk).status == "published"
    assert OfficeTerm.objects.get(election=election).holder == world.people["alias-cella-2"]


def test_it_refuses_an_election_not_counted(world, elections, login):
    page = login(world.user("cell_secretary")).post(
        reverse("elections:publish", kwargs={"uid": elections["open"].uid}), follow=True)
    assert "cannot be done now" in page.content.decode()
