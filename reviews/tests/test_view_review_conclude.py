"""Concluding a review: its findings and measures are then kept as they are."""

import pytest
from django.urls import reverse

from reviews.actions import do_add_finding
from reviews.models import Review

pytestmark = pytest.mark.django_db


def _url(review) -> str:
    return reverse("reviews:review_conclude", kwargs={"uid": review.uid})


def test_it_concludes_the_review(world, reviews, login):
    review = reviews.reviews["a_draft"]
    response = login(world.user("cell_secretary")).post(_url(review), follow=True)
    assert "The review is concluded" in response.content.decode()
    assert Review.objects.get(pk=review.pk).status == "concluded"
    assert "Add a finding" not in response.content.decode()


def test_it_refuses_while_a_mistake_has_no_measure(world, reviews, login):
    review = reviews.reviews["a_draft"]
    do_add_finding(acting_user=world.user("cell_secretary"), review=review,
                   data={"kind": "weakness", "text": "Too few talks."})
    response = login(world.user("cell_secretary")).post(_url(review), follow=True)
    assert "needs a measure to rectify it" in response.content.decode()
    assert Review.objects.get(pk=review.pk).status == "draft"


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "sibling_secretary"])
def test_it_answers_404_to_who_may_not_change_it(world, reviews, login, name):
    assert login(world.user(name)).post(_url(reviews.reviews["a_draft"])).status_code == 404
    assert Review.objects.get(pk=reviews.reviews["a_draft"].pk).status == "draft"
