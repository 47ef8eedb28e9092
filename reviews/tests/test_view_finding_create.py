"""Writing a finding: a mistake, a weakness or a success, its reasons and conditions."""

import pytest
from django.urls import reverse

from reviews.models import Finding

pytestmark = pytest.mark.django_db

DATA = {"kind": "weakness", "text": "Two talks a week instead of five.",
        "reasons": "Members on night shifts.", "conditions": "Overtime at the mill."}


def _url(review) -> str:
    return reverse("reviews:finding_create", kwargs={"uid": review.uid})


def test_it_adds_a_finding_to_a_draft(world, reviews, login):
    review = reviews.reviews["a_draft"]
    response = login(world.user("cell_secretary")).post(_url(review), DATA)
    assert response.status_code == 302
    finding = Finding.objects.get(review=review, kind="weakness")
    assert (finding.text, finding.reasons, finding.conditions) == (
        DATA["text"], DATA["reasons"], DATA["conditions"])


def test_it_needs_a_kind_and_a_text(world, reviews, login):
    page = login(world.user("cell_secretary")).post(_url(reviews.reviews["a_draft"]),
                                                    {"kind": "", "text": ""})
    assert set(page.context["form"].errors) == {"kind", "text"}
    assert Finding.objects.filter(review=reviews.reviews["a_draft"]).count() == 1


def test_it_refuses_a_concluded_review(world, reviews, login):
    page = login(world.user("cell_secretary")).post(_url(reviews.reviews["a_sent"]), DATA)
    assert "This review is concluded" in page.content.decode()
    assert Finding.objects.filter(review=reviews.reviews["a_sent"]).count() == 1


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "sibling_secretary"])
def test_it_answers_404_to_who_may_not_change_the_review(world, reviews, login, name):
    assert login(world.user(name)).post(_url(reviews.reviews["a_draft"]), DATA
                                        ).status_code == 404
