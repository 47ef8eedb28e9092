"""Sending a concluded review up: the committee directly above reads it from then on; before,
it sees only numbers."""

import pytest
from django.urls import reverse

from reviews.actions import do_conclude_review
from reviews.models import Review

pytestmark = pytest.mark.django_db


def _url(review) -> str:
    return reverse("reviews:review_send_up", kwargs={"uid": review.uid})


def _detail(review) -> str:
    return reverse("reviews:review_detail", kwargs={"uid": review.uid})


def test_it_sends_the_review_up_to_the_committee_which_then_reads_it(world, reviews, login):
    review = reviews.reviews["a_draft"]
    secretary, committee = login(world.user("cell_secretary")), world.user("committee_member")
    do_conclude_review(acting_user=world.user("cell_secretary"), review=review)
    assert "Send up to North Committee" in secretary.get(_detail(review)).content.decode()
    assert login(committee).get(_detail(review)).status_code == 404
    secretary = login(world.user("cell_secretary"))
    response = secretary.post(_url(review), follow=True)
    assert "The review was sent up to the committee above." in response.content.decode()
    assert Review.objects.get(pk=review.pk).status == "sent_up"
    page = login(committee).get(_detail(review))
    assert page.status_code == 200 and "Finding a_draft" in page.content.decode()


def test_it_refuses_a_draft(world, reviews, login):
    review = reviews.reviews["a_draft"]
    response = login(world.user("cell_secretary")).post(_url(review), follow=True)
    assert "Conclude the review before sending it up." in response.content.decode()
    assert Review.objects.get(pk=review.pk).sent_up_at is None


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "overseer"])
def test_it_answers_404_to_who_may_not_change_it(world, reviews, login, name):
    review = reviews.reviews["a_draft"]
    do_conclude_review(acting_user=world.user("cell_secretary"), review=review)
    assert login(world.user(name)).post(_url(review)).status_code == 404
    assert Review.objects.get(pk=review.pk).status == "concluded"
