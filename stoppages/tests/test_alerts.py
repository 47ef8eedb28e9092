from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from fieldwork.actions import do_set_field_priority
from stoppages.alerts import alert_stopped
from stoppages.tests.conftest import days, log_activity
from tasks.models import Notification

STOPPED = Notification.Kind.FIELD_STOPPED


def committee_secretary(world) -> User:
    user = User.objects.create_user("north_secretary", password="correct horse battery")
    do_grant_role(acting_user=None, user=user, unit=world.units["north"], kind="secretary",
                  oversight=True, identity_access=False)
    return user


def test_it_alerts_the_committee_above_and_the_cell_once_per_stop(work):
    north = committee_secretary(work.world)
    do_set_field_priority(acting_user=None, field=work.stopped, priority=2)
    assert alert_stopped() == 1
    assert alert_stopped() == 0
    rows = Notification.objects.filter(kind=STOPPED)
    assert {(n.recipient, n.unit) for n in rows} == {
        (north, work.world.units["north"]),
        (work.user("cell_secretary"), work.world.units["cell_a"])}
    assert {n.subject_uid for n in rows} == {work.stopped.uid}


def test_it_alerts_again_when_the_field_stops_again(work):
    do_set_field_priority(acting_user=None, field=work.stopped, priority=1)
    alert_stopped()
    log_activity(work.world, work.stopped, days(-20))  # resumed, then silent again
    assert alert_stopped() == 1
    assert Notification.objects.filter(kind=STOPPED).count() == 2


def test_it_does_not_alert_for_fields_without_priority(work):
    assert alert_stopped() == 0
    assert not Notification.objects.filter(kind=STOPPED).exists()


def test_it_alerts_when_the_cell_secretary_opens_the_home_page(work, login):
    do_set_field_priority(acting_user=None, field=work.stopped, priority=1)
    client = login(work.user("cell_secretary"))
    client.get(reverse("accounts:home"))
    client.get(reverse("tasks:notifications"))
    told = Notification.objects.get(kind=STOPPED)
    assert told.recipient == work.user("cell_secretary")
    assert "Steelworks" in client.get(reverse("tasks:notifications")).content.decode()


def test_it_alerts_from_the_command_and_not_twice(work):
    do_set_field_priority(acting_user=None, field=work.stopped, priority=1)
    call_command("notify_stopped")
    call_command("notify_stopped")
    assert Notification.objects.filter(kind=STOPPED).count() == 1
