"""The review page: its figures, the measures of the previous review and whether they were
carried out, its findings and measures; what each reader may see of them."""

import pytest
from django.urls import reverse

from fieldwork.tests.conftest import days_ago
from reviews.actions import do_follow_up_measure
from reviews.tests.world import review_with_measure

pytestmark = pytest.mark.django_db


def _url(review) -> str:
    return reverse("reviews:review_detail", kwargs={"uid": review.uid})


def test_it_shows_the_figures_findings_and_measures(world, reviews, login):
    page = login(world.user("cell_secretary")).get(_url(reviews.reviews["a_draft"]))
    assert page.status_code == 200
    body = page.content.decode()
    for text in ("Where the work stopped, and the longest gaps", "Follow-ups left open",
                 "Finding a_draft: the work stopped.", "Reasons a_draft", "Conditions a_draft",
                 "Measure a_draft: meet every week.", "alias-cella-2", "Conclude the review"):
        assert text in body, text


def test_it_shows_the_review_in_persian(world, reviews, login, settings):
    client = login(world.user("cell_secretary"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    body = client.get(_url(reviews.reviews["a_draft"])).content.decode()
    assert 'lang="fa"' in body and 'dir="rtl"' in body
    for text in ("اقدام‌های جمع‌بندی پیشین", "ارقام آماده‌شده", "Finding a_draft: the work stopped."):
        assert text in body, text
    assert "Where the work stopped" not in body and "Conclude the review" not in body


def test_it_opens_with_the_measures_of_the_previous_review(world, reviews, login):
    page = login(world.user("cell_member")).get(_url(reviews.reviews["a_draft"]))
    assert page.context["previous"] == reviews.reviews["a_sent"]
    (measure,) = page.context["previous_measures"]
    assert measure == reviews.measures["a_sent"]
    section = page.content.decode().split("Measures of the previous review")[1].split(
        "Prepared figures")[0]
    # Due 100 days ago and still open: overdue.
    assert "Measure a_sent" in section and "overdue" in section and "alias-cella-1" in section


def test_it_says_whether_the_previous_measures_were_carried_out(world, reviews, login):
    do_follow_up_measure(acting_user=world.user("cell_secretary"),
                         measure=reviews.measures["a_sent"], status="done", on=days_ago(95))
    page = login(world.user("cell_member")).get(_url(reviews.reviews["a_draft"]))
    section = page.content.decode().split("Measures of the previous review")[1].split(
        "Prepared figures")[0]
    assert "Done" in section and "overdue" not in section


def test_it_takes_the_latest_review_before_the_period_as_the_previous_one(world, reviews,
                                                                          login):
    older, *_ = review_with_measure(world, "older", "cell_a", "cell_secretary",
                                    "alias-cella-1", start=400, end=300, due=290)
    page = login(world.user("cell_member")).get(_url(reviews.reviews["a_sent"]))
    assert page.context["previous"] == older
    assert login(world.user("cell_member")).get(_url(older)).context["previous"] is None


def test_it_shows_the_committee_a_sent_review_without_aliases_it_may_not_see(world, reviews,
                                                                            login):
    client = login(world.user("committee_member"))
    page = client.get(_url(reviews.reviews["a_sent"]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Finding a_sent: the work stopped." in body and "Measure a_sent" in body
    assert "alias-cella-1" not in body and "a member of the unit" in body
    assert not page.context["can_change"] and "Follow up" not in body
    # The draft of the same cell is not sent: the committee has no page for it.
    assert client.get(_url(reviews.reviews["a_draft"])).status_code == 404


@pytest.mark.parametrize("name", ["sibling_secretary", "outsider", "coalition_office"])
def test_it_answers_404_outside_the_scope(world, reviews, login, name):
    assert login(world.user(name)).get(_url(reviews.reviews["a_sent"])).status_code == 404
