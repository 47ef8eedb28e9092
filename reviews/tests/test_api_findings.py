"""/api/review-findings/: findings of the reviews the caller may read, written while the
review is a draft."""

import pytest

from reviews.models import Finding

pytestmark = pytest.mark.django_db

LIST = "/api/review-findings/"


def test_it_lists_the_findings_of_readable_reviews(world, reviews, login):
    body = login(world.user("committee_member")).get(LIST).json()
    assert [r["uid"] for r in body["results"]] == [str(reviews.findings["a_sent"].uid)]
    row = body["results"][0]
    assert (row["review"], row["kind"], row["reasons"]) == (
        str(reviews.reviews["a_sent"].uid), "mistake", "Reasons a_sent")
    mine = login(world.user("cell_member")).get(
        LIST, {"review": str(reviews.reviews["a_draft"].uid)}).json()
    assert [r["uid"] for r in mine["results"]] == [str(reviews.findings["a_draft"].uid)]


def test_it_adds_and_edits_a_finding_of_a_draft(world, reviews, login):
    client = login(world.user("cell_secretary"))
    created = client.post(LIST, {"review": str(reviews.reviews["a_draft"].uid),
                                 "kind": "success", "text": "The petition."},
                          content_type="application/json")
    assert created.status_code == 201, created.json()
    uid = created.json()["uid"]
    edited = client.patch(f"{LIST}{uid}/", {"text": "The petition, signed by five."},
                          content_type="application/json")
    assert edited.json()["text"] == "The petition, signed by five."


def test_it_refuses_a_finding_of_a_concluded_or_hidden_review(world, reviews, login):
    client = login(world.user("cell_secretary"))
    concluded = client.post(LIST, {"review": str(reviews.reviews["a_sent"].uid),
                                   "kind": "success", "text": "x"},
                            content_type="application/json")
    assert concluded.status_code == 400
    assert "This review is concluded" in concluded.json()["non_field_errors"][0]
    hidden = client.post(LIST, {"review": str(reviews.reviews["b_draft"].uid),
                                "kind": "success", "text": "x"},
                         content_type="application/json")
    assert hidden.status_code == 400 and hidden.json()["review"] == ["Unknown review."]
    assert Finding.objects.count() == 4
