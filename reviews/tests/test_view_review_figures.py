"""Computing a draft's figures again (work recorded late)."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.actions import do_prepare_review
from reviews.models import Review

pytestmark = pytest.mark.django_db


def _url(review) -> str:
    return reverse("reviews:review_figures", kwargs={"uid": review.uid})


def test_it_computes_the_figures_again(fw, login):
    review = do_prepare_review(acting_user=fw.secretary, unit=fw.world.units["cell_a"], data={
        "kind": "month", "starts_on": days_ago(29), "ends_on": days_ago(0)})
    assert review.figures["figures"]["stopped_fields"]["rows"][0]["active_days"] == 0
    fw.activity(days_ago(3))  # recorded after the review was prepared
    response = login(fw.secretary).post(_url(review))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.figures["figures"]["stopped_fields"]["rows"][0]["active_days"] == 1


def test_it_keeps_the_figures_of_a_concluded_review(world, reviews, login):
    review = reviews.reviews["a_sent"]
    client = login(world.user("cell_secretary"))
    response = client.post(_url(review), follow=True)
    assert "This review is concluded" in response.content.decode()
    assert Review.objects.get(pk=review.pk).figures == review.figures


def test_it_is_a_button_only(world, reviews, login):
    client = login(world.user("cell_secretary"))
    assert client.get(_url(reviews.reviews["a_draft"])).status_code == 405
    assert login(world.user("cell_member")).post(_url(reviews.reviews["a_draft"])
                                                 ).status_code == 404
