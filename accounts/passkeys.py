"""Passkeys (WebAuthn, django-otp-webauthn) as a second factor after the password.

A passkey is a django-otp device like the authenticator app: ``OTPMiddleware`` accepts a
session it verified, and ``accounts.mfa.must_verify`` counts it, so a user with one is held
at the door until they use it (or the app, or a recovery code). It is never a first factor:
passwordless login is off in the settings, and the ceremony views (accounts/views_webauthn.py)
need a logged-in user. The plugin's credential table is per user, like the TOTP devices: no
unit anchor, so the database wall (access/dbwall.py) leaves it alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers.structs import ResidentKeyRequirement

from accounts.mfa import new_recovery_codes, requires_second_factor
from audit.log import record

#: django-otp's ``Device.name``.
NAME_MAX_LENGTH = 64


def relying_party_id(request: HttpRequest) -> str:
    """The RP ID for the address the page was opened on (OTP_WEBAUTHN_RP_ID_CALLABLE): an
    onion address is its own (nucleus/env_webauthn.py), every other one the install's."""
    host, _port = split_domain_port(request.get_host())
    return str(settings.NUCLEUS_WEBAUTHN_RP_IDS.get(host, settings.NUCLEUS_WEBAUTHN_RP_ID))


class PasskeyHelper(WebAuthnHelper):
    """The plugin's WebAuthn helper (OTP_WEBAUTHN_HELPER_CLASS), told less about the user and
    asked to store less on the authenticator."""

    def get_credential_display_name(self, user: Any) -> str:
        # The authenticator keeps this (and a phone may sync it to a cloud account): the
        # login name only, never the first and last names.
        return str(user.get_username())

    def get_discoverable_credentials_preference(self) -> Any:
        # A second factor only: the server names the user's credentials after the password,
        # so nothing needs to be kept on the authenticator, and a seized security key holds
        # no list of accounts. (Phones keep a passkey anyway.)
        return ResidentKeyRequirement.DISCOURAGED

    def create_credential(self, user: Any, *args: Any, **kwargs: Any) -> WebAuthnCredential:
        device = super().create_credential(user, *args, **kwargs)
        device.name = _("Passkey")  # until the user names it (accounts/views_passkeys.py)
        return device

    def register_complete(self, user: Any, state: dict[str, Any],
                          data: dict[str, Any]) -> WebAuthnCredential:
        with transaction.atomic():
            device = super().register_complete(user=user, state=state, data=data)
            record(actor=user, action="add_passkey", obj=user)
        return device


def passkeys_of(user: Any) -> Any:
    """The user's passkeys, newest first (a queryset of WebAuthnCredential)."""
    return WebAuthnCredential.objects.filter(user=user).order_by("-created_at", "-pk")


def has_passkey(user: Any) -> bool:
    return bool(WebAuthnCredential.objects.filter(user=user, confirmed=True).exists())


def own_passkey(user: Any, pk: int | None) -> WebAuthnCredential | None:
    """One of the user's own passkeys; another user's, like a missing one, is None."""
    return passkeys_of(user).filter(pk=pk).first() if pk is not None else None


def do_name_passkey(*, acting_user: Any, device: WebAuthnCredential, name: str) -> None:
    """A label on the user's list; not audited (it changes what the passkey can do in no way).
    An empty name keeps the one it has."""
    if name:
        device.name = name[:NAME_MAX_LENGTH]
        device.save(update_fields=["name"])


def do_first_recovery_codes(*, acting_user: Any) -> list[str] | None:
    """Recovery codes for a user who has none yet (a passkey instead of an app, which would
    have made them): returned to be shown once. None when the user has some."""
    with transaction.atomic():
        if StaticDevice.objects.filter(user=acting_user).exists():
            return None
        codes = new_recovery_codes(acting_user)
        record(actor=acting_user, action="new_recovery_codes", obj=acting_user)
    return codes


def _other_factors(user: Any, device: WebAuthnCredential) -> list[Device]:
    """The user's confirmed apps and passkeys but ``device`` (recovery codes do not count)."""
    return [other for other in devices_for_user(user, confirmed=True)
            if isinstance(other, (TOTPDevice, WebAuthnCredential))
            and other.persistent_id != device.persistent_id]


def do_remove_passkey(*, acting_user: Any, device: WebAuthnCredential) -> list[Device]:
    """Remove one of the user's own passkeys; returns the apps and passkeys they still have.

    The last one of a user who must pass the second factor stays: without it, a stolen
    password would be enough to enrol a new one. The last one of a user who set it up of
    their own accord takes the recovery codes with it: they would hold the user at the door
    with nothing but single-use codes."""
    others = _other_factors(acting_user, device)
    if not others and requires_second_factor(acting_user):
        raise ValidationError(_("This is your last passkey, and your role needs a second "
                                "factor. Set up an authenticator app or another passkey "
                                "before you remove it."))
    with transaction.atomic():
        record(actor=acting_user, action="remove_passkey", obj=acting_user)
        device.delete()
        if not others:
            StaticDevice.objects.filter(user=acting_user).delete()
    return others
