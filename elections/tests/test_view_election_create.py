"""Calling an election."""

import pytest
from django.urls import reverse

from elections.models import Election

pytestmark = pytest.mark.django_db


def _url(unit) -> str:
    return reverse("elections:election_create", kwargs={"uid": unit.uid})


def test_it_calls_an_election_of_the_unit(world, login):
    page = login(world.user("cell_secretary")).post(_url(world.units["cell_a"]), {
        "kind": "body", "title": "Cell bureau", "seats": "3", "method": "stv",
        "held_on": "2026-12-20", "nominations_close": "2026-12-18"})
    election = Election.objects.get(title="Cell bureau")
    assert page.status_code == 302 and page.url.endswith(f"/elections/{election.uid}/")
    assert (election.unit, election.seats, election.method) == (world.units["cell_a"], 3,
                                                                "stv")


def test_it_refuses_a_body_of_several_seats_by_simple_majority(world, login):
    page = login(world.user("cell_secretary")).post(_url(world.units["cell_a"]), {
        "kind": "body", "title": "Cell bureau", "seats": "3", "method": "plurality",
        "held_on": "2026-12-20"})
    assert page.status_code == 200 and "method" in page.context["form"].errors
    assert not Election.objects.filter(title="Cell bureau").exists()


def test_it_is_only_for_who_may_add_records_to_the_unit(world, login):
    assert login(world.user("cell_member")).get(_url(world.units["cell_a"])
                                                ).status_code == 404
