"""Editing a draft review: its period (prepared again) and summary."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.actions import do_update_review
from reviews.models import Review

pytestmark = pytest.mark.django_db


def _url(review) -> str:
    return reverse("reviews:review_edit", kwargs={"uid": review.uid})


def _data(review, **changes):
    data = {"kind": review.kind, "starts_on": review.starts_on.isoformat(),
            "ends_on": review.ends_on.isoformat(), "summary": review.summary,
            "version": review.version}
    return {**data, **changes}


def test_it_changes_the_summary_and_period(world, reviews, login):
    review = reviews.reviews["a_draft"]
    response = login(world.user("cell_secretary")).post(_url(review), _data(
        review, summary="The strike quarter.", starts_on=days_ago(60).isoformat()))
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.summary, review.starts_on) == ("The strike quarter.", days_ago(60))


def test_it_refuses_a_period_overlapping_the_previous_review(world, reviews, login):
    review = reviews.reviews["a_draft"]
    page = login(world.user("cell_secretary")).post(_url(review), _data(
        review, starts_on=days_ago(150).isoformat()))
    assert "overlaps the unit&#x27;s review from" in page.content.decode()
    assert Review.objects.get(pk=review.pk).starts_on == days_ago(90)


def test_it_refuses_a_save_over_a_newer_version(world, reviews, login):
    review = reviews.reviews["a_draft"]
    stale = _data(review, summary="Mine.")
    do_update_review(acting_user=world.user("cell_secretary"), review=review,
                     data={"summary": "Theirs."})
    page = login(world.user("cell_secretary")).post(_url(review), stale)
    assert "changed since you opened it" in page.content.decode()
    assert Review.objects.get(pk=review.pk).summary == "Theirs."


def test_it_refuses_to_edit_a_concluded_review(world, reviews, login):
    review = reviews.reviews["a_sent"]
    page = login(world.user("cell_secretary")).post(_url(review), _data(review, summary="x"))
    assert "This review is concluded" in page.content.decode()
    assert Review.objects.get(pk=review.pk).summary == ""


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "overseer"])
def test_it_answers_404_to_who_may_not_change_it(world, reviews, login, name):
    assert login(world.user(name)).get(_url(reviews.reviews["a_draft"])).status_code == 404
