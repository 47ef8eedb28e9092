"""The notifications page: the reader's own, marked read one by one or all at once."""

import pytest
from django.urls import reverse

from tasks import notify
from tasks.actions import do_create_task
from tasks.models import Notification
from tasks.tests.conftest import days

pytestmark = pytest.mark.django_db

URL = reverse("tasks:notifications")


def _stopped(work, user):
    return notify.notify(recipients=[user], unit=work.unit, kind="field_stopped",
                         subject_uid=work.field.uid, params={"field": "Steelworks"})[0]


def test_it_shows_only_the_readers_notifications(work, login):
    _stopped(work, work.secretary)
    page = login(work.member_user).get(URL).content.decode()
    assert "Steelworks" not in page
    page = login(work.secretary).get(URL).content.decode()
    assert "Work in the priority field Steelworks has stopped." in page


def test_it_marks_one_read_and_then_all(work, login):
    first, second = _stopped(work, work.secretary), _stopped(work, work.secretary)
    client = login(work.secretary)
    client.post(URL, {"notification": str(first.uid)})
    assert set(Notification.objects.filter(read_at__isnull=True)) == {second}
    client.post(URL)
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_another_users_notification_cannot_be_marked_read(work, login):
    mine = _stopped(work, work.secretary)
    login(work.member_user).post(URL, {"notification": str(mine.uid)})
    mine.refresh_from_db()
    assert mine.read_at is None


def test_it_writes_the_owners_overdue_notification_once(work, login):
    do_create_task(acting_user=None, unit=work.unit,
                   data={"title": "Leaflets", "owner": work.member, "due_on": days(-1)})
    client = login(work.member_user)
    client.get(URL)
    page = client.get(URL).content.decode()
    assert page.count("Your task is overdue: Leaflets") == 1
    assert Notification.objects.filter(kind="task_overdue").count() == 1


def test_the_navigation_counts_unread_notifications(work, login):
    _stopped(work, work.secretary)
    _stopped(work, work.secretary)
    response = login(work.secretary).get(reverse("accounts:home"))
    assert response.context["unread_notifications"] == 2
    assert isinstance(response.context["unread_notifications"], int)
