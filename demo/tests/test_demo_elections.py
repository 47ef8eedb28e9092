"""The demo's elections: WPI's Chairperson elected in 2002 and appointed as sole candidate
at the 4th Congress (001), and the conference's STV election of the Kurdistan Committee,
cast in the app and on paper, with its rounds — as the demo logins see them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from demo.builder import build_demo
from elections.models import Election, OfficeTerm
from organizations.models import PublicOffice


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def _chair_elections():
    return Election.objects.filter(title="Chairperson",
                                   unit__organization__acronym="WPI").order_by("held_on")


def test_it_records_the_2002_election_with_two_self_nominations(built):
    leader = _chair_elections().first()
    assert (leader.unit.name, leader.held_on.year, leader.method) == (
        "Central Committee", 2002, "recorded")
    assert sorted((n.public_name, n.self_nominated, n.status)
                  for n in leader.nominations.all()) == [
        ("Hamid Taqvaee", True, "accepted"), ("Koroosh Modaressi", True, "accepted")]
    assert leader.status == "published" and leader.outcome == "recorded"


def test_it_appoints_taqvaee_as_sole_candidate_at_the_fourth_congress(built):
    fourth = _chair_elections().last()
    assert fourth.congress.number == 4 and fourth.outcome == "sole"
    withdrawn = fourth.nominations.get(public_name="Koroosh Modaressi")
    assert withdrawn.status == "withdrawn"
    assert withdrawn.in_favour_of.public_name == "Hamid Taqvaee"


def test_it_keeps_the_chairpersons_terms_in_order(built):
    terms = OfficeTerm.objects.filter(title="Chairperson", unit__name="Central Committee",
                                      unit__organization__acronym="WPI").order_by("since")
    assert [(t.public_name, t.until) for t in terms] == [
        ("Koroosh Modaressi", terms[1].since), ("Hamid Taqvaee", None)]
    holders = set(PublicOffice.objects.filter(organization__acronym="WPI",
                                              title="Chairperson").values_list("holder",
                                                                               flat=True))
    assert holders == {"Hamid Taqvaee"}


def test_it_elects_the_committee_by_stv_with_rounds(built):
    committee = Election.objects.get(title="Kurdistan Committee", method="stv")
    result = committee.result
    assert committee.status == "published" and len(result["elected"]) == 3
    assert result["ballots"] == 3 and result["rounds"]
    assert committee.box.paper_voters == 1
    assert OfficeTerm.objects.filter(election=committee).count() == 3


def test_it_shows_the_committee_results_to_the_kurdistan_login(built, login):
    committee = Election.objects.get(title="Kurdistan Committee", method="stv")
    client = login(User.objects.get(username="kurdistan"))
    page = client.get(reverse("elections:election_detail", kwargs={"uid": committee.uid}))
    assert page.status_code == 200 and page.context["results"]["rounds"]
    assert "Round 1" in page.content.decode()


def test_it_shows_the_chairpersons_terms_to_the_cc_login(built, login):
    client = login(User.objects.get(username="cc"))
    cc = _chair_elections().first().unit
    page = client.get(reverse("elections:unit_elections", kwargs={"uid": cc.uid}))
    assert [row.name for row in page.context["terms"]] == ["Hamid Taqvaee",
                                                           "Koroosh Modaressi"]


def test_it_creates_nothing_the_second_time(built):
    assert build_demo().created == 0
