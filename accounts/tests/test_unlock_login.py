"""A secretary unlocks a locked-out login of someone in their units; outside them, 404."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from access.models import Role
from audit.models import AuditEvent
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _lock_out(client, username, address="10.1.0.1"):
    for _n in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": username, "password": "nope"},
                    REMOTE_ADDR=address)
    assert client.post(reverse("login"), {"username": username, "password": PASSWORD},
                       REMOTE_ADDR=address).status_code == 429


def _role(world, name):
    return Role.objects.active().get(user=world.user(name))


def test_it_lets_a_secretary_unlock_a_member_of_their_unit(world, client, login):
    _lock_out(client, "cell_member")
    role = _role(world, "cell_member")
    secretary = login(world.user("cell_secretary"))
    page = secretary.get(reverse("accounts:locked_logins"))
    assert [r.pk for r in page.context["roles"]] == [role.pk]
    response = secretary.post(reverse("accounts:unlock_login", kwargs={"uid": role.uid}))
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="cell_member").exists()
    event = AuditEvent.objects.get(action="unlock_login")
    assert (event.actor, event.object_id, event.unit_id) == (
        world.user("cell_secretary"), world.user("cell_member").pk, role.unit_id)
    secretary.cookies.clear()
    assert client.post(reverse("login"), {"username": "cell_member", "password": PASSWORD},
                       REMOTE_ADDR="10.1.0.1").status_code == 302


def test_it_answers_404_to_a_secretary_outside_the_unit(world, client, login):
    _lock_out(client, "cell_member")
    role = _role(world, "cell_member")
    for name in ("sibling_secretary", "outsider", "cell_member", "overseer"):
        other = login(world.user(name))
        assert other.get(reverse("accounts:locked_logins")).context["roles"] == []
        response = other.post(reverse("accounts:unlock_login", kwargs={"uid": role.uid}))
        assert response.status_code == 404, name
    assert AccessAttempt.objects.filter(username="cell_member").exists()
    assert not AuditEvent.objects.filter(action="unlock_login").exists()


def test_it_lists_nothing_and_changes_nothing_when_nobody_is_locked(world, login):
    secretary = login(world.user("cell_secretary"))
    assert secretary.get(reverse("accounts:locked_logins")).context["roles"] == []
    role = _role(world, "cell_member")
    secretary.post(reverse("accounts:unlock_login", kwargs={"uid": role.uid}))
    assert not AuditEvent.objects.filter(action="unlock_login").exists()


def test_it_unlocks_by_post_only(world, login):
    role = _role(world, "cell_member")
    secretary = login(world.user("cell_secretary"))
    assert secretary.get(reverse("accounts:unlock_login", kwargs={"uid": role.uid})
                         ).status_code == 405
