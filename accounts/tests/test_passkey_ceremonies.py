"""The passkey ceremonies (accounts/views_webauthn.py): open at the door, for a password login
only (never passwordless), registration as strict as the app's enrolment, authentication only
for a user with a passkey who has not passed the second factor. The full ceremonies with a
real authenticator: tests/test_browser_passkeys.py."""

import pytest
from django.conf import settings
from django.urls import reverse
from webauthn.helpers import bytes_to_base64url

from accounts.mfa import OPEN_URL_NAMES, _is_open
from accounts.tests.second_factor import confirmed_device, passkey

pytestmark = pytest.mark.django_db

CEREMONIES = ["otp_webauthn:credential-registration-begin",
              "otp_webauthn:credential-registration-complete",
              "otp_webauthn:credential-authentication-begin",
              "otp_webauthn:credential-authentication-complete"]
REGISTER = reverse("otp_webauthn:credential-registration-begin")
BEGIN = reverse("otp_webauthn:credential-authentication-begin")
COMPLETE = reverse("otp_webauthn:credential-authentication-complete")
CATALOG = reverse("otp_webauthn:js-i18n-catalog")


def _password_only(client, user):
    client.force_login(user)
    return client


def _post(client, url):
    return client.post(url, "{}", content_type="application/json")


def test_it_opens_the_ceremonies_at_the_door_and_not_the_passkeys_page(world, client):
    assert {*CEREMONIES, "otp_webauthn:js-i18n-catalog"} <= OPEN_URL_NAMES
    assert all(_is_open(reverse(name)) for name in CEREMONIES)
    for name in ("accounts:passkeys", "accounts:passkey_name", "accounts:passkey_remove"):
        assert not _is_open(reverse(name)), name
    client = _password_only(client, world.user("cell_secretary"))
    response = client.get(reverse("accounts:passkeys"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    assert client.get(CATALOG).status_code == 200


def test_it_sends_anonymous_users_to_log_in_and_has_no_passwordless_login(world, client):
    for name in CEREMONIES:
        response = _post(client, reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
    assert client.get(CATALOG).status_code == 302
    assert settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is False
    assert not any("webauthn" in backend.lower() for backend in settings.AUTHENTICATION_BACKENDS)


def test_it_lets_a_user_without_a_device_begin_a_passkey_at_the_door(world, client):
    user = world.user("cell_secretary")
    user.first_name, user.last_name = "Legal", "Name"
    user.save()
    response = _post(_password_only(client, user), REGISTER)
    assert response.status_code == 200
    options = response.json()
    assert options["rp"] == {"id": "localhost", "name": "Nucleus"}
    # The authenticator is told the login name only, and asked to keep nothing it need not.
    assert options["user"]["name"] == options["user"]["displayName"] == "cell_secretary"
    assert options["authenticatorSelection"]["residentKey"] == "discouraged"


def test_it_refuses_a_passkey_to_an_enrolled_user_who_has_not_verified(world, client):
    user = world.user("cell_secretary")
    confirmed_device(user)
    response = _post(_password_only(client, user), REGISTER)
    assert response.status_code == 403 and response.json()["code"] == "user_not_verified"


def test_it_begins_a_passkey_verification_at_the_door(world, client):
    user = world.user("cell_secretary")
    device = passkey(user)
    response = _post(_password_only(client, user), BEGIN)
    assert response.status_code == 200
    # The browser is asked to sign with the user's own passkey.
    assert [item["id"] for item in response.json()["allowCredentials"]] == [
        bytes_to_base64url(bytes(device.credential_id))]


def test_it_refuses_a_passkey_verification_to_a_user_without_a_passkey(world, client):
    user = world.user("cell_secretary")
    confirmed_device(user)  # an app, no passkey
    client = _password_only(client, user)
    for url in (BEGIN, COMPLETE):
        response = _post(client, url)
        assert response.status_code == 403 and response.json()["code"] == "no_passkey", url
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_refuses_a_passkey_verification_to_a_verified_session(world, login):
    user = world.user("cell_secretary")
    passkey(user)
    response = _post(login(user), BEGIN)
    assert response.status_code == 403 and response.json()["code"] == "already_verified"
