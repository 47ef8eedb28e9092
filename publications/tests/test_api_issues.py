"""/api/issues/: list, detail and create under restrict; a number used twice is refused."""

from datetime import date

import pytest
from django.urls import reverse

from publications.actions import do_add_issue
from publications.models import Issue
from publications.tests.helpers import founder, periodical

pytestmark = pytest.mark.django_db

LIST = reverse("issue-list")


def _rows(body):
    return body["results"] if isinstance(body, dict) and "results" in body else body


@pytest.fixture
def red(world):
    return periodical(world.orgs["rp"])


def test_it_lists_and_shows_the_issues_of_visible_periodicals(world, login, red):
    issue = do_add_issue(acting_user=None, edition=red.editions.get(),
                         data={"number": 3, "published_on": date(2025, 1, 3)})
    other = periodical(world.orgs["op"], "Other Voice")
    hidden = do_add_issue(acting_user=None, edition=other.editions.get(),
                          data={"number": 1, "published_on": date(2025, 1, 3)})
    client = login(world.user("cell_member"))
    rows = _rows(client.get(LIST, {"periodical": str(red.uid)}).json())
    assert [(r["number"], r["periodical"]) for r in rows] == [(3, str(red.uid))]
    assert client.get(reverse("issue-detail", kwargs={"uid": issue.uid})).status_code == 200
    assert client.get(reverse("issue-detail", kwargs={"uid": hidden.uid})).status_code == 404


def test_it_creates_an_issue_with_its_contents(world, login, red):
    payload = {"edition": str(red.editions.get().uid), "number": 7,
               "published_on": "2025-01-10",
               "contents": [{"title": "Wages", "pen_name": "A. Kargar"}]}
    response = login(founder()).post(LIST, payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["contents"] == [{"title": "Wages", "pen_name": "A. Kargar"}]
    again = login(founder()).post(LIST, payload, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["number"] == ["Issue number 7 of this edition is already recorded."]
    assert Issue.objects.count() == 1


def test_it_refuses_an_edition_the_caller_may_not_add_to(world, login, red):
    payload = {"edition": str(red.editions.get().uid), "number": 7,
               "published_on": "2025-01-10"}
    response = login(world.user("cell_secretary")).post(LIST, payload,
                                                        content_type="application/json")
    assert response.status_code == 400 and "edition" in response.json()
    assert not Issue.objects.exists()
