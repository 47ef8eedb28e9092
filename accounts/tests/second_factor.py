"""The one test helper for the second factor: a test client logged in with
``force_login`` skips the login page, so it is marked here as having passed the second
factor too, with a real confirmed device (the middleware checks that the device exists,
belongs to the user and is confirmed)."""

from __future__ import annotations

import os
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, made when they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test app", confirmed=True)


def pass_second_factor(client, user) -> None:
    """Mark the session of ``client`` (logged in as ``user``) as verified by a device."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
    session.save()


def passkey(user, name: str = "test key"):
    """A passkey row for ``user`` (no real key pair: for pages that list and remove them;
    tests/test_browser_passkeys.py makes real ones)."""
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.create(user=user, name=name, credential_id=os.urandom(16),
                                             public_key=b"not a key", aaguid="")


def current_code(key_hex: str, *, at: float | None = None) -> str:
    """The code an authenticator app holding the key (a device's ``key``) shows now."""
    totp = TOTP(bytes.fromhex(key_hex))
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"
