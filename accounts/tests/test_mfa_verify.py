"""The second factor after the password, for every role with oversight or identity access.

Regression for issue #9: there was no second factor."""

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.mfa import new_recovery_codes
from accounts.tests.second_factor import current_code, passkey
from audit.models import AuditEvent
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db

HOME = "/"


def _password_only(client, user):
    """Logged in by password alone, as the login page leaves a session."""
    client.force_login(user)
    return client


def _device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.mark.parametrize("name", ["cell_secretary", "overseer", "sibling_secretary"])
def test_it_holds_a_user_with_identity_or_oversight_at_the_door(world, client, name):
    client = _password_only(client, world.user(name))
    for url in (reverse("accounts:home"), reverse("organizations:organization_list"),
                reverse("people:person_detail", kwargs={"uid": world.people["alias-cella-1"].uid})):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:mfa_verify") + "?next="), url
    # Without a device the code page sends them to set one up.
    response = client.get(reverse("accounts:mfa_verify") + "?next=/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_enrol"))


def test_it_lets_a_user_without_such_a_role_in_with_the_password(world, client):
    client = _password_only(client, world.user("cell_member"))
    assert client.get(reverse("accounts:home")).status_code == 200


def test_it_lets_the_user_in_with_the_apps_current_code(world, client):
    user = world.user("cell_secretary")
    device = _device(user)
    client = _password_only(client, user)
    page = client.get(reverse("accounts:mfa_verify") + "?next=/organizations/")
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    response = client.post(reverse("accounts:mfa_verify"),
                           {"code": current_code(device.key), "next": "/organizations/"})
    assert response.status_code == 302 and response["Location"] == "/organizations/"
    assert client.get(reverse("accounts:home")).status_code == 200


def test_it_refuses_a_wrong_code_and_slows_the_next(world, client):
    user = world.user("cell_secretary")
    device = _device(user)
    client = _password_only(client, user)
    wrong = f"{(int(current_code(device.key)) + 1) % 1000000:06d}"
    response = client.post(reverse("accounts:mfa_verify"), {"code": wrong})
    assert response.status_code == 200
    assert "That code is not valid." in response.content.decode()
    # django-otp throttling: right after a failure even the right code must wait.
    response = client.post(reverse("accounts:mfa_verify"), {"code": current_code(device.key)})
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_takes_a_recovery_code_once(world, client):
    user = world.user("cell_secretary")
    _device(user)
    codes = new_recovery_codes(user)
    client = _password_only(client, user)
    response = client.post(reverse("accounts:mfa_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200
    assert AuditEvent.objects.filter(action="use_recovery_code", object_id=user.pk).exists()
    client.cookies.clear()
    client = _password_only(client, user)
    response = client.post(reverse("accounts:mfa_verify"), {"code": codes[0]})
    assert "That code is not valid." in response.content.decode()
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_sends_the_login_page_on_to_the_code_page(world, client):
    response = client.post(reverse("login"), {"username": "cell_secretary",
                                              "password": PASSWORD, "next": "/organizations/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa_verify") + "?next=%2Forganizations%2F"


def test_it_treats_an_api_request_on_an_unverified_session_as_anonymous(world, client):
    user = world.user("cell_secretary")
    device = _device(user)
    client = _password_only(client, user)
    assert client.get("/api/people/").status_code in (401, 403)
    client.post(reverse("accounts:mfa_verify"), {"code": current_code(device.key)})
    assert client.get("/api/people/").status_code == 200


def test_it_asks_for_the_code_of_a_user_who_enrolled_without_needing_to(world, client):
    user = world.user("cell_member")
    _device(user)
    client = _password_only(client, user)
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_gives_a_new_session_key_after_the_code(world, client):
    user = world.user("cell_secretary")
    device = _device(user)
    client = _password_only(client, user)
    before = client.session.session_key
    client.post(reverse("accounts:mfa_verify"), {"code": current_code(device.key)})
    assert client.session.session_key != before


def test_it_offers_a_users_passkey_to_javascript_beside_the_code_form(world, client):
    user = world.user("cell_secretary")
    passkey(user)
    page = _password_only(client, user).get(reverse("accounts:mfa_verify") + "?next=/")
    head, body = page.content.decode().split("</head>")
    assert static("django_otp_webauthn/otp_webauthn_auth.js") in head
    # After the passkey the script goes to the code form's "next", not the language form's.
    assert "main input[name='next']" in head
    assert 'id="passkey-verification-button"' in body
    without_templates = re.sub(r"<template\b.*?</template>", "", body, flags=re.S)
    assert 'id="passkey-verification-button"' not in without_templates  # JavaScript only
    assert 'name="code"' in body  # the recovery codes stay


def test_it_offers_no_passkey_to_a_user_without_one(world, client):
    user = world.user("cell_secretary")
    _device(user)
    body = _password_only(client, user).get(reverse("accounts:mfa_verify")).content.decode()
    assert "passkey-verification" not in body and "otp_webauthn" not in body


def test_it_takes_a_recovery_code_from_a_user_with_a_passkey_only(world, client):
    user = world.user("cell_secretary")
    passkey(user)
    client = _password_only(client, user)
    page = client.get(reverse("accounts:mfa_verify"))
    assert "Or enter one of your recovery codes." in page.content.decode()
    # A passkey takes no code: without recovery codes every code is simply wrong.
    response = client.post(reverse("accounts:mfa_verify"), {"code": "123456"})
    assert "That code is not valid." in response.content.decode()
    codes = new_recovery_codes(user)
    response = client.post(reverse("accounts:mfa_verify"), {"code": codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200
