"""A follow-up is a task: recording, changing and closing the activity keeps its task in step,
and completing the task closes the activity's follow-up."""

import pytest
from django.apps import apps

from fieldwork.actions import (
    do_create_activity,
    do_mark_follow_up_done,
    do_record_one_to_one,
    do_update_activity,
)
from fieldwork.models import Activity
from tasks.actions import do_complete_task
from tasks.models import Notification, Task
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _one_to_one(work, follow_up_on=None):
    return do_record_one_to_one(acting_user=work.secretary, unit=work.unit,
                                contact=work.contacts[0], member=work.member, date=days(0),
                                follow_up_on=follow_up_on)


def test_it_makes_a_task_of_a_one_to_ones_follow_up(work):
    activity = _one_to_one(work, follow_up_on=days(3))
    task = Task.objects.get(source_activity=activity)
    assert (task.kind, task.owner, task.contact, task.field, task.due_on, task.state) == (
        "follow_up", work.member, work.contacts[0], work.field, days(3), "open")
    # The member's login is told: the secretary gave it.
    assert Notification.objects.filter(recipient=work.member_user, subject_uid=task.uid,
                                       kind="task_assigned").exists()


def test_it_makes_no_task_without_a_follow_up_date(work):
    _one_to_one(work)
    assert not Task.objects.exists()


def test_it_leaves_the_owner_empty_when_several_members_took_part(work):
    activity = do_create_activity(acting_user=work.secretary, unit=work.unit,
                                  data={"kind": "home_visit", "date": days(0),
                                        "follow_up_on": days(1)},
                                  members=[work.member, work.other_member])
    assert Task.objects.get(source_activity=activity).owner is None


def test_it_marks_the_task_done_with_the_follow_up_and_back(work):
    activity = _one_to_one(work, follow_up_on=days(3))
    do_mark_follow_up_done(acting_user=work.secretary, activity=activity)
    task = Task.objects.get(source_activity=activity)
    assert (task.state, task.done_by) == ("done", work.secretary)
    do_mark_follow_up_done(acting_user=work.secretary, activity=activity, done=False)
    task.refresh_from_db()
    assert (task.state, task.done_on) == ("open", None)


def test_it_marks_the_follow_up_done_when_the_task_is_completed(work):
    activity = _one_to_one(work, follow_up_on=days(3))
    task = Task.objects.get(source_activity=activity)
    do_complete_task(acting_user=work.member_user, task=task)
    activity.refresh_from_db()
    assert activity.follow_up_done is True
    do_complete_task(acting_user=work.secretary, task=Task.objects.get(pk=task.pk), done=False)
    activity.refresh_from_db()
    assert activity.follow_up_done is False


def test_it_moves_the_task_with_the_follow_up_date_and_removes_it_with_it(work):
    activity = _one_to_one(work, follow_up_on=days(3))
    do_update_activity(acting_user=work.secretary, activity=activity,
                       data={"follow_up_on": days(5)})
    assert Task.objects.get(source_activity=activity).due_on == days(5)
    do_update_activity(acting_user=work.secretary, activity=activity,
                       data={"follow_up_on": None})
    assert not Task.objects.filter(source_activity=activity).exists()


def test_it_turns_the_open_follow_ups_of_existing_activities_into_tasks(work):
    import importlib

    migration = importlib.import_module("tasks.migrations.0002_open_follow_ups_become_tasks")
    open_one = _one_to_one(work, follow_up_on=days(1))
    closed = _one_to_one(work, follow_up_on=days(2))
    Activity.objects.filter(pk=closed.pk).update(follow_up_done=True)
    Task.objects.all().delete()  # as before the tasks app
    migration.forward(apps, None)
    [task] = Task.objects.all()
    assert (task.source_activity_id, task.owner, task.contact, task.due_on) == (
        open_one.pk, work.member, work.contacts[0], days(1))
    migration.forward(apps, None)  # again: nothing twice
    assert Task.objects.count() == 1


def test_the_done_button_of_a_follow_up_completes_its_task(work, login):
    from django.urls import reverse

    activity = _one_to_one(work, follow_up_on=days(3))
    login(work.secretary).post(reverse("fieldwork:follow_up_done",
                                       kwargs={"uid": activity.uid}))
    assert Task.objects.get(source_activity=activity).state == "done"
