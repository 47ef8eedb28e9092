"""Logins, failed logins and lockouts leave audit rows (issue 9: none did); never the
password."""

import pytest
from django.conf import settings
from django.urls import reverse

from audit.chain import verify
from audit.log import record_security_event
from audit.models import AuditEvent
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "not the password at all"


def _rows(**filters):
    return AuditEvent.objects.filter(**filters).order_by("seq")


def test_it_records_a_login(world, client):
    user = world.user("cell_member")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    event = _rows(action=AuditEvent.Action.LOGIN).get()
    assert event.actor_id == user.pk
    assert (event.model, event.object_id, event.unit_id) == ("accounts.User", user.pk, None)
    assert verify() is None


def test_it_records_a_logout(world, client):
    user = world.user("cell_member")
    client.force_login(user)
    client.post(reverse("logout"))
    assert _rows(action=AuditEvent.Action.LOGOUT, actor=user).exists()


def test_it_records_a_failed_login_without_the_password(world, client):
    user = world.user("cell_member")
    response = client.post(reverse("login"), {"username": user.username, "password": WRONG})
    assert response.status_code == 200
    event = _rows(action=AuditEvent.Action.LOGIN_FAILED).get()
    assert event.actor_id is None
    assert (event.model, event.object_id) == ("accounts.User", user.pk)
    assert event.detail == {"username": user.username}
    stored = str(AuditEvent.objects.filter(pk=event.pk).values().get())
    assert WRONG not in stored and "*****" not in stored


def test_it_records_a_failed_login_for_an_unknown_name(world, client):
    client.post(reverse("login"), {"username": "nobody-by-that-name", "password": WRONG})
    event = _rows(action=AuditEvent.Action.LOGIN_FAILED).get()
    assert (event.object_id, event.detail) == (0, {"username": "nobody-by-that-name"})


@pytest.mark.skipif("axes" not in settings.INSTALLED_APPS, reason="django-axes not installed")
def test_it_records_a_lockout(world, client):
    user = world.user("cell_member")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("login"), {"username": user.username, "password": WRONG})
    event = _rows(action=AuditEvent.Action.LOCKOUT).first()
    assert event is not None
    assert (event.object_id, event.detail) == (user.pk, {"username": user.username})
    assert verify() is None


def test_it_records_freezes_and_key_operations_for_other_apps(world):
    secretary, member = world.user("cell_secretary"), world.user("cell_member")
    frozen = record_security_event(kind=AuditEvent.Action.FREEZE, actor=secretary,
                                   subject=member, detail={"sessions_ended": 2})
    assert (frozen.actor_id, frozen.object_id, frozen.detail) == (
        secretary.pk, member.pk, {"sessions_ended": 2})
    key = record_security_event(kind=AuditEvent.Action.KEY, actor=None,
                                detail={"operation": "rotate"})
    assert (key.actor_id, key.object_id, key.unit_id) == (None, 0, None)
    unit = world.units["cell_a"]
    filed = record_security_event(kind=AuditEvent.Action.SECURITY, actor=secretary,
                                  subject=unit)
    assert (filed.model, filed.unit_id) == ("organizations.Unit", unit.pk)
    with pytest.raises(ValueError):
        record_security_event(kind="shrug", actor=secretary)
    assert verify() is None
