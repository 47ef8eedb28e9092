from __future__ import annotations

from django.urls import reverse

from fieldwork.models import Field
from stoppages.alerts import alert_stopped
from stoppages.models import StoppedField
from stoppages.tests.conftest import days, log_activity
from tasks.models import Notification, Task


def reason_url(field: Field) -> str:
    return reverse("stoppages:reason", kwargs={"uid": field.uid})


ANSWER = {"reason": "member_moved", "reason_text": "Our only member there moved town",
          "restart_plan": "A member of the night shift takes it over",
          "restart_on": days(10).isoformat()}


def ask(work, login) -> None:
    login(work.user("overseer")).post(
        reverse("stoppages:ask", kwargs={"uid": work.stopped.uid}),
        {"due_on": days(5).isoformat()})


def test_it_records_the_reason_completes_the_task_and_tells_who_asked(work, login):
    ask(work, login)
    client = login(work.user("cell_secretary"))
    assert client.get(reason_url(work.stopped)).status_code == 200
    assert client.post(reason_url(work.stopped), ANSWER).status_code == 302
    stop = StoppedField.objects.get(field=work.stopped)
    assert (stop.reason, stop.restart_on, stop.answered_on) == (
        "member_moved", days(10), days(0))
    task = Task.objects.get(kind=Task.Kind.REASON_ASKED)
    assert task.state == Task.State.DONE and task.done_by == work.user("cell_secretary")
    told = Notification.objects.get(recipient=work.user("overseer"))
    assert (told.kind, told.unit, told.subject_uid) == (
        Notification.Kind.REASON_GIVEN, work.world.units["north"], work.stopped.uid)


def test_it_shows_the_committee_the_reason_next_to_the_field(work, login):
    ask(work, login)
    login(work.user("cell_secretary")).post(reason_url(work.stopped), ANSWER)
    north = work.world.units["north"]
    body = login(work.user("committee_member")).get(
        reverse("fieldwork:continuity", kwargs={"uid": north.uid})).content.decode()
    assert "Member moved" in body and "night shift takes it over" in body


def test_it_takes_an_answer_nobody_asked_for(work, login):
    login(work.user("cell_secretary")).post(reason_url(work.stopped), ANSWER)
    stop = StoppedField.objects.get(field=work.stopped)
    assert stop.reason == "member_moved" and stop.task is None


def test_it_requires_a_reason(work, login):
    response = login(work.user("cell_secretary")).post(reason_url(work.stopped),
                                                       {**ANSWER, "reason": ""})
    assert response.status_code == 200
    assert not StoppedField.objects.filter(answered_on__isnull=False).exists()


def test_it_ends_the_stop_when_the_work_resumes(work, login):
    login(work.user("cell_secretary")).post(reason_url(work.stopped), ANSWER)
    log_activity(work.world, work.stopped, days(0))
    alert_stopped(user=work.user("cell_secretary"))
    stop = StoppedField.objects.get(field=work.stopped)
    assert stop.closed_on == days(0)  # kept as history
    body = login(work.user("cell_secretary")).get(
        reverse("fieldwork:field_detail", kwargs={"uid": work.stopped.uid})).content.decode()
    assert "Stopped since" not in body


def test_it_answers_404_to_who_may_not_change_the_cell(work, login):
    for name in ("cell_member", "committee_member", "sibling_secretary", "outsider"):
        client = login(work.user(name))
        assert client.get(reason_url(work.stopped)).status_code == 404, name
        assert client.post(reason_url(work.stopped), ANSWER).status_code == 404, name
    assert not StoppedField.objects.exists()


def test_it_offers_no_second_question_once_answered(work, login):
    ask(work, login)
    login(work.user("cell_secretary")).post(reason_url(work.stopped), ANSWER)
    north = work.world.units["north"]
    body = login(work.user("overseer")).get(
        reverse("fieldwork:continuity", kwargs={"uid": north.uid})).content.decode()
    assert reverse("stoppages:ask", kwargs={"uid": work.stopped.uid}) not in body
