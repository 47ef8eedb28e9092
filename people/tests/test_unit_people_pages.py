"""The unit page lists the unit's people 50 a page (a cell working big workplaces holds a
thousand contacts), with plain ``?page=`` links, in a number of queries that does not grow
with them (issue #15, point 4)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.actions import do_create_person
from people.templatetags.people_tags import PEOPLE_PAGE

pytestmark = pytest.mark.django_db


def _grow(world, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        do_create_person(acting_user=world.user("cell_secretary"), unit=world.units["cell_a"],
                         data={"alias": f"p-{i:03d}"})


def _get(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_it_pages_the_people_in_a_fixed_number_of_queries(world, login):
    client = login(world.user("cell_secretary"))
    url = reverse("organizations:unit_detail", kwargs={"uid": world.units["cell_a"].uid})
    client.get(url)  # the session's first request stamps it
    _grow(world, 3)
    few, _ = _get(client, url)
    _grow(world, PEOPLE_PAGE, start=3)
    many, body = _get(client, url)
    assert many == few
    assert body.count('href="/people/') >= PEOPLE_PAGE
    assert "alias-cella-1" in body and "p-047" in body and "p-048" not in body
    assert "?page=2" in body
    _, second = _get(client, url + "?page=2")
    assert "p-048" in second and "p-052" in second and "alias-cella-1" not in second
    assert "Page 2 of 2" in second
