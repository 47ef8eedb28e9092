"""A unit's reviews: the ones the reader may read, with their counts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _url(unit) -> str:
    return reverse("reviews:unit_reviews", kwargs={"uid": unit.uid})


def test_it_lists_the_units_reviews_with_their_counts(world, reviews, login):
    page = login(world.user("cell_secretary")).get(_url(world.units["cell_a"]))
    assert page.status_code == 200
    listed = list(page.context["reviews"])
    assert [r.pk for r in listed] == [reviews.reviews["a_draft"].pk, reviews.reviews["a_sent"].pk]
    assert [(r.finding_count, r.measure_count, r.open_count) for r in listed] == [(1, 1, 1)] * 2
    body = page.content.decode()
    assert reverse("reviews:prepare", kwargs={"uid": world.units["cell_a"].uid}) in body


def test_it_offers_preparing_only_to_who_may_add_records_to_the_unit(world, reviews, login):
    page = login(world.user("cell_member")).get(_url(world.units["cell_a"]))
    assert page.status_code == 200 and len(page.context["reviews"]) == 2
    assert not page.context["may_prepare"]


def test_it_shows_the_committee_above_only_what_was_sent_up(world, reviews, login):
    page = login(world.user("committee_member")).get(_url(world.units["cell_a"]))
    assert [r.pk for r in page.context["reviews"]] == [reviews.reviews["a_sent"].pk]
    assert not login(world.user("committee_member")).get(
        _url(world.units["cell_b"])).context["reviews"]


def test_it_answers_404_outside_the_scope(world, reviews, login):
    assert login(world.user("sibling_secretary")).get(_url(world.units["cell_a"])
                                                      ).status_code == 404
    assert login(None).get(_url(world.units["cell_a"])).status_code == 302
