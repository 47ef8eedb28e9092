import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.models import Role
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("access:role_revoke", kwargs={"uid": uid})


def _member_role(world) -> Role:
    return world.user("cell_member").roles.get()


def test_it_requires_login(world, login):
    response = login(None).post(_url(_member_role(world).uid))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Role.objects.filter(pk=_member_role(world).pk).exists()


def test_it_refuses_get(world, login):
    role = _member_role(world)
    assert login(world.user("cell_secretary")).get(_url(role.uid)).status_code == 405
    assert Role.objects.filter(pk=role.pk).exists()


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "overseer", "outsider"])
def test_it_answers_404_to_who_is_not_a_secretary_there(world, login, name):
    role = world.user("cell_secretary").roles.get()
    assert login(world.user(name)).post(_url(role.uid)).status_code == 404
    assert Role.objects.filter(pk=role.pk).exists()


def test_it_revokes_and_records_it(world, login):
    role = _member_role(world)
    response = login(world.user("cell_secretary")).post(_url(role.uid))
    assert response.status_code == 302
    assert response["Location"] == reverse("access:role_grant",
                                           kwargs={"uid": world.units["cell_a"].uid})
    # The role ends today and stays as history: no longer in force, still answerable.
    role.refresh_from_db()
    assert role.until == timezone.localdate()
    assert not Role.objects.active().filter(pk=role.pk).exists()
    assert Role.objects.active(timezone.localdate() - datetime.timedelta(days=1)).filter(
        pk=role.pk).exists() == (role.since is None or role.since < timezone.localdate())
    event = AuditEvent.objects.get(model="access.Role", object_id=role.pk, action="update",
                                   fields=["until"])
    assert event.actor == world.user("cell_secretary")
    assert event.changes == {"until": [None, timezone.localdate().isoformat()]}


def test_it_returns_to_a_same_site_next_page(world, login):
    role = _member_role(world)
    response = login(world.user("cell_secretary")).post(_url(role.uid), {"next": "/units/1/"})
    assert response["Location"] == "/units/1/"


def test_it_ignores_a_next_page_on_another_site(world, login):
    role = _member_role(world)
    response = login(world.user("cell_secretary")).post(
        _url(role.uid), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("access:role_grant",
                                           kwargs={"uid": world.units["cell_a"].uid})


def test_it_refuses_to_revoke_ones_own_role(world, login):
    role = world.user("cell_secretary").roles.get()
    response = login(world.user("cell_secretary")).post(_url(role.uid), follow=True)
    assert "You cannot revoke your own role: ask another secretary." in (
        response.content.decode())
    assert Role.objects.filter(pk=role.pk).exists()
