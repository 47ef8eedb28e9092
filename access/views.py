"""Role management pages: granting, changing and revoking roles on a unit.

Access: the unit through ``Unit.objects.restrict(user, "change")`` (secretaries of the unit,
or overseeing secretaries above it), a role through ``Role.objects.restrict(user, "delete")``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access.actions import do_grant_role, do_revoke_role
from access.forms import RoleGrantForm
from access.helpers import access_object
from access.models import Role
from access.queries import role_list_context
from nucleus.web import Done, bound, run_form, safe_next
from organizations.models import Unit


@login_required
@require_http_methods(["GET", "POST"])
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_object(Unit, request.user, pk, "change")
    form = RoleGrantForm(bound(request), user=request.user, unit=unit)

    def perform() -> Done:
        data = form.cleaned_data
        role = do_grant_role(acting_user=request.user, user=form.grantee, unit=unit,
                             kind=data["kind"], oversight=data["oversight"],
                             identity_access=data["identity_access"], since=data["since"])
        return Done(reverse("access:role_grant", kwargs={"pk": unit.pk}),
                    _("%(user)s is now %(role)s of %(unit)s.") % {
                        "user": role.user.username, "role": role.get_kind_display(),
                        "unit": unit.name})

    return run_form(request, form, perform) or render(request, "access/role_grant.html", {
        "form": form, "unit": unit, "next": request.get_full_path(),
        **role_list_context(request.user, unit)})


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = access_object(Role, request.user, pk, "delete")
    back = safe_next(request, reverse("access:role_grant", kwargs={"pk": role.unit_id}))
    if role.user_id == request.user.pk:
        messages.error(request, _("You cannot revoke your own role: ask another secretary."))
        return redirect(back)
    username, unit_name = role.user.username, role.unit.name
    do_revoke_role(acting_user=request.user, role=role)
    messages.success(request, _("The role of %(user)s on %(unit)s was revoked.") % {
        "user": username, "unit": unit_name})
    return redirect(back)
