"""Password pages: changing one's own, and a reset of another login's by a secretary.

The reset page is reached through one of the login's roles (``Role.objects.restrict(user,
"change")``): outside the secretary's units it answers 404 like a missing role. The new
one-time password is shown once, in the answer to the POST (never in a message or a
redirect), and the user must change it at the next login.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from access.models import Role
from accounts.forms_security import ChangePasswordForm, ResetPasswordForm
from accounts.passwords import do_change_password, do_reset_password, reset_refusal
from nucleus.web import bound, error_text, run_form


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, bound(request))

    def perform() -> str:
        do_change_password(acting_user=request.user, user=request.user,
                           new_password=form.cleaned_data["new_password1"])
        # This session stays; every other session of the user ends with the old hash.
        assert request.user.is_authenticated  # login_required
        update_session_auth_hash(request, request.user)
        return reverse("accounts:account")

    success = _("Your password was changed. Your other sessions and your API tokens ended.")
    return run_form(request, form, perform, success) or render(
        request, "accounts/password_change.html",
        {"form": form, "required": getattr(request.user, "must_change_password", False)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest, uid: UUID) -> HttpResponse:
    role = access_object(Role, request.user, uid, "change")
    target = role.user
    refusal = reset_refusal(request.user, target)
    form = ResetPasswordForm(bound(request))
    context: dict[str, Any] = {"form": form, "role": role, "target": target,
                               "refusal": refusal,
                               "back": reverse("access:role_grant", kwargs={"uid": role.unit.uid})}
    if form.is_bound and form.is_valid() and not refusal:
        try:
            context["new_password"] = do_reset_password(acting_user=request.user, role=role)
        except ValidationError as error:
            context["refusal"] = error_text(error)
    return render(request, "accounts/password_reset.html", context)
