"""The passkeys page: the user lists, names and removes their own passkeys (adding one is the
browser's work: tests/test_browser_passkeys.py). Another user's passkey answers 404 like a
missing one; removals are audited; the last second factor of a user who needs one stays."""

import re

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts.mfa import new_recovery_codes
from accounts.tests.second_factor import passkey
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("accounts:passkeys")
NAME = reverse("accounts:passkey_name")
REMOVE = reverse("accounts:passkey_remove")


def _verified_by(client, user, device):
    """``client`` logged in as ``user``, its session verified by ``device`` (a passkey)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _outside_templates(html: str) -> str:
    return re.sub(r"<template\b.*?</template>", "", html, flags=re.S)


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302
    assert client.post(REMOVE, {"passkey": 1})["Location"].startswith(reverse("login"))


def test_it_lists_only_the_users_own_passkeys(world, login):
    user = world.user("cell_member")
    passkey(user, "work laptop")
    passkey(world.user("cell_secretary"), "someone else's key")
    page = login(user).get(URL)
    body = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "work laptop" in body and "someone else" not in body


def test_it_offers_adding_a_passkey_to_javascript_only(world, login):
    body = login(world.user("cell_member")).get(URL).content.decode()
    # The button lives in a template the plugin's script puts in place; without JavaScript
    # there is only the note that adding one needs it.
    assert 'id="passkey-register-button"' in body
    assert 'id="passkey-register-button"' not in _outside_templates(body)
    assert "<noscript>" in body
    # Scripts from this server only; the one without src is the plugin's settings as a JSON
    # data block, which the browser does not run (so the CSP needs no 'unsafe-inline').
    scripts = re.findall(r"<script\b[^>]*>", body)
    assert any(static("django_otp_webauthn/otp_webauthn_register.js") in tag for tag in scripts)
    assert all('src="/' in tag or 'type="application/json"' in tag for tag in scripts), scripts
    assert "http://" not in body and "https://" not in body


def test_it_names_a_passkey(world, login):
    user = world.user("cell_member")
    device = passkey(user)
    new_recovery_codes(user)  # as the app's enrolment left them
    response = login(user).post(NAME, {"passkey": device.pk, "name": "  phone  "})
    assert response.status_code == 302 and response["Location"] == URL
    device.refresh_from_db()
    assert device.name == "phone"
    assert not AuditEvent.objects.filter(action="new_recovery_codes").exists()


def test_it_shows_recovery_codes_once_after_a_first_passkey(world, client):
    user = world.user("cell_secretary")
    device = passkey(user)
    client = _verified_by(client, user, device)
    data = {"passkey": device.pk, "name": "phone", "added": "1", "next": "/organizations/"}
    response = client.post(NAME, data)
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and all(code in response.content.decode() for code in codes)
    assert 'href="/organizations/"' in response.content.decode()
    assert AuditEvent.objects.filter(action="new_recovery_codes", object_id=user.pk).exists()
    # The second time the codes are kept, and not shown.
    again = client.post(NAME, data)
    assert again.status_code == 302 and again["Location"] == "/organizations/"
    assert StaticDevice.objects.get(user=user).token_set.count() == 10


@pytest.mark.parametrize("url", [NAME, REMOVE])
def test_it_answers_404_for_another_users_passkey_or_a_missing_one(world, login, url):
    other = passkey(world.user("cell_secretary"), "theirs")
    client = login(world.user("cell_member"))
    for value in (other.pk, 987654321, "x", ""):
        assert client.post(url, {"passkey": value, "name": "mine"}).status_code == 404, value
    other.refresh_from_db()
    assert other.name == "theirs"


def test_it_removes_a_passkey_by_post_only_and_audits_it(world, login):
    user = world.user("cell_secretary")
    device = passkey(user)
    client = login(user)  # verified by the app the fixture gives
    assert client.get(REMOVE + f"?passkey={device.pk}").status_code == 405
    response = client.post(REMOVE, {"passkey": device.pk})
    assert response.status_code == 302 and response["Location"] == URL
    assert not WebAuthnCredential.objects.filter(pk=device.pk).exists()
    assert AuditEvent.objects.filter(action="remove_passkey", object_id=user.pk,
                                     actor=user).exists()


def test_it_refuses_a_removal_without_the_csrf_token(world):
    user = world.user("cell_member")
    device = passkey(user)
    client = _verified_by(Client(enforce_csrf_checks=True), user, device)
    assert client.post(REMOVE, {"passkey": device.pk}).status_code == 403
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()


def test_it_keeps_the_last_second_factor_of_a_user_who_needs_one(world, client):
    user = world.user("cell_secretary")
    device = passkey(user)
    new_recovery_codes(user)  # recovery codes alone are no second factor to keep
    client = _verified_by(client, user, device)
    response = client.post(REMOVE, {"passkey": device.pk}, follow=True)
    assert "This is your last passkey" in response.content.decode()
    assert WebAuthnCredential.objects.filter(pk=device.pk).exists()
    assert not AuditEvent.objects.filter(action="remove_passkey").exists()


def test_it_keeps_the_session_verified_when_its_passkey_is_removed(world, client):
    user = world.user("cell_secretary")
    app = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    device = passkey(user)
    client = _verified_by(client, user, device)
    client.post(REMOVE, {"passkey": device.pk})
    assert client.session[DEVICE_ID_SESSION_KEY] == app.persistent_id
    assert client.get(reverse("accounts:home")).status_code == 200


def test_it_takes_the_recovery_codes_with_the_last_passkey_of_a_user_who_needs_none(world,
                                                                                     client):
    user = world.user("cell_member")
    device = passkey(user)
    new_recovery_codes(user)
    client = _verified_by(client, user, device)
    client.post(REMOVE, {"passkey": device.pk})
    assert not StaticDevice.objects.filter(user=user).exists()
    # Back to the password alone, which is all this user's roles ask for.
    assert client.get(reverse("accounts:home")).status_code == 200
