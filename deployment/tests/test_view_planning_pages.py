"""A top unit's planning page at full size: fields and members a page at a time (plain
``?page=`` and ``?members=`` links), the assignments of the rows shown, and a number of
queries that does not grow with the subtree (issue #15, point 4)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deployment.actions import do_assign_member
from deployment.views.planning import PAGE_SIZE
from fieldwork.actions import do_create_field
from people.actions import do_create_person

pytestmark = pytest.mark.django_db


def _grow(north, n: int, start: int = 0) -> None:
    cell = north.world.units["cell_a"]
    for i in range(start, start + n):
        field = do_create_field(acting_user=None, unit=cell, data={"name": f"Depot {i:03d}"})
        member = do_create_person(acting_user=north.planner, unit=cell,
                                  data={"alias": f"m-{i:03d}", "kind": "member"})
        do_assign_member(acting_user=None, member=member, field=field)


def _get(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_it_pages_fields_and_members_in_a_fixed_number_of_queries(north, login):
    client = login(north.planner)
    url = reverse("deployment:planning", kwargs={"uid": north.unit.uid})
    client.get(url)  # the session's first request stamps it
    _grow(north, 3)
    few, _ = _get(client, url)
    _grow(north, PAGE_SIZE, start=3)
    many, body = _get(client, url)
    assert many == few
    assert body.count('<li class="need">') == PAGE_SIZE
    assert body.count('<li class="member">') == PAGE_SIZE
    assert "?page=2" in body and "?members=2#members" in body


def test_the_second_pages_hold_the_rest_with_their_assignments(north, login):
    _grow(north, PAGE_SIZE + 3)
    client = login(north.planner)
    url = reverse("deployment:planning", kwargs={"uid": north.unit.uid})
    fields_2 = client.get(url + "?page=2").content.decode()
    # The members' section only: the fields above name their teams' members too.
    members_2 = client.get(url + "?members=2").content.decode().split('id="members"')[1]
    # Fields by priority then name: North's three fixture fields come first (South Port is
    # another committee's), then the depots: 3 + 53 in all, 6 on the second page.
    assert fields_2.count('<li class="need">') == 6
    assert "Depot 052" in fields_2 and "Depot 045" not in fields_2
    # The last member by alias is on the second page, with the field they work in (its
    # assignment loaded for the row); the first is not.
    assert "m-052" in members_2 and "Depot 052" in members_2
    assert "m-000" not in members_2
