"""Unfreezing an account: a new password set by a secretary, the suspended roles back."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from access.models import Role
from accounts.models import User
from audit.models import AuditEvent
from safety.models import Freeze
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "quiet river under stone"


def _url(freeze: Freeze) -> str:
    return reverse("safety:unfreeze", kwargs={"uid": freeze.uid})


@pytest.fixture
def frozen(world, login, arrested) -> Freeze:
    login(world.user("cell_secretary")).post(
        reverse("safety:freeze", kwargs={"uid": arrested.role_a.uid}), {"reason": "Arrested."})
    return Freeze.objects.get()


def _unfreeze(client, freeze: Freeze, first: str = NEW_PASSWORD, second: str = NEW_PASSWORD):
    return client.post(_url(freeze), {"new_password1": first, "new_password2": second})


def _roles(user: User) -> set[tuple[int, str, bool, bool]]:
    return {(r.unit_id, r.kind, r.oversight, r.identity_access)
            for r in Role.objects.active().filter(user=user)}


def test_it_gives_the_suspended_roles_back(world, login, arrested, frozen):
    before = {(arrested.role_a.unit_id, "member", False, True),
              (arrested.role_b.unit_id, "organizer", False, True)}
    assert _roles(arrested.user) == set()
    response = _unfreeze(login(world.user("cell_secretary")), frozen)
    assert response.status_code == 302
    assert _roles(arrested.user) == before
    # New roles from today; the ended ones stay as history.
    assert Role.objects.filter(user=arrested.user).count() == 4
    frozen.refresh_from_db()
    assert not frozen.in_force and frozen.unfrozen_by == world.user("cell_secretary")


def test_it_lets_the_account_log_in_with_the_new_password_only(world, login, arrested,
                                                                frozen):
    _unfreeze(login(world.user("cell_secretary")), frozen)
    user = User.objects.get(pk=arrested.user.pk)
    assert user.is_active and user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    # The secretary knows it: the member must pick their own at the next login.
    assert user.must_change_password
    client = Client()
    client.post(reverse("login"), {"username": "arrested", "password": NEW_PASSWORD})
    assert client.session.get(SESSION_KEY) == str(user.pk)


def test_it_records_the_unfreeze(world, login, frozen):
    _unfreeze(login(world.user("cell_secretary")), frozen)
    event = AuditEvent.objects.get(action=AuditEvent.Action.UNFREEZE)
    assert event.actor == world.user("cell_secretary")
    assert event.object_id == frozen.user_id


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "overseer",
                                  "committee_member", "coalition_office", "outsider"])
def test_it_answers_404_outside_the_freezing_secretarys_scope(world, login, arrested, frozen,
                                                              name):
    client = login(world.user(name))
    assert client.get(_url(frozen)).status_code == 404
    assert _unfreeze(client, frozen).status_code == 404
    assert Freeze.objects.get().in_force
    assert _roles(arrested.user) == set()


@pytest.mark.parametrize(("first", "second"), [(NEW_PASSWORD, "something else entirely"),
                                               ("arrested", "arrested"), ("", "")])
def test_it_changes_nothing_on_a_bad_password(world, login, arrested, frozen, first, second):
    response = _unfreeze(login(world.user("cell_secretary")), frozen, first, second)
    assert response.status_code == 200
    assert Freeze.objects.get().in_force
    assert _roles(arrested.user) == set()
    assert not User.objects.get(pk=arrested.user.pk).is_active
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UNFREEZE).exists()


def test_it_refuses_a_second_unfreeze(world, login, arrested, frozen):
    client = login(world.user("cell_secretary"))
    _unfreeze(client, frozen)
    response = _unfreeze(client, frozen, "another long passphrase", "another long passphrase")
    assert response.status_code == 200
    assert "This account is no longer frozen." in response.content.decode()
    assert Role.objects.filter(user=arrested.user).count() == 4
    assert User.objects.get(pk=arrested.user.pk).check_password(NEW_PASSWORD)
