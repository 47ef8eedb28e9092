"""The main pages ask the database a fixed number of questions: more contacts, fields or
activities do not mean more queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


def _grow(fw, n: int) -> None:
    for i in range(n):
        person = fw.contact(f"c-q{n}-{i}", part="Rolling mill" if i % 2 else None,
                            leader=i == 0)
        fw.assess(person, 1 + i % 5)
        fw.activity(days_ago(i % 30), contacts=[person], follow_up_on=days_ago(0))
        fw.new_field(f"Field {n}-{i}")


PAGES = [("field_detail", "field"), ("wall_chart", "field"), ("unit_dashboard", "unit"),
         ("continuity", "unit"), ("organization_dashboard", "org")]


@pytest.mark.parametrize("name, target", PAGES)
def test_it_does_not_query_per_row(fw, login, name, target):
    client = login(fw.secretary)
    uid = {"field": fw.field.uid, "unit": fw.field.unit.uid,
           "org": fw.world.orgs["rp"].uid}[target]
    url = reverse(f"fieldwork:{name}", kwargs={"uid": uid})

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.get(url)  # the session's first request stamps it (accounts/session_limits.py)
    _grow(fw, 2)
    small = count()
    _grow(fw, 8)
    assert count() == small
