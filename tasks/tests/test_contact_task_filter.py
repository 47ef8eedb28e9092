"""The contact lists' "task state" filter (tasks/contact_filters.py): open, overdue or no
open task, on the page and the API alike, counting only the tasks the reader sees."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fieldwork.actions import do_create_activity
from tasks.actions import do_complete_task, do_create_task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


@pytest.fixture
def states(work):
    """c-tasks-1: an overdue task; c-tasks-2: a follow-up due next week (of a meeting with
    c-tasks-3 too); c-tasks-4: a task done; c-tasks-5: nothing."""
    from fieldwork.actions import do_create_contact

    more = [do_create_contact(acting_user=work.secretary, field=work.field, alias=a).person
            for a in ("c-tasks-3", "c-tasks-4", "c-tasks-5")]
    one, two = work.contacts
    do_create_task(acting_user=work.secretary, unit=work.unit, contacts=[one],
                   data={"title": "Call back", "due_on": days(-2)})
    do_create_activity(acting_user=work.secretary, unit=work.unit, data={
        "kind": "agitation_meeting", "date": days(-1), "field": work.field,
        "follow_up_on": days(7)}, members=[], contacts=[two, more[0]])
    [done] = do_create_task(acting_user=work.secretary, unit=work.unit, contacts=[more[1]],
                            data={"title": "Leaflet", "due_on": days(-5)})
    do_complete_task(acting_user=work.secretary, task=done)
    return work


def page_aliases(client, work, query: dict) -> set[str]:
    url = reverse("fieldwork:field_contacts", kwargs={"uid": work.field.uid})
    body = client.get(url, query).content.decode()
    return set(re.findall(r'/people/[0-9a-f-]+/"><bdi>([^<]+)</bdi>', body))


def api_aliases(client, query: dict) -> set[str]:
    response = client.get("/api/contact-profiles/", query)
    assert response.status_code == 200, response.content
    return {row["alias"] for row in response.json()["results"]}


@pytest.mark.parametrize(("state", "expected"), [
    ("open", {"c-tasks-1", "c-tasks-2", "c-tasks-3"}),
    ("overdue", {"c-tasks-1"}),
    ("none", {"c-tasks-4", "c-tasks-5"}),
])
def test_it_filters_by_task_state_on_the_page_and_the_api(states, login, state, expected):
    client = login(states.secretary)
    assert page_aliases(client, states, {"task": state}) == expected
    assert api_aliases(client, {"task": state}) == expected


def test_it_offers_the_filter_and_keeps_it_in_the_saved_query(states, login):
    url = reverse("fieldwork:field_contacts", kwargs={"uid": states.field.uid})
    body = login(states.secretary).get(url, {"task": "overdue"}).content.decode()
    assert '<option value="overdue" selected>Has an overdue task</option>' in body
    assert "task=overdue" in re.search(r'name="query" value="([^"]*)"', body).group(1)


def test_it_refuses_an_unknown_state(states, login):
    response = login(states.secretary).get("/api/contact-profiles/", {"task": "late"})
    assert response.status_code == 400 and "task" in response.json()
