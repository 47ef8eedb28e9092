"""Role management pages: granting, changing and revoking roles on a unit.

Access: the unit through ``Unit.objects.restrict(user, "change")`` (secretaries of the unit,
or overseeing secretaries above it), a role through ``Role.objects.restrict(user, "delete")``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from access.actions import do_grant_role, do_revoke_role
from access.forms import RoleGrantForm
from access.helpers import access_object
from access.models import Role
from access.queries import role_list_context
from accounts.offers import do_offer_role, known_holder, open_offers, withdrawable_ids
from nucleus.web import Done, bound, run_form, safe_next
from organizations.models import Unit


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def role_grant(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_object(Unit, request.user, uid, "change")
    form = RoleGrantForm(bound(request), user=request.user, unit=unit)
    context: dict[str, Any] = {"form": form, "unit": unit}
    # A holder the secretary already sees on this unit has the role changed at once. Anyone
    # else gets an offer, whether or not the username exists, and the page shows the code
    # to hand over (accounts/offers.py): the answer never tells an unknown username.
    holder = (known_holder(request.user, unit, form.cleaned_data["username"])
              if form.is_bound and form.is_valid() else None)

    def perform() -> Done:
        data = form.cleaned_data
        role = do_grant_role(acting_user=request.user, user=holder, unit=unit,
                             kind=data["kind"], oversight=data["oversight"],
                             identity_access=data["identity_access"],
                             international_work=data["international_work"], since=data["since"])
        return Done(reverse("access:role_grant", kwargs={"uid": unit.uid}),
                    _("%(user)s is now %(role)s of %(unit)s.") % {
                        "user": role.user.username, "role": role.get_kind_display(),
                        "unit": unit.name})

    if holder is not None:
        response = run_form(request, form, perform)
        if response is not None:
            return response
    elif form.is_bound and form.is_valid():
        data = form.cleaned_data
        context["offer"], context["offer_code"] = do_offer_role(
            acting_user=request.user, unit=unit, username=data["username"], kind=data["kind"],
            oversight=data["oversight"], identity_access=data["identity_access"],
            international_work=data["international_work"], since=data["since"])
        context["form"] = RoleGrantForm(user=request.user, unit=unit)
    return render(request, "access/role_grant.html", {
        **context, "next": request.get_full_path(),
        "offers": open_offers(request.user, unit),
        "withdrawable": withdrawable_ids(request.user, unit),
        **role_list_context(request.user, unit)})


@login_required
@require_POST
def role_revoke(request: HttpRequest, uid: UUID) -> HttpResponse:
    role = access_object(Role, request.user, uid, "delete")
    back = safe_next(request, reverse("access:role_grant", kwargs={"uid": role.unit.uid}))
    if role.user_id == request.user.pk:
        messages.error(request, _("You cannot revoke your own role: ask another secretary."))
        return redirect(back)
    username, unit_name = role.user.username, role.unit.name
    do_revoke_role(acting_user=request.user, role=role)
    messages.success(request, _("The role of %(user)s on %(unit)s was revoked.") % {
        "user": username, "unit": unit_name})
    return redirect(back)
