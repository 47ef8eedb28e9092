"""/api/contact-profiles/: the contact lists' filters on the API, equal to the pages'."""

from __future__ import annotations

import re

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fieldwork.actions import do_create_tie
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db
API = "/api/contact-profiles/"


@pytest.fixture
def crew(fw):
    ana = fw.contact("ana", part="Rolling mill", leader=True)
    bo = fw.contact("bo", part="Night shift")
    cy = fw.contact("cy")
    fw.assess(ana, 1)
    fw.assess(bo, 2)
    fw.activity(days_ago(3), contacts=[ana])
    fw.activity(days_ago(50), contacts=[bo])
    do_create_tie(acting_user=fw.secretary, from_person=fw.member, to_person=cy,
                  kind="in_touch")
    fw.contact("dee", field=fw.new_field("Depot"))
    return {"ana": ana, "bo": bo, "cy": cy}


def api_aliases(client, query: dict) -> set[str]:
    response = client.get(API, query)
    assert response.status_code == 200, response.content
    return {row["alias"] for row in response.json()["results"]}


def page_aliases(client, url: str, query: dict) -> set[str]:
    body = client.get(url, query).content.decode()
    return set(re.findall(r'/people/[0-9a-f-]+/"><bdi>([^<]+)</bdi>', body))


QUERIES = [({}, "ana bo cy dee"), ({"leader": "true"}, "ana"),
           ({"level": ["1", "none"]}, "ana cy dee"),
           ({"contact": "not_for", "days": 10}, "bo cy dee"), ({"contact": "never"}, "cy dee"),
           ({"in_touch": "someone"}, "cy"), ({"in_touch": "nobody"}, "ana bo dee"),
           ({"alias": "o"}, "bo")]


@pytest.mark.parametrize("query, expected", QUERIES)
def test_it_answers_as_the_unit_page_does(fw, login, crew, query, expected):
    client = login(fw.secretary)
    cell_a = fw.world.units["cell_a"]
    page = page_aliases(client, reverse("fieldwork:unit_contacts", kwargs={"uid": cell_a.uid}),
                        query)
    assert page == set(expected.split())
    assert api_aliases(client, {**query, "unit": cell_a.uid}) == page


def test_it_answers_as_the_field_page_does(fw, login, crew):
    client = login(fw.secretary)
    url = reverse("fieldwork:field_contacts", kwargs={"uid": fw.field.uid})
    query = {"part": fw.parts["Rolling mill"].uid}
    assert api_aliases(client, {**query, "field": fw.field.uid}) == \
        page_aliases(client, url, query) == {"ana"}
    member = {"in_touch_with": fw.member.uid}
    assert api_aliases(client, member) == page_aliases(client, url, member) == {"cy"}


def test_it_names_records_by_uid_and_orders_by_uid(fw, login, crew):
    rows = login(fw.secretary).get(API).json()["results"]
    assert [r["uid"] for r in rows] == sorted(r["uid"] for r in rows)
    ana = next(r for r in rows if r["alias"] == "ana")
    assert "id" not in ana and ana["person"] == str(crew["ana"].uid)
    assert ana["field"] == str(fw.field.uid) and ana["current_level"] == 1
    assert ana["last_contact_on"] == days_ago(3).isoformat()


def test_it_refuses_a_choice_of_another_unit(fw, login, crew):
    other = fw.new_field("School yard", unit_key="cell_b")
    response = login(fw.secretary).get(API, {"field": other.uid})
    assert response.status_code == 400
    assert "not one of the available choices" in response.json()["field"][0]


def test_it_shows_another_unit_nothing(fw, login, crew):
    assert api_aliases(login(fw.world.user("sibling_secretary")), {}) == set()


def test_it_does_not_query_per_row(fw, login, crew):
    client = login(fw.secretary)
    client.get(API)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(API, {"level": ["1", "2", "none"]}).status_code == 200
        return len(queries)

    small = count()
    for i in range(8):
        fw.assess(fw.contact(f"more-{i}"), 1 + i % 2)
    assert count() == small


def test_its_schema_describes_the_filters(fw, login):
    schema = yaml.safe_load(login(fw.secretary).get("/api/schema/").content)
    parameters = {p["name"]: p for p in schema["paths"][API]["get"]["parameters"]}
    assert {"unit", "field", "part", "level", "contact", "days", "leader", "union",
            "in_touch", "in_touch_with", "alias", "page"} <= parameters.keys()
    for name in ("unit", "field", "part", "union", "in_touch_with"):
        assert parameters[name]["schema"]["format"] == "uuid", name
    assert parameters["contact"]["schema"]["enum"] == ["contacted", "never", "not_for", "within"]
    # The tasks app's filter (tasks/contact_filters.py), in the same schema.
    assert parameters["task"]["schema"]["enum"] == ["none", "open", "overdue"]
