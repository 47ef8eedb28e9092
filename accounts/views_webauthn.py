"""The passkey ceremonies: the plugin's JSON views, narrowed to a second factor.

Mounted by accounts/urls_webauthn.py in the ``otp_webauthn`` namespace (the plugin's template
tags reverse those names) and open at the door (``accounts.mfa.OPEN_URL_NAMES``):

- registration, for a logged-in user; the plugin itself refuses one who has a device and has
  not passed the second factor (a stolen password must not be enough to bring one's own
  passkey), like the app's enrolment page;
- authentication, for a logged-in user who has a passkey and has not passed the second
  factor yet. With passwordless login off and ``login_required`` first, no request without
  a password login reaches a ceremony.

A ceremony that verifies the session gives it a new key, as the code page does.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from accounts.passkeys import has_passkey


class AlreadyVerified(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = _("This session has passed the second factor already.")
    default_code = "already_verified"


class NoPasskey(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_detail = _("You have no passkey. Use your authenticator app or a recovery code.")
    default_code = "no_passkey"


class _SecondFactorOnly:
    """Authentication only for a logged-in user with a passkey who has not passed the second
    factor yet (``check_can_authenticate`` runs before both steps)."""

    request: Any

    def check_can_authenticate(self) -> None:
        user = self.request.user
        if not user.is_authenticated:  # login_required answers first; never passwordless
            raise exceptions.PasswordlessLoginDisabled()
        if user.is_verified():
            raise AlreadyVerified()
        if not has_passkey(user):
            raise NoPasskey()


@method_decorator(login_required, name="dispatch")
class BeginRegistration(BeginCredentialRegistrationView):
    pass


@method_decorator(login_required, name="dispatch")
class CompleteRegistration(CompleteCredentialRegistrationView):
    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        # The plugin marks a session that had passed no second factor as verified by the new
        # passkey (a first enrolment at the door): then it gets a new session key too.
        verified_before = self.request.user.is_verified()
        response: HttpResponse = super().post(*args, **kwargs)
        if not verified_before and self.request.user.is_verified():
            self.request.session.cycle_key()
        return response


@method_decorator(login_required, name="dispatch")
class BeginAuthentication(_SecondFactorOnly,
                          BeginCredentialAuthenticationView):
    pass


@method_decorator(login_required, name="dispatch")
class CompleteAuthentication(_SecondFactorOnly,
                             CompleteCredentialAuthenticationView):
    def complete_auth(self, device: Any) -> None:
        # The plugin checked that the passkey is the logged-in user's and calls django_otp's
        # login, which OTPMiddleware reads on the next request.
        super().complete_auth(device)
        self.request.session.cycle_key()


#: The plugin's script texts (its JavaScript calls gettext), for logged-in pages only.
javascript_catalog = login_required(JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]))
