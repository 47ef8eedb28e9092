"""The read-only API of circles, criteria and classifications (with assessments)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_the_organs_classifications_with_assessments(allied, login):
    rows = login(allied.user("overseer")).get("/api/classifications/").json()
    rows = rows.get("results", rows)
    by_name = {r["organization_name"]: r for r in rows}
    assert set(by_name) == {"Other Party", "Profile Org"}
    (assessment,) = by_name["Other Party"]["assessments"]
    assert assessment["holds"] is True and assessment["why"] == "Its programme"
    assert "id" not in by_name["Other Party"]


def test_it_lists_circles_and_criteria(allied, login):
    client = login(allied.user("committee_member"))
    circles = client.get("/api/circles/").json()
    circles = circles.get("results", circles)
    assert [c["name"] for c in circles] == ["Far circle", "Near circle"]
    criteria = client.get("/api/circle-criteria/").json()
    criteria = criteria.get("results", criteria)
    assert {c["text"] for c in criteria} == {"Proclaims proletarian revolution",
                                             "In constant contact with us"}


@pytest.mark.parametrize("name", ["coalition_office", "cell_secretary"])
def test_it_gives_the_classified_and_the_coalition_nothing_about_them(allied, login, name):
    rows = login(allied.user(name)).get("/api/classifications/").json()
    rows = rows.get("results", rows)
    assert rows == []


def test_it_refuses_writes(allied, login):
    client = login(allied.user("overseer"))
    assert client.post("/api/circles/", {"name": "x"}).status_code == 405
