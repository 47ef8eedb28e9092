"""/api/reviews/: the reviews the caller may read; prepare, edit, conclude and send up
through the actions; counts-only readers get 404 like for a missing review."""

import pytest

from fieldwork.tests.conftest import days_ago
from reviews.models import Review

pytestmark = pytest.mark.django_db

LIST = "/api/reviews/"
MISSING = "00000000-0000-4000-8000-000000000000"


def _detail(review, suffix="") -> str:
    uid = review if isinstance(review, str) else review.uid
    return f"{LIST}{uid}/{suffix}"


def test_it_requires_authentication(world, reviews, login):
    assert login(None).get(LIST).status_code in (401, 403)


def test_it_lists_what_the_caller_may_read(world, reviews, login):
    def listed(name, **params):
        body = login(world.user(name)).get(LIST, params).json()
        return {r["uid"] for r in body["results"]}

    uid = {key: str(r.uid) for key, r in reviews.reviews.items()}
    assert listed("cell_member") == {uid["a_sent"], uid["a_draft"]}
    assert listed("committee_member") == {uid["a_sent"]}
    assert listed("overseer") == {uid["a_sent"], uid["a_draft"], uid["b_draft"]}
    assert listed("outsider") == {uid["x_draft"]}
    assert listed("overseer", unit=str(world.units["cell_b"].uid)) == {uid["b_draft"]}
    assert listed("overseer", status="sent_up") == {uid["a_sent"]}
    row = login(world.user("cell_member")).get(_detail(reviews.reviews["a_sent"])).json()
    assert "id" not in row and row["unit"] == str(world.units["cell_a"].uid)
    assert row["status"] == "sent_up" and "stopped_fields" in row["figures"]["figures"]


def test_it_answers_404_outside_the_scope_like_a_missing_review(world, reviews, login):
    client = login(world.user("committee_member"))
    outside, missing = client.get(_detail(reviews.reviews["a_draft"])), client.get(
        _detail(MISSING))
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()


def test_it_prepares_a_review_with_its_figures(world, login):
    response = login(world.user("cell_secretary")).post(LIST, {
        "unit": str(world.units["cell_a"].uid), "kind": "month",
        "starts_on": days_ago(29).isoformat(), "ends_on": days_ago(0).isoformat()},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and set(body["figures"]["figures"]) >= {"stopped_fields"}
    assert Review.objects.get(uid=body["uid"]).prepared_by == world.user("cell_secretary")


def test_it_refuses_an_overlap_and_a_unit_the_caller_may_not_add_to(world, reviews, login):
    client = login(world.user("cell_secretary"))
    overlap = client.post(LIST, {"unit": str(world.units["cell_a"].uid), "kind": "quarter",
                                 "starts_on": days_ago(60).isoformat(),
                                 "ends_on": days_ago(30).isoformat()},
                          content_type="application/json")
    assert overlap.status_code == 400
    assert "overlaps the unit's review from" in overlap.json()["starts_on"][0]
    hidden = client.post(LIST, {"unit": str(world.units["cell_b"].uid), "kind": "quarter",
                                "starts_on": days_ago(60).isoformat(),
                                "ends_on": days_ago(30).isoformat()},
                         content_type="application/json")
    assert hidden.status_code == 400 and hidden.json()["unit"] == ["Unknown unit."]
    assert Review.objects.count() == 4


def test_it_edits_concludes_and_sends_up(world, reviews, login):
    review = reviews.reviews["a_draft"]
    client = login(world.user("cell_secretary"))
    edited = client.patch(_detail(review), {"summary": "Strike quarter.",
                                            "version": review.version},
                          content_type="application/json")
    assert edited.status_code == 200 and edited.json()["summary"] == "Strike quarter."
    stale = client.patch(_detail(review), {"summary": "Old.", "version": review.version},
                         content_type="application/json")
    assert stale.status_code == 409
    early = client.post(_detail(review, "send-up/"))
    assert early.status_code == 400
    assert client.post(_detail(review, "conclude/")).json()["status"] == "concluded"
    assert client.post(_detail(review, "figures/")).status_code == 400
    assert client.post(_detail(review, "send-up/")).json()["status"] == "sent_up"
    assert login(world.user("committee_member")).get(_detail(review)).status_code == 200


def test_it_lets_the_committee_read_but_never_change(world, reviews, login):
    client = login(world.user("committee_member"))
    review = reviews.reviews["a_sent"]
    assert client.patch(_detail(review), {"summary": "x"},
                        content_type="application/json").status_code == 404
    assert client.post(_detail(review, "figures/")).status_code == 404


def test_it_is_described_in_the_schema_by_uid(world, login):
    import yaml

    schema = yaml.safe_load(login(world.user("cell_member")).get("/api/schema/").content)
    for path in ("/api/reviews/{uid}/", "/api/reviews/{uid}/send-up/",
                 "/api/reviews/{uid}/conclude/", "/api/reviews/{uid}/figures/",
                 "/api/review-findings/{uid}/", "/api/review-measures/{uid}/"):
        assert path in schema["paths"], path
    measure = schema["components"]["schemas"]["Measure"]["properties"]
    assert "id" not in measure and measure["responsible"]["format"] == "uuid"
