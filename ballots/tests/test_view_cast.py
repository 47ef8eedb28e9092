"""The cast page: a plain form (rank selects, checkboxes or a radio list), one ballot per
voter, 404 for whoever neither sees the organ's records nor is one of its voters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ballots import electorate
from ballots.actions import do_close_box, do_open_box
from ballots.models import Ballot, VoterMark
from ballots.tests.helpers import make_voters, open_box

pytestmark = pytest.mark.django_db


def _url(box) -> str:
    return reverse("ballots:cast", kwargs={"uid": box.uid})


def test_it_casts_a_ranking_from_the_selects(world, login):
    voter = make_voters(world, n=1)[0]
    box = open_box(world)
    client = login(voter)
    page = client.get(_url(box))
    assert page.status_code == 200 and 'name="rank_4"' in page.content.decode()
    response = client.post(_url(box), {"rank_1": "k-cy", "rank_2": "", "rank_3": "k-ana"},
                           follow=True)
    assert "Your ballot is in the box." in response.content.decode()
    assert list(Ballot.objects.values_list("marks", flat=True)) == [["k-cy", "k-ana"]]
    assert "You have voted in this ballot." in client.get(_url(box)).content.decode()


def test_it_refuses_a_repeated_rank_on_the_form(world, login):
    voter = make_voters(world, n=1)[0]
    box = open_box(world)
    response = login(voter).post(_url(box), {"rank_1": "k-cy", "rank_2": "k-cy"})
    assert "only once" in response.content.decode()
    assert not Ballot.objects.exists() and not VoterMark.objects.exists()


def test_it_casts_marks_and_refuses_too_many(world, login):
    voter = make_voters(world, n=1)[0]
    box = open_box(world, method="plurality", seats=2)
    client = login(voter)
    response = client.post(_url(box), {"marks": ["k-ana", "k-bo", "k-cy"]})
    assert "at most 2 marks" in response.content.decode()
    client.post(_url(box), {"marks": ["k-bo", "k-ana"]})
    assert list(Ballot.objects.values_list("marks", flat=True)) == [["k-ana", "k-bo"]]


def test_it_tells_a_reader_of_the_organ_that_they_do_not_vote(world, login):
    box = open_box(world)
    page = login(world.user("cell_secretary")).get(_url(box))
    assert "You are not among the voters of this ballot." in page.content.decode()
    assert login(world.user("cell_secretary")).post(_url(box), {"rank_1": "k-ana"})
    assert not Ballot.objects.exists()


def test_it_answers_404_outside_the_organ_and_electorate(world, login):
    box = open_box(world)
    assert login(world.user("sibling_secretary")).get(_url(box)).status_code == 404
    stranger = make_voters(world, "cell_b", n=1)[0]
    assert login(stranger).post(_url(box), {"rank_1": "k-ana"}).status_code == 404
    assert not Ballot.objects.exists()


def test_it_lets_a_voter_without_a_role_cast_through_a_provider(world, login):
    """A congress delegate: a voter key from a provider, no role on the organ."""
    delegate = make_voters(world, "cell_b", n=1, prefix="delegate")[0]
    key = f"delegate:{delegate.person.uid}"

    def provider(user):
        return {key} if user.pk == delegate.pk else set()

    electorate.register(provider)
    try:
        box = do_open_box(acting_user=world.user("cell_secretary"), unit=world.units["cell_a"],
                          label="Committee", method="yes_no", rule="simple",
                          electorate=[key])
        login(delegate).post(_url(box), {"vote": "for"})
    finally:
        electorate._PROVIDERS.remove(provider)
    assert VoterMark.objects.get().voter_key == key
    assert list(Ballot.objects.values_list("marks", flat=True)) == [["for"]]


def test_it_says_a_closed_ballot_takes_no_votes(world, login):
    voter = make_voters(world, n=1)[0]
    box = open_box(world)
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    page = login(voter).get(_url(box))
    assert "This ballot is closed" in page.content.decode()
    assert 'name="rank_1"' not in page.content.decode()
