from __future__ import annotations

from django.urls import reverse

from stoppages.tests.conftest import days


def page(client, name: str, field) -> str:
    return client.get(reverse(name, kwargs={"uid": field.uid})).content.decode()


def test_it_marks_a_stopped_field_on_its_page_and_wall_chart(work, login):
    client = login(work.user("cell_secretary"))
    for name in ("fieldwork:field_detail", "fieldwork:wall_chart"):
        body = page(client, name, work.stopped)
        assert "Stopped since" in body and "(40 days without activity)" in body, name
        assert "Record the reason" in body
        assert "Ask the cell why" not in body  # the cell answers; the committee asks
        assert "Stopped since" not in page(client, name, work.active)


def test_it_offers_the_committee_the_question_on_the_field_page(work, login):
    body = page(login(work.user("committee_member")), "fieldwork:field_detail", work.stopped)
    assert "Ask the cell why" in body and "Record the reason" not in body


def test_it_shows_the_reason_and_plan_on_the_field_page(work, login):
    login(work.user("cell_secretary")).post(
        reverse("stoppages:reason", kwargs={"uid": work.stopped.uid}),
        {"reason": "paused", "restart_plan": "After the holidays",
         "restart_on": days(20).isoformat()})
    body = page(login(work.user("overseer")), "fieldwork:wall_chart", work.stopped)
    assert "Paused by decision" in body and "After the holidays" in body
