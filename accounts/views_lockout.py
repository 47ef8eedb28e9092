"""Locked-out logins a secretary may unlock (see ``accounts.lockout``).

The list shows only users holding a role the secretary may change; unlocking names one of
those roles, loaded with ``access_object(Role, user, uid, "change")``: outside the
secretary's compartment it answers 404, like a role that does not exist.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.helpers import access_object
from access.models import Role
from accounts.lockout import do_unlock_login, locked_usernames, unlockable_roles
from nucleus.web import safe_next


@login_required
@require_GET
def locked_logins(request: HttpRequest) -> HttpResponse:
    # One row per user: the first of their roles the secretary may change names them.
    rows: dict[int, Role] = {}
    for role in unlockable_roles(request.user):
        rows.setdefault(role.user_id, role)
    return render(request, "accounts/lockout/locked_logins.html", {"roles": list(rows.values())})


@login_required
@require_POST
def unlock_login(request: HttpRequest, uid: UUID) -> HttpResponse:
    role = access_object(Role, request.user, uid, "change")
    back = safe_next(request, reverse("accounts:locked_logins"))
    username = role.user.get_username()
    if username not in locked_usernames():
        messages.info(request, _("%(user)s is not locked out.") % {"user": username})
        return redirect(back)
    do_unlock_login(acting_user=request.user, role=role)
    messages.success(request, _("%(user)s may log in again.") % {"user": username})
    return redirect(back)
