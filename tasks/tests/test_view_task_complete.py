"""The "Done" button of a task: its owner or who may change the unit's records."""

import pytest
from django.urls import reverse

from tasks.actions import do_create_task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _task(work, owner):
    return do_create_task(acting_user=work.secretary, unit=work.unit,
                          data={"title": "x", "owner": owner, "due_on": days(1)})[0]


def _url(task):
    return reverse("tasks:task_complete", kwargs={"uid": task.uid})


def test_the_owner_marks_their_task_done(work, login):
    task = _task(work, work.member)
    response = login(work.member_user).post(_url(task), {"next": reverse("accounts:home")})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:home")
    task.refresh_from_db()
    assert task.state == "done"


def test_a_reader_who_is_not_the_owner_gets_404(work, login):
    task = _task(work, work.other_member)
    assert login(work.member_user).post(_url(task)).status_code == 404
    task.refresh_from_db()
    assert task.state == "open"


def test_the_secretary_reopens_a_task(work, login):
    task = _task(work, work.member)
    client = login(work.secretary)
    client.post(_url(task))
    client.post(_url(task), {"done": "0"})
    task.refresh_from_db()
    assert (task.state, task.done_on) == ("open", None)


def test_another_units_task_answers_404(work, login):
    task = _task(work, None)
    assert login(work.world.user("sibling_secretary")).post(_url(task)).status_code == 404
