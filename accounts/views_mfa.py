"""The second-factor pages: giving a code (or using a passkey) after the password, and
enrolling an app (or a passkey: accounts/views_passkeys.py).

Both are open to a logged-in user who has not passed the second factor yet (see
``accounts.mfa.OPEN_URL_NAMES``); nothing else is.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device

from accounts import mfa
from accounts.forms_mfa import CodeForm
from accounts.passkeys import has_passkey
from nucleus.web import add_action_errors, bound, safe_next


def _next(request: HttpRequest) -> str:
    return safe_next(request, reverse("accounts:home"))


def _with_next(name: str, target: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse(name)}?{urlencode({'next': target})}"


def _pass(request: HttpRequest, device: Device) -> None:
    otp_login(request, device)
    # The session now carries more than a password's worth: a new key, so that a key seen
    # before (fixation) is worth nothing.
    request.session.cycle_key()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    target = _next(request)
    if mfa.passed_second_factor(user):
        return redirect(target)
    if not user_has_device(user, confirmed=True):
        if mfa.requires_second_factor(user):
            return redirect(_with_next("accounts:mfa_enrol", target))
        return redirect(target)
    form = CodeForm(bound(request))
    if form.is_valid():
        result = mfa.verify_code(user, form.cleaned_data["code"])
        if result.device is not None:
            _pass(request, result.device)
            if result.recovery_codes_left is not None:
                messages.warning(request, _(
                    "You used a recovery code; %(left)d are left. Each works once.") % {
                    "left": result.recovery_codes_left})
            return redirect(target)
        form.add_error("code", _("Too many wrong codes: wait a minute before the next try.")
                       if result.throttled else _("That code is not valid."))
    return render(request, "accounts/mfa/verify.html", {
        "form": form, "next": target, "has_passkey": has_passkey(user),
        "has_totp": mfa.has_totp_device(user)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app. Replacing an app needs a session that passed the
    second factor: a stolen password must not be enough to bring one's own app."""
    user = request.user
    target = _next(request)
    replacing = mfa.has_totp_device(user)
    if user_has_device(user, confirmed=True) and not mfa.passed_second_factor(user):
        return redirect(_with_next("accounts:mfa_verify", target))
    key = mfa.pending_key(request)
    form = CodeForm(bound(request))
    if form.is_valid():
        try:
            device, codes = mfa.do_enrol_totp(acting_user=user, key=key,
                                              code=form.cleaned_data["code"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            del request.session[mfa.PENDING_KEY]
            _pass(request, device)
            # Shown on this answer only: the codes are not kept anywhere they could be read
            # back from (a reload asks to resubmit, and a new enrolment makes new ones).
            return render(request, "accounts/mfa/recovery_codes.html",
                          {"codes": codes, "next": target})
    url = mfa.config_url(user, key)
    return render(request, "accounts/mfa/enrol.html", {
        "form": form, "next": target, "replacing": replacing,
        "qr": mark_safe(mfa.qr_svg(url)),  # noqa: S308  # drawn by segno from our own data
        "secret": mfa.secret_text(key), "required": mfa.requires_second_factor(user)})
