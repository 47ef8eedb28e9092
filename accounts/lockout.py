"""Lockout after repeated failed logins (django-axes), and unlocking by a secretary.

Axes counts failures per username and per address (settings ``AXES_*``) and refuses the
login, right password or not, while either is locked. A secretary may unlock the login of a
user who holds a role the secretary may change: which roles those are is the access layer's
answer (``Role.objects.restrict(secretary, "change")``), so a login outside the secretary's
compartment is unknown to them, exactly like a missing one. Install administrators use
``manage.py axes_reset`` (every lock) or ``axes_reset_username`` / ``axes_reset_ip``.
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from access.models import Role
from audit.log import record


def client_address(request: HttpRequest) -> str | None:
    """The address a login comes from (``AXES_CLIENT_IP_CALLABLE``): the header a trusted
    reverse proxy sets when one is configured (behind a proxy every connection comes from
    the proxy, and one address would lock everybody out), else the connection's address."""
    header = settings.NUCLEUS_LOGIN_ADDRESS_HEADER
    if header:
        value = request.META.get(header, "")
        # A proxy that appends (X-Forwarded-For) puts the address it saw last.
        return value.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR")


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """The answer to a login while locked (``AXES_LOCKOUT_CALLABLE``): the same for a
    username that exists and one that does not, so it tells a guesser nothing."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(request, "accounts/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
    }, status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429))


def _live_attempts() -> QuerySet[AccessAttempt]:
    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts


def locked_usernames() -> set[str]:
    """Usernames whose failures within the cool-off reach the limit."""
    rows = (_live_attempts().exclude(username=None).values("username")
            .annotate(failures=Sum("failures_since_start"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT))
    return {row["username"] for row in rows}


def unlockable_roles(secretary: Any) -> QuerySet[Role]:
    """Roles in force, one or more per locked-out user, that ``secretary`` may change."""
    return (Role.objects.restrict(secretary, "change").active()
            .filter(user__username__in=locked_usernames())
            .select_related("user", "unit").order_by("user__username", "unit__path"))


def do_unlock_login(*, acting_user: Any, role: Role) -> int:
    """Forget the failed logins of ``role``'s user (``role`` fetched under
    ``restrict(acting_user, "change")``), audited on the role's unit. Failures of other
    usernames from the same addresses stay: such an address may be an attacker's. Returns
    the number of attempt rows removed."""
    user = role.user
    with transaction.atomic():
        removed = int(reset(username=user.get_username()))
        record(actor=acting_user, action="unlock_login", obj=user, unit_id=role.unit_id)
    return removed
