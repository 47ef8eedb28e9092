"""The second factor: who needs it, enrolment, verification, and the middleware that holds
everyone who needs it at the door until the code is given.

A user holding a role in force with oversight or identity access must pass a TOTP code, a
passkey (accounts/passkeys.py) or a recovery code after the password before any other page;
so must anyone who enrolled a device of their own accord, or the device would protect
nothing. The device that verified the session is kept in it by django-otp
(``OTPMiddleware``). API requests authenticated by a token are another credential and pass;
an API request riding on a session that has not passed the second factor is treated as
anonymous.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import segno
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from access.scope import scope_for
from audit.log import record

RECOVERY_CODE_COUNT = 10
#: Where a user who has not passed the second factor may still go. The password change is
#: open too: after a reset it is the only page accounts.passwords lets through, and closing
#: it here would send the user back and forth between the two.
#: The passkey ceremonies (accounts/views_webauthn.py) are open too, for the code and
#: enrolment pages that call them: each checks for itself who may use it (registration: a
#: logged-in user without a device, or one who passed the second factor; authentication: a
#: logged-in user with a passkey who has not passed it).
OPEN_URL_NAMES = frozenset({"login", "logout", "set_language", "healthz",
                            "accounts:mfa_verify", "accounts:mfa_enrol",
                            "accounts:password_change",
                            "otp_webauthn:credential-registration-begin",
                            "otp_webauthn:credential-registration-complete",
                            "otp_webauthn:credential-authentication-begin",
                            "otp_webauthn:credential-authentication-complete",
                            "otp_webauthn:js-i18n-catalog"})
#: nucleus/urls.py mounts the REST API here.
API_PREFIX = "/api/"
#: The session key holding the secret of an enrolment not yet confirmed.
PENDING_KEY = "nucleus_mfa_pending_key"


def requires_second_factor(user: Any) -> bool:
    """Whether a role in force today (the access layer's scope) has oversight or identity
    access: such a login opens many people's records, or their names."""
    return any(grant.oversight or grant.identity for grant in scope_for(user).grants)


def passed_second_factor(user: Any) -> bool:
    """Whether ``OTPMiddleware`` found, in this session, the device that verified it."""
    return getattr(user, "otp_device", None) is not None


def must_verify(user: Any) -> bool:
    return bool(user.is_authenticated) and (
        requires_second_factor(user) or user_has_device(user, confirmed=True))


def has_totp_device(user: Any) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


# --- enrolment ---

def pending_key(request: HttpRequest) -> str:
    """The secret shown on the enrolment page, kept in the session until confirmed (no
    device row exists before the user proves their app has it)."""
    key = request.session.get(PENDING_KEY)
    if not isinstance(key, str):
        key = default_key()
        request.session[PENDING_KEY] = key
    return key


def config_url(user: Any, key: str) -> str:
    return str(TOTPDevice(user=user, key=key, name=_device_name()).config_url)


def secret_text(key: str) -> str:
    """The secret as an authenticator app asks for it when typed: base32 in groups of 4."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_svg(data: str) -> str:
    """The QR code as inline SVG, drawn here (segno): no image request, no other host.
    Colours are SVG attributes, which the Content-Security-Policy allows."""
    return str(segno.make(data, error="m").svg_inline(scale=5, border=4, dark="#000",
                                                      light="#fff"))


def _device_name() -> str:
    return _("Authenticator app")


def new_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes; called inside an audited action."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def do_enrol_totp(*, acting_user: Any, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app holding ``key`` by one of its codes: it replaces any
    earlier app, and new recovery codes replace the old ones (returned to be shown once)."""
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=acting_user, key=key, name=_device_name(),
                                           confirmed=False)
        if not device.verify_token(_digits(code)):
            raise ValidationError({"code": _("That code is not the one your app shows now. "
                                             "Check the app's clock and try again.")})
        TOTPDevice.objects.filter(user=acting_user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(acting_user)
        record(actor=acting_user, action="enrol_second_factor", obj=acting_user)
    return device, codes


# --- verification ---

@dataclass(frozen=True)
class Verified:
    device: Device | None
    #: Every device refused to check: too many wrong codes in a row (django-otp throttling).
    throttled: bool = False
    recovery_codes_left: int | None = None


def _digits(code: str) -> str:
    return "".join(code.split())


def verify_code(user: Any, code: str) -> Verified:
    """Check ``code`` against the user's app, then against their recovery codes (a recovery
    code works once). Wrong codes are counted and slow the next try (django-otp throttling),
    so the transaction commits whatever the outcome. Passkeys take no code."""
    code = _digits(code).lower()
    with transaction.atomic():
        devices = [device for device in devices_for_user(user, confirmed=True, for_verify=True)
                   if isinstance(device, (TOTPDevice, StaticDevice))]
        throttled = bool(devices)
        for device in devices:
            allowed, _info = device.verify_is_allowed()
            if not allowed:
                continue
            throttled = False
            if isinstance(device, TOTPDevice) and not code.isdigit():
                continue
            if device.verify_token(code):
                return _verified(user, device)
    return Verified(None, throttled=throttled)


def _verified(user: Any, device: Device) -> Verified:
    if not isinstance(device, StaticDevice):
        return Verified(device)
    record(actor=user, action="use_recovery_code", obj=user)
    return Verified(device, recovery_codes_left=device.token_set.count())


# --- the door ---

def _is_open(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in OPEN_URL_NAMES


class SecondFactorMiddleware:
    """After ``OTPMiddleware``: a user who must pass the second factor and has not is sent
    to the code page (which sends one without a device to enrolment), whatever page they
    asked for."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not passed_second_factor(user) and must_verify(user):
            if request.path_info.startswith(API_PREFIX):
                # Not logged out: the session may still pass the second factor on a page.
                request.user = AnonymousUser()
            elif not _is_open(request.path_info):
                return redirect_to_login(request.get_full_path(),
                                         reverse("accounts:mfa_verify"))
        return self.get_response(request)
