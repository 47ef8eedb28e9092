"""Editing a measure of a draft review."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.models import Measure

pytestmark = pytest.mark.django_db


def _url(measure) -> str:
    return reverse("reviews:measure_edit", kwargs={"uid": measure.uid})


def test_it_changes_the_measure(world, reviews, login):
    measure = reviews.measures["a_draft"]
    client = login(world.user("cell_secretary"))
    assert client.get(_url(measure)).context["form"]["text"].value() == measure.text
    response = client.post(_url(measure), {
        "text": "Meet twice a week.", "responsible": world.people["alias-cella-1"].uid,
        "due_on": days_ago(-7).isoformat(), "version": measure.version})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.text, measure.responsible.alias, measure.due_on) == (
        "Meet twice a week.", "alias-cella-1", days_ago(-7))


def test_it_refuses_a_responsible_member_outside_the_unit(world, reviews, login):
    measure = reviews.measures["a_draft"]
    page = login(world.user("cell_secretary")).post(_url(measure), {
        "text": measure.text, "responsible": world.people["alias-cellb-1"].uid,
        "due_on": measure.due_on.isoformat(), "version": measure.version})
    assert "responsible" in page.context["form"].errors
    assert Measure.objects.get(pk=measure.pk).responsible == world.people["alias-cella-2"]


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "overseer"])
def test_it_answers_404_to_who_may_not_change_it(world, reviews, login, name):
    assert login(world.user(name)).get(_url(reviews.measures["a_draft"])).status_code == 404
