"""Freezing an account in one step: sessions, tokens, second factor and roles end at once."""

from __future__ import annotations

from uuid import uuid4

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from access.models import Role
from accounts.models import User
from accounts.tests.second_factor import passkey
from audit.models import AuditEvent
from safety.models import Freeze
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

REASON = "Arrested at the factory gate this morning."


def _url(role: Role) -> str:
    return reverse("safety:freeze", kwargs={"uid": role.uid})


def _sessions_of(user: User) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(
        user.pk))


def _freeze(world, login, arrested, **data):
    return login(world.user("cell_secretary")).post(_url(arrested.role_a),
                                                    {"reason": REASON, **data})


def test_it_requires_login(world, login, arrested):
    response = login(None).get(_url(arrested.role_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "overseer",
                                  "committee_member", "coalition_office", "outsider"])
def test_it_answers_404_to_who_may_not_freeze(world, login, arrested, name):
    client = login(world.user(name))
    # Cell B's secretary may freeze through the Cell B role, never through the Cell A one.
    assert client.get(_url(arrested.role_a)).status_code == 404
    assert client.post(_url(arrested.role_a), {"reason": REASON}).status_code == 404
    assert not Freeze.objects.exists()
    assert Role.objects.active().filter(user=arrested.user).count() == 2
    assert arrested.client.get(reverse("accounts:home")).status_code == 200


def test_it_answers_a_missing_role_like_one_outside(world, login, arrested):
    # The page must not tell that an account exists: a role outside answers as none at all.
    client = login(world.user("sibling_secretary"))
    outside = client.get(_url(arrested.role_a))
    missing = client.get(reverse("safety:freeze", kwargs={"uid": uuid4()}))
    assert outside.status_code == missing.status_code == 404
    assert "arrested" not in outside.content.decode()


def test_it_shows_a_confirm_page(world, login, arrested):
    response = login(world.user("cell_secretary")).get(_url(arrested.role_a))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Freeze the account of arrested" in body
    assert 'name="reason"' in body
    assert not Freeze.objects.exists()


def test_it_ends_a_live_session(world, login, arrested):
    assert _sessions_of(arrested.user) == 1
    response = _freeze(world, login, arrested)
    freeze = Freeze.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("safety:freeze_report", kwargs={"uid": freeze.uid})
    assert _sessions_of(arrested.user) == 0
    assert freeze.sessions_ended == 1
    # The frozen user's next request is logged out.
    response = arrested.client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_ends_the_api_tokens(world, login, arrested):
    from accounts.models import ApiToken
    from accounts.tokens import do_create_token

    _token, key = do_create_token(acting_user=arrested.user, user=arrested.user)
    api = Client()
    assert api.get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    _freeze(world, login, arrested)
    assert Freeze.objects.get().tokens_ended == 1
    assert not ApiToken.objects.filter(user=arrested.user).exists()
    assert api.get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}").status_code in (401, 403)


def test_it_suspends_every_role_with_history(world, login, arrested):
    _freeze(world, login, arrested)
    freeze = Freeze.objects.get()
    # Both roles end, Cell B's too: the account is the person's, whatever unit froze it.
    assert set(freeze.suspended_roles.all()) == {arrested.role_a, arrested.role_b}
    assert not Role.objects.active().filter(user=arrested.user).exists()
    assert Role.objects.filter(user=arrested.user, until__isnull=False).count() == 2
    assert freeze.unit == world.units["cell_a"]
    assert freeze.frozen_by == world.user("cell_secretary")


def test_a_frozen_account_cannot_log_in(world, login, arrested):
    _freeze(world, login, arrested)
    user = User.objects.get(pk=arrested.user.pk)
    assert not user.is_active and not user.has_usable_password()
    client = Client()
    response = client.post(reverse("login"), {"username": "arrested", "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert response.status_code in (200, 403)
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_records_the_freeze(world, login, arrested):
    _freeze(world, login, arrested)
    freeze = Freeze.objects.get()
    secretary = world.user("cell_secretary")
    event = AuditEvent.objects.get(action=AuditEvent.Action.FREEZE)
    assert event.actor == secretary and event.object_id == arrested.user.pk
    assert event.detail["roles"] == 2 and event.detail["sessions"] == 1
    assert AuditEvent.objects.filter(action="create", model="safety.Freeze",
                                     object_id=freeze.pk, actor=secretary).exists()
    # The roles end through the access actions, each with its own audit row.
    assert AuditEvent.objects.filter(model="access.Role", action="update", fields=["until"],
                                     actor=secretary).count() == 2


def test_it_removes_the_second_factor(world, login, arrested):
    from django_otp import devices_for_user  # type: ignore[import-untyped]
    from django_otp.plugins.otp_static.models import StaticDevice  # type: ignore[import-untyped]
    from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

    # The fixture's session passed the second factor with an authenticator app.
    assert TOTPDevice.objects.filter(user=arrested.user).count() == 1
    StaticDevice.objects.create(user=arrested.user, name="recovery codes", confirmed=True)
    passkey(arrested.user)  # a passkey on the seized phone is a second factor too
    _freeze(world, login, arrested)
    assert list(devices_for_user(arrested.user, confirmed=None)) == []
    assert Freeze.objects.get().devices_removed == 3


@pytest.mark.parametrize("reason", ["", "   "])
def test_it_changes_nothing_without_a_reason(world, login, arrested, reason):
    response = _freeze(world, login, arrested, reason=reason)
    assert response.status_code == 200
    assert not Freeze.objects.exists()
    assert Role.objects.active().filter(user=arrested.user).count() == 2
    assert _sessions_of(arrested.user) == 1
    user = User.objects.get(pk=arrested.user.pk)
    assert user.is_active and user.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.FREEZE).exists()
    assert arrested.client.get(reverse("accounts:home")).status_code == 200


def test_it_refuses_to_freeze_ones_own_account(world, login):
    secretary = world.user("cell_secretary")
    role = secretary.roles.get()
    response = login(secretary).post(_url(role), {"reason": REASON})
    assert response.status_code == 200
    assert "You cannot freeze your own account" in response.content.decode()
    assert not Freeze.objects.exists()
    assert Role.objects.active().filter(pk=role.pk).exists()


def test_it_refuses_an_account_already_frozen(world, login, arrested):
    _freeze(world, login, arrested)
    response = login(world.user("sibling_secretary")).post(_url(arrested.role_b),
                                                           {"reason": REASON})
    assert response.status_code == 200
    assert "This account is already frozen." in response.content.decode()
    assert Freeze.objects.count() == 1


def test_the_role_list_links_to_the_freeze_page(world, login, arrested):
    page = login(world.user("cell_secretary")).get(
        reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid}))
    body = page.content.decode()
    assert _url(arrested.role_a) in body
    # Not for one's own role: another secretary freezes that account.
    assert _url(world.user("cell_secretary").roles.get()) not in body
