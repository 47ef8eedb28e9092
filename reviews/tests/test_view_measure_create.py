"""A measure to rectify a finding: its text, a responsible member of the unit (by alias) and
a due date. Without one, or with someone outside the unit: a message, nothing saved."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.models import Measure

pytestmark = pytest.mark.django_db


def _url(finding) -> str:
    return reverse("reviews:measure_create", kwargs={"uid": finding.uid})


def _data(world, alias, **changes):
    person = world.people.get(alias)
    return {"text": "Two talks a week each.", "responsible": person.uid if person else "",
            "due_on": days_ago(-14).isoformat(), **changes}


def test_it_offers_the_units_members_by_alias(world, reviews, login):
    form = login(world.user("cell_secretary")).get(_url(reviews.findings["a_draft"])
                                                   ).context["form"]
    choices = [label for _value, label in form.fields["responsible"].choices][1:]
    assert choices == ["alias-cella-1", "alias-cella-2"]


def test_it_adds_the_measure(world, reviews, login):
    finding = reviews.findings["a_draft"]
    response = login(world.user("cell_secretary")).post(_url(finding),
                                                        _data(world, "alias-cella-2"))
    assert response.status_code == 302
    measure = Measure.objects.get(finding=finding, text="Two talks a week each.")
    assert (measure.responsible, measure.due_on, measure.status) == (
        world.people["alias-cella-2"], days_ago(-14), "open")


@pytest.mark.parametrize("alias", [None, "alias-cellb-1", "alias-north-1"])
def test_it_refuses_a_measure_without_a_member_of_the_unit(world, reviews, login, alias):
    finding = reviews.findings["a_draft"]
    page = login(world.user("cell_secretary")).post(_url(finding), _data(world, alias))
    assert page.status_code == 200
    assert page.context["form"].errors["responsible"] == [
        "Choose a member of the unit: someone who answers for it in the next review."]
    assert finding.measures.count() == 1


def test_it_refuses_a_due_date_inside_the_reviewed_period(world, reviews, login):
    finding = reviews.findings["a_draft"]
    page = login(world.user("cell_secretary")).post(_url(finding), _data(
        world, "alias-cella-1", due_on=days_ago(30).isoformat()))
    assert page.context["form"].errors["due_on"] == [
        "A measure is due after the period it rectifies."]
    assert finding.measures.count() == 1


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "sibling_secretary"])
def test_it_answers_404_to_who_may_not_change_the_review(world, reviews, login, name):
    assert login(world.user(name)).post(_url(reviews.findings["a_draft"]),
                                        _data(world, "alias-cella-1")).status_code == 404
