"""Role management pages: granting, changing and revoking roles on a unit.

Access: the unit through ``Unit.objects.restrict(user, "change")`` (secretaries of the unit,
or overseeing secretaries above it), a role through ``Role.objects.restrict(user, "delete")``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access.actions import do_grant_role, do_revoke_role
from access.forms import RoleGrantForm
from access.helpers import access_object, access_unit
from access.models import Role


def role_list_context(user, unit) -> dict:
    """The roles on a unit the user may see, and which of them the user may revoke (one's
    own role is changed by another secretary, never by oneself)."""
    return {
        "roles": Role.objects.restrict(user).filter(unit=unit).select_related("user"),
        "revocable": set(Role.objects.restrict(user, "delete").filter(unit=unit)
                         .exclude(user=user).values_list("pk", flat=True)),
    }


def _next_or(request: HttpRequest, default: str) -> str:
    """A same-site ``next`` address from the form, else the default."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def role_grant(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access_unit(request.user, pk, "change")
    form = RoleGrantForm(request.POST if request.method == "POST" else None,
                         user=request.user, unit=unit)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            role = do_grant_role(acting_user=request.user, user=form.grantee, unit=unit,
                                 kind=data["kind"], oversight=data["oversight"],
                                 identity_access=data["identity_access"], since=data["since"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(user)s is now %(role)s of %(unit)s.") % {
                "user": form.grantee.username, "role": role.get_kind_display(),
                "unit": unit.name})
            return redirect("access:role_grant", pk=unit.pk)
    context = {"form": form, "unit": unit, "next": request.get_full_path(),
               **role_list_context(request.user, unit)}
    return render(request, "access/role_grant.html", context)


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = access_object(Role, request.user, pk, "delete")
    back = _next_or(request, reverse("access:role_grant", kwargs={"pk": role.unit_id}))
    if role.user_id == request.user.pk:
        messages.error(request, _("You cannot revoke your own role: ask another secretary."))
        return redirect(back)
    username, unit_name = role.user.username, role.unit.name
    do_revoke_role(acting_user=request.user, role=role)
    messages.success(request, _("The role of %(user)s on %(unit)s was revoked.") % {
        "user": username, "unit": unit_name})
    return redirect(back)
