"""The passkeys page: the user lists, adds, names and removes their own passkeys.

Only the user's own passkeys are ever loaded (``accounts.passkeys.own_passkey``): another
user's, like a missing one, answers 404. Adding one needs JavaScript (the browser's WebAuthn
API, through the plugin's script); naming and removing are plain forms that work without.
None of these pages is open at the door: a user with a passkey has passed the second factor
to get here, and a first passkey made at the door verified the session that names it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device

from accounts import passkeys
from accounts.forms_mfa import PasskeyNameForm
from accounts.mfa import requires_second_factor
from nucleus.web import safe_next


@never_cache
@login_required
@require_GET
def passkey_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(request, "accounts/passkeys.html", {
        "passkeys": passkeys.passkeys_of(user), "next": reverse("accounts:passkeys"),
        "required": requires_second_factor(user)})


@never_cache
@login_required
@require_POST
def passkey_name(request: HttpRequest) -> HttpResponse:
    """Name a passkey: right after adding it (the page's script posts the name typed before,
    with ``added``), or later from the list. A user without recovery codes (a first passkey,
    instead of an app) gets them here, shown in this answer only, as the app's enrolment
    does; also when the script could not name the new passkey and the list does it later."""
    user, device = request.user, _own(request)
    target = safe_next(request, reverse("accounts:passkeys"))
    form = PasskeyNameForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("name", ())))
        return redirect(target)
    passkeys.do_name_passkey(acting_user=user, device=device, name=form.cleaned_data["name"])
    codes = passkeys.do_first_recovery_codes(acting_user=user)
    if codes is not None:
        return render(request, "accounts/mfa/recovery_codes.html",
                      {"codes": codes, "next": target, "passkey": device})
    if request.POST.get("added"):
        messages.success(request, _("Your passkey “%(name)s” is set up.") % {
            "name": device.name})
    else:
        messages.success(request, _("The passkey is now called “%(name)s”.") % {
            "name": device.name})
    return redirect(target)


@login_required
@require_POST
def passkey_remove(request: HttpRequest) -> HttpResponse:
    device = _own(request)
    removed_id, name = device.persistent_id, device.name
    try:
        others = passkeys.do_remove_passkey(acting_user=request.user, device=device)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:passkeys")
    _keep_verified(request, removed_id, others)
    messages.success(request, _("The passkey “%(name)s” was removed.") % {"name": name})
    return redirect("accounts:passkeys")


def _own(request: HttpRequest) -> Any:
    raw = request.POST.get("passkey")
    device = passkeys.own_passkey(request.user, int(raw) if raw and raw.isdigit() else None)
    if device is None:
        raise Http404("No passkey matches the given query.")
    return device


def _keep_verified(request: HttpRequest, removed_id: str, others: list[Device]) -> None:
    """When the removed passkey verified this session, name another factor the user still
    has as its verifier (the session did pass the second factor; asking again for it right
    after a removal would only be in the way). Without one the user needs none."""
    verified_by = getattr(request.user, "otp_device", None)
    if verified_by is None or verified_by.persistent_id != removed_id:
        return
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.user.otp_device = None  # type: ignore[union-attr]  # OTPMiddleware's attribute
    if others:
        otp_login(request, others[0])
