"""The election page: nominations, buttons for who may, results once published."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(election) -> str:
    return reverse("elections:election_detail", kwargs={"uid": election.uid})


def test_it_shows_the_sole_candidate_appointed_and_the_withdrawal(world, elections, login):
    page = login(world.user("cell_member")).get(_url(elections["chair"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Appointed as sole candidate" in body and "In favour of" in body
    assert page.context["results"]["elected"] == ["alias-cella-1"]
    assert reverse("elections:publish", kwargs={"uid": elections["chair"].uid}) not in body


def test_it_offers_running_the_vote_only_to_the_secretary(world, elections, login):
    url = reverse("elections:open_vote", kwargs={"uid": elections["open"].uid})
    assert url in login(world.user("cell_secretary")).get(_url(elections["open"])
                                                          ).content.decode()
    assert url not in login(world.user("cell_member")).get(_url(elections["open"])
                                                           ).content.decode()


def test_it_answers_404_outside_the_unit(world, elections, login):
    assert login(world.user("sibling_secretary")).get(_url(elections["chair"])
                                                      ).status_code == 404


def test_it_links_a_voter_to_the_open_ballot_box(world, elections, login):
    from elections.actions import do_accept_nomination, do_nominate
    from elections.voting import do_open_vote

    election = elections["open"]
    do_accept_nomination(acting_user=None, nomination=election.nominations.get())
    do_nominate(acting_user=None, election=election, candidate=world.people["alias-cella-1"],
                self_nominated=True)
    election = do_open_vote(acting_user=None, election=election)
    user = world.user("cell_member")
    user.person = world.people["alias-cella-1"]
    user.save()
    page = login(user).get(_url(election))
    assert page.context["vote"]["may_cast"] and page.context["vote"]["turnout"] == 0
    assert reverse("ballots:box", kwargs={"uid": election.box.uid}) in page.content.decode()
