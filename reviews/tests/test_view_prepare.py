"""Preparing a review: choose the period; the figures are computed and shown with it."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.models import Review

pytestmark = pytest.mark.django_db


def _url(unit) -> str:
    return reverse("reviews:prepare", kwargs={"uid": unit.uid})


def _post(client, unit, start: int, end: int):
    return client.post(_url(unit), {"kind": "quarter", "starts_on": days_ago(start).isoformat(),
                                    "ends_on": days_ago(end).isoformat(), "summary": ""})


def test_it_offers_the_last_90_days(world, login):
    page = login(world.user("cell_secretary")).get(_url(world.units["cell_a"]))
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["starts_on"].value(), form["ends_on"].value()) == (days_ago(89), days_ago(0))


def test_it_prepares_the_review_with_its_figures(fw, login):
    for n in (60, 30, 29):
        fw.activity(days_ago(n))
    client = login(fw.secretary)
    response = _post(client, fw.world.units["cell_a"], 59, 0)
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:review_detail", kwargs={"uid": review.uid})
    steel = review.figures["figures"]["stopped_fields"]["rows"][0]
    # Empty from 59 to 31 days ago and from 28 days ago to today: 29 days each.
    assert (steel["name"], steel["longest_gap"], steel["stopped"]) == ("Steelworks", 29, True)
    page = client.get(response["Location"]).content.decode()
    assert "Steelworks" in page and "The review is prepared" in page


def test_it_refuses_an_overlapping_period_on_the_form(world, login):
    client = login(world.user("cell_secretary"))
    _post(client, world.units["cell_a"], 89, 0)
    page = _post(client, world.units["cell_a"], 120, 80)
    assert page.status_code == 200
    assert "overlaps the unit&#x27;s review from" in page.content.decode()
    assert Review.objects.count() == 1


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "overseer",
                                  "sibling_secretary", "outsider"])
def test_it_answers_404_to_who_may_not_add_to_the_unit(world, login, name):
    client = login(world.user(name))
    assert client.get(_url(world.units["cell_a"])).status_code == 404
    assert _post(client, world.units["cell_a"], 89, 0).status_code == 404
    assert not Review.objects.exists()
