"""Setting up an authenticator app: a QR code drawn by the app itself, the key as text, and
recovery codes shown once."""

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.mfa import PENDING_KEY
from accounts.tests.second_factor import current_code
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _enrolling(client, user):
    client.force_login(user)
    page = client.get(reverse("accounts:mfa_enrol") + "?next=/organizations/")
    return client, page, client.session[PENDING_KEY]


def test_it_draws_the_qr_code_as_inline_svg_with_no_outside_address(world, client):
    _client, page, key = _enrolling(client, world.user("cell_secretary"))
    body = page.content.decode()
    assert page.status_code == 200
    svg = re.search(r"<svg [^>]*class=\"segno\"[^>]*>.*?</svg>", body, re.S)
    assert svg and "<path " in svg.group(0) and 'stroke="#000"' in svg.group(0)
    assert "<img" not in body and "<script" not in body.split("</head>")[1]
    # Every address on the page is this site's own.
    addresses = re.findall(r"(?:src|href|action)=\"([^\"]*)\"", body)
    assert addresses and all(a.startswith("/") for a in addresses), addresses
    assert "http://" not in body and "https://" not in body
    # The key as text, in base32 groups an app accepts.
    from base64 import b32encode

    assert " ".join(re.findall(".{1,4}", b32encode(bytes.fromhex(key)).decode())) in body
    assert not TOTPDevice.objects.filter(user=world.user("cell_secretary")).exists()


def test_it_confirms_the_app_and_shows_recovery_codes_once(world, client):
    user = world.user("cell_secretary")
    client, _page, key = _enrolling(client, user)
    response = client.post(reverse("accounts:mfa_enrol"),
                           {"code": current_code(key), "next": "/organizations/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
               ) == set(codes)
    assert TOTPDevice.objects.get(user=user, confirmed=True).key == key
    assert AuditEvent.objects.filter(action="enrol_second_factor", object_id=user.pk).exists()
    # The session has passed the second factor; the codes are not shown again.
    assert client.get("/organizations/").status_code == 200
    assert PENDING_KEY not in client.session
    again = client.get(reverse("accounts:mfa_enrol"))
    assert not any(c in again.content.decode() for c in codes)


def test_it_refuses_a_wrong_code_and_creates_nothing(world, client):
    user = world.user("cell_secretary")
    client, _page, key = _enrolling(client, user)
    wrong = f"{(int(current_code(key)) + 1) % 1000000:06d}"
    response = client.post(reverse("accounts:mfa_enrol"), {"code": wrong})
    assert response.status_code == 200 and "not the one your app shows" in (
        response.content.decode())
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(reverse("accounts:home")).status_code == 302


def test_it_lets_no_one_replace_an_app_with_the_password_alone(world, client):
    user = world.user("cell_secretary")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.get(reverse("accounts:mfa_enrol"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    response = client.post(reverse("accounts:mfa_enrol"), {"code": "123456"})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_it_replaces_the_app_of_a_verified_session(world, login):
    user = world.user("cell_secretary")
    client = login(user)  # passed the second factor with the test device
    old = TOTPDevice.objects.get(user=user)
    client.get(reverse("accounts:mfa_enrol"))
    key = client.session[PENDING_KEY]
    client.post(reverse("accounts:mfa_enrol"), {"code": current_code(key)})
    assert list(TOTPDevice.objects.filter(user=user).values_list("key", flat=True)) == [key]
    assert old.key != key


def test_it_offers_a_passkey_instead_of_the_app_to_javascript(world, client):
    _client, page, _key = _enrolling(client, world.user("cell_secretary"))
    head, body = page.content.decode().split("</head>")
    assert static("django_otp_webauthn/otp_webauthn_register.js") in head
    assert static("accounts/passkeys.js") in head
    without_templates = re.sub(r"<template\b.*?</template>", "", body, flags=re.S)
    assert 'id="passkey-register-button"' in body
    assert 'id="passkey-register-button"' not in without_templates  # JavaScript only
    # Once made, the passkey is named and the user goes where the enrolment would have.
    assert 'name="next" value="/organizations/"' in body and 'name="added"' in body
