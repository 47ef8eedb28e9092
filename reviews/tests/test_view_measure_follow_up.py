"""Following a measure up: done, dropped or open again, with the day; also after the review
was concluded and sent up."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.models import Measure

pytestmark = pytest.mark.django_db


def _url(measure) -> str:
    return reverse("reviews:measure_follow_up", kwargs={"uid": measure.uid})


def test_it_marks_a_sent_reviews_measure_done(world, reviews, login):
    measure = reviews.measures["a_sent"]
    response = login(world.user("cell_secretary")).post(_url(measure), {
        "status": "done", "status_on": days_ago(2).isoformat(), "version": measure.version})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.status_on) == ("done", days_ago(2))


def test_it_takes_today_when_no_day_is_given(world, reviews, login):
    measure = reviews.measures["a_draft"]
    login(world.user("cell_secretary")).post(_url(measure), {
        "status": "dropped", "status_on": "", "version": measure.version})
    measure.refresh_from_db()
    assert (measure.status, measure.status_on) == ("dropped", days_ago(0))


def test_it_refuses_a_day_in_the_future(world, reviews, login):
    measure = reviews.measures["a_draft"]
    page = login(world.user("cell_secretary")).post(_url(measure), {
        "status": "done", "status_on": days_ago(-1).isoformat(), "version": measure.version})
    assert page.context["form"].errors["status_on"] == ["The date cannot be in the future."]
    assert Measure.objects.get(pk=measure.pk).status == "open"


@pytest.mark.parametrize("name", ["cell_member", "committee_member", "overseer"])
def test_it_answers_404_to_who_may_not_change_it(world, reviews, login, name):
    measure = reviews.measures["a_sent"]
    assert login(world.user(name)).post(_url(measure), {"status": "done"}).status_code == 404
    assert Measure.objects.get(pk=measure.pk).status == "open"
