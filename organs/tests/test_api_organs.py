"""/api/meetings/, /api/motions/, /api/decisions/, /api/resolutions/ and
/api/published-resolutions/: read in the caller's scope, written through the actions."""

import pytest

from organs import actions
from organs.models import Decision, Meeting
from organs.tests.world import hold_meeting

pytestmark = pytest.mark.django_db


def test_it_lists_only_the_meetings_in_scope_and_never_the_minutes(world, organs, login):
    body = login(world.user("cell_member")).get("/api/meetings/").json()
    assert [r["uid"] for r in body["results"]] == [str(organs.meetings["cell_a"].uid)]
    row = body["results"][0]
    assert row["has_minutes"] is True and "minutes" not in row
    assert row["agenda"][0]["title"] == "The strike fund"


def test_it_creates_a_meeting_with_sealed_minutes(world, login):
    response = login(world.user("cell_secretary")).post("/api/meetings/", {
        "unit": str(world.units["cell_a"].uid), "held_on": "2024-02-01", "kind": "regular",
        "status": "held", "minutes": "Secret words."}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert Meeting.objects.get(uid=response.json()["uid"]).unseal_minutes() == "Secret words."


def test_it_counts_an_open_vote_and_refuses_a_second(world, login):
    meeting = hold_meeting(world, "cell_a")
    client = login(world.user("cell_secretary"))
    item = actions.do_add_agenda_item(acting_user=None, meeting=meeting, data={"title": "F"})
    motion = client.post("/api/motions/", {"agenda_item": str(item.uid), "title": "Fund",
                                           "text": "A fund."},
                         content_type="application/json").json()
    url = f"/api/motions/{motion['uid']}/count/"
    counts = {"votes_for": 2, "votes_against": 0, "abstentions": 0}
    answer = client.post(url, counts, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "adopted"
    again = client.post(url, counts, content_type="application/json")
    assert again.status_code == 400
    assert Decision.objects.filter(unit=world.units["cell_a"]).count() == 1


def test_it_records_a_decision_directly_and_lists_it(world, login):
    client = login(world.user("cell_secretary"))
    created = client.post("/api/decisions/", {"unit": str(world.units["cell_a"].uid),
                                              "title": "Old decision", "decided_on": None},
                          content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["number"] == 1 and created.json()["motion"] is None


def test_it_publishes_a_resolution_and_lists_the_copy(world, organs, login):
    client = login(world.user("cell_secretary"))
    resolution = organs.resolutions["cell_a"]
    detail = client.get(f"/api/resolutions/{resolution.uid}/").json()
    assert detail["points"] == ["We collect.", "We report."]
    published = client.post(f"/api/resolutions/{resolution.uid}/publish/")
    assert published.status_code == 200
    office = login(world.user("coalition_office")).get("/api/published-resolutions/").json()
    assert str(resolution.published.uid) in [r["uid"] for r in office["results"]]
    assert "unit" not in office["results"][0]
