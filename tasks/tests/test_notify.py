"""Notifications: only their recipient reads them; "overdue" is written once per task."""

import pytest
from django.core.management import call_command

from tasks import notify
from tasks.actions import do_create_task
from tasks.models import Notification
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db


def _overdue(work):
    return do_create_task(acting_user=None, unit=work.unit,
                          data={"title": "Leaflets", "owner": work.member,
                                "due_on": days(-2)})[0]


def test_it_writes_overdue_once_per_task(work):
    task = _overdue(work)
    assert notify.notify_overdue(user=work.member_user) == 1
    assert notify.notify_overdue(user=work.member_user) == 0
    call_command("notify_overdue", stdout=open("/dev/null", "w"))
    [told] = Notification.objects.filter(kind="task_overdue")
    assert (told.recipient, told.subject_uid) == (work.member_user, task.uid)


def test_the_command_tells_every_owner_once(work):
    _overdue(work)
    for _ in range(2):
        call_command("notify_overdue", stdout=open("/dev/null", "w"))
    assert Notification.objects.filter(kind="task_overdue",
                                       recipient=work.member_user).count() == 1


def test_it_does_not_call_a_done_or_future_task_overdue(work):
    task = _overdue(work)
    do_create_task(acting_user=None, unit=work.unit,
                   data={"title": "Later", "owner": work.member, "due_on": days(1)})
    from tasks.actions import do_complete_task

    do_complete_task(acting_user=None, task=task)
    assert notify.notify_overdue(user=work.member_user) == 0


def test_only_the_recipient_reads_a_notification(work):
    notify.notify(recipients=[work.secretary], unit=work.unit, kind="field_stopped",
                  subject_uid=work.field.uid, params={"field": "Steelworks"})
    assert notify.unread_count(work.secretary) == 1
    # The member sees the unit's records but the notification is not addressed to them.
    assert notify.unread_count(work.member_user) == 0
    assert notify.mark_read(acting_user=work.member_user) == 0
    assert notify.mark_read(acting_user=work.secretary) == 1
    assert notify.unread_count(work.secretary) == 0


def test_it_says_the_message_in_the_readers_language(work):
    from django.utils import translation

    [n] = notify.notify(recipients=[work.secretary], unit=work.unit, kind="field_stopped",
                        subject_uid=work.field.uid, params={"field": "Steelworks"})
    assert notify.text_of(n) == "Work in the priority field Steelworks has stopped."
    assert notify.link_of(n).endswith(f"{work.field.uid}/")
    with translation.override("fa"):
        assert "Steelworks" in notify.text_of(n)


def test_it_refuses_an_unknown_kind(work):
    with pytest.raises(ValueError):
        notify.notify(recipients=[work.secretary], unit=work.unit, kind="gossip",
                      subject_uid=work.field.uid, params={})
