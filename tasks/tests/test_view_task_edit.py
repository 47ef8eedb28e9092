"""Changing a task: a new owner is told; a follow-up's date stays its activity's."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fieldwork.actions import do_record_one_to_one
from tasks.actions import do_create_task, do_update_task
from tasks.models import Notification, Task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def test_it_gives_the_task_to_another_member_and_tells_them(work, login):
    [task] = do_create_task(acting_user=work.secretary, unit=work.unit,
                            data={"title": "Collect dues", "due_on": days(1)})
    url = reverse("tasks:task_edit", kwargs={"uid": task.uid})
    response = login(work.secretary).post(url, {
        "title": "Collect dues", "owner": work.member.uid, "due_on": days(2).isoformat(),
        "version": task.version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.owner, task.due_on) == (work.member, days(2))
    assert Notification.objects.filter(recipient=work.member_user, kind="task_assigned").exists()


def test_it_keeps_a_follow_ups_date_with_its_activity(work, login):
    activity = do_record_one_to_one(acting_user=work.secretary, unit=work.unit,
                                    contact=work.contacts[0], member=work.member,
                                    date=days(0), follow_up_on=days(3))
    task = Task.objects.get(source_activity=activity)
    url = reverse("tasks:task_edit", kwargs={"uid": task.uid})
    client = login(work.secretary)
    assert client.get(url).context["form"].fields["due_on"].disabled
    response = client.post(url, {"owner": work.other_member.uid,
                                 "due_on": days(9).isoformat(), "title": ""})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.due_on, task.owner) == (days(3), work.other_member)
    with pytest.raises(ValidationError):
        do_update_task(acting_user=work.secretary, task=task, data={"due_on": days(9)})


def test_another_units_task_answers_404(work, login):
    [task] = do_create_task(acting_user=work.secretary, unit=work.unit,
                            data={"title": "x", "due_on": days(1)})
    client = login(work.world.user("sibling_secretary"))
    assert client.get(reverse("tasks:task_edit", kwargs={"uid": task.uid})).status_code == 404
