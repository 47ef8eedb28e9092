"""The committee's view of the reviews below it: counts for every unit below (findings by
kind, measures by follow-up, overdue), and the text only of what was sent up to it."""

import pytest
from django.urls import reverse

from reviews.actions import do_conclude_review, do_follow_up_measure, do_send_up_review

pytestmark = pytest.mark.django_db


def _url(unit) -> str:
    return reverse("reviews:overview", kwargs={"uid": unit.uid})


def test_it_counts_the_reviews_below_without_their_text(world, reviews, login):
    page = login(world.user("committee_member")).get(_url(world.units["north"]))
    assert page.status_code == 200
    total, rows = page.context["total"], page.context["rows"]
    assert (total.reviews, total.findings, total.measures, total.overdue) == (
        {"draft": 2, "concluded": 0, "sent_up": 1}, {"mistake": 3, "weakness": 0, "success": 0},
        {"open": 3, "done": 0, "dropped": 0}, 1)
    assert [(r.name, r.review_total) for r in rows] == [("Cell A", 2), ("Cell B", 1)]
    body = page.content.decode()
    for text in ("Finding a_draft", "Finding b_draft", "Measure a_draft", "Reasons b_draft"):
        assert text not in body, text
    # Only what Cell A sent up is there to read.
    assert list(page.context["readable"]) == [reviews.reviews["a_sent"]]


def test_it_shows_the_text_once_the_unit_sends_it_up(world, reviews, login):
    secretary = world.user("sibling_secretary")
    review = reviews.reviews["b_draft"]
    do_conclude_review(acting_user=secretary, review=review)
    do_follow_up_measure(acting_user=secretary, measure=reviews.measures["b_draft"],
                         status="done")
    client = login(world.user("committee_member"))
    detail = reverse("reviews:review_detail", kwargs={"uid": review.uid})
    assert client.get(detail).status_code == 404
    assert client.get(_url(world.units["north"])).context["total"].measures["done"] == 1
    do_send_up_review(acting_user=secretary, review=review)
    page = client.get(_url(world.units["north"]))
    assert set(page.context["readable"]) == {reviews.reviews["a_sent"], review}
    assert "Finding b_draft" in client.get(detail).content.decode()


def test_it_counts_for_the_units_further_up_but_never_opens_the_text(world, reviews, login):
    from access.actions import do_grant_role
    from accounts.models import User

    cc_member = User.objects.create_user("cc_member")
    do_grant_role(acting_user=None, user=cc_member, unit=world.units["rp_cc"], kind="member")
    page = login(cc_member).get(_url(world.units["rp_cc"]))
    assert [(r.name, r.review_total) for r in page.context["rows"]] == [
        ("North Committee", 3), ("South Committee", 0)]
    assert not page.context["readable"]  # sent to North, not to the Central Committee


def test_it_counts_nothing_for_a_cell_without_units_below(world, reviews, login):
    page = login(world.user("cell_secretary")).get(_url(world.units["cell_a"]))
    assert page.context["rows"] == [] and page.context["total"].review_total == 0


def test_it_answers_404_outside_the_scope(world, reviews, login):
    assert login(world.user("outsider")).get(_url(world.units["north"])).status_code == 404
