from __future__ import annotations

from django.urls import reverse

from fieldwork.models import Field
from stoppages.models import StoppedField
from stoppages.tests.conftest import days
from tasks.models import Notification, Task


def ask_url(field: Field) -> str:
    return reverse("stoppages:ask", kwargs={"uid": field.uid})


def test_it_asks_the_cell_and_gives_its_secretaries_a_task(work, login):
    client = login(work.user("overseer"))
    assert client.get(ask_url(work.stopped)).status_code == 200
    response = client.post(ask_url(work.stopped), {"due_on": days(5).isoformat()})
    assert response.status_code == 302
    stop = StoppedField.objects.get(field=work.stopped)
    assert stop.pending and stop.since == days(-40)
    assert stop.asked_from == work.world.units["north"]
    task = Task.objects.get(kind=Task.Kind.REASON_ASKED)
    assert (task.unit, task.field, task.owner, task.due_on) == (
        work.stopped.unit, work.stopped, None, days(5))
    assert stop.task == task
    told = Notification.objects.get(recipient=work.user("cell_secretary"))
    assert (told.kind, told.subject_uid, told.unit) == (
        Notification.Kind.TASK_ASSIGNED, task.uid, work.stopped.unit)


def test_it_lets_a_committee_member_without_oversight_ask(work, login):
    client = login(work.user("committee_member"))
    client.post(ask_url(work.stopped), {"due_on": days(5).isoformat()})
    assert StoppedField.objects.get(field=work.stopped).pending


def test_it_shows_the_committee_no_alias_of_the_cell(work, login):
    client = login(work.user("committee_member"))
    north = work.world.units["north"]
    pages = [ask_url(work.stopped),
             reverse("fieldwork:continuity", kwargs={"uid": north.uid}),
             reverse("fieldwork:unit_dashboard", kwargs={"uid": north.uid}),
             reverse("fieldwork:field_detail", kwargs={"uid": work.stopped.uid})]
    client.post(ask_url(work.stopped), {"due_on": days(5).isoformat()})
    for url in pages:
        body = client.get(url).content.decode()
        assert "alias-cella" not in body, url
    continuity = client.get(pages[1]).content.decode()
    assert "answer is awaited" in continuity


def test_it_offers_the_question_on_the_continuity_page(work, login):
    north = work.world.units["north"]
    body = login(work.user("overseer")).get(
        reverse("fieldwork:continuity", kwargs={"uid": north.uid})).content.decode()
    assert ask_url(work.stopped) in body
    assert ask_url(work.active) not in body


def test_it_does_not_ask_twice_while_the_answer_is_awaited(work, login):
    client = login(work.user("overseer"))
    client.post(ask_url(work.stopped), {"due_on": days(5).isoformat()})
    response = client.get(ask_url(work.stopped))
    assert "answer is awaited" in response.content.decode()
    client.post(ask_url(work.stopped), {"due_on": days(5).isoformat()})
    assert Task.objects.filter(kind=Task.Kind.REASON_ASKED).count() == 1


def test_it_says_when_the_work_has_not_stopped(work, login):
    response = login(work.user("overseer")).get(ask_url(work.active))
    assert "has not stopped" in response.content.decode()
    assert not StoppedField.objects.exists()


def test_it_sends_the_cell_to_the_answer_page(work, login):
    response = login(work.user("cell_secretary")).get(ask_url(work.stopped))
    assert response["Location"] == reverse("stoppages:reason", kwargs={"uid": work.stopped.uid})


def test_it_answers_404_to_the_sibling_cell_and_outsiders(work, login):
    for name in ("sibling_secretary", "outsider"):
        client = login(work.user(name))
        assert client.get(ask_url(work.stopped)).status_code == 404
        assert client.post(ask_url(work.stopped), {"due_on": days(5).isoformat()}
                           ).status_code == 404
    assert not Task.objects.filter(kind=Task.Kind.REASON_ASKED).exists()


def test_it_sends_a_cell_member_to_the_field_page(work, login):
    response = login(work.user("cell_member")).get(ask_url(work.stopped))
    assert response["Location"] == reverse("fieldwork:field_detail",
                                           kwargs={"uid": work.stopped.uid})
