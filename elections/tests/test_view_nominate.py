"""Nominating on the page: the secretary names the nominator; a member only herself."""

import pytest
from django.urls import reverse

from elections.models import Nomination

pytestmark = pytest.mark.django_db


def _url(election) -> str:
    return reverse("elections:nominate", kwargs={"uid": election.uid})


def test_it_records_a_nomination_by_another_member(world, elections, login):
    election = elections["open"]
    page = login(world.user("cell_secretary")).post(_url(election), {
        "candidate": str(world.people["alias-cella-1"].uid),
        "nominated_by": str(world.people["alias-cella-2"].uid)})
    assert page.status_code == 302
    nomination = election.nominations.get(candidate=world.people["alias-cella-1"])
    assert nomination.status == Nomination.Status.PROPOSED


def test_it_nominates_in_the_members_own_name(world, elections, login):
    user = world.user("cell_member")
    user.person = world.people["alias-cella-2"]
    user.save()
    page = login(user).post(_url(elections["open"]), {
        "candidate": str(world.people["alias-cella-1"].uid)})
    assert page.status_code == 302
    assert elections["open"].nominations.get(
        candidate=world.people["alias-cella-1"]).nominated_by == user.person


def test_it_refuses_a_member_without_a_person_with_a_message(world, elections, login):
    page = login(world.user("cell_member")).post(_url(elections["open"]), {
        "candidate": str(world.people["alias-cella-1"].uid)})
    assert page.status_code == 200
    assert "A nomination is made by a full member of the organ." in page.content.decode()
    assert elections["open"].nominations.count() == 1


def test_it_offers_only_the_organs_full_members(world, elections, login):
    page = login(world.user("cell_secretary")).get(_url(elections["open"]))
    offered = set(page.context["form"].fields["candidate"].queryset)
    assert offered == {world.people["alias-cella-1"], world.people["alias-cella-2"]}
