"""How long a session lives: an absolute limit for every session, and an idle limit for the
sessions of users who may reveal identities (a laptop left open in a union office).

The session cookie itself lasts only the absolute limit (``SESSION_COOKIE_AGE``), but a
cookie's age is renewed whenever the session is saved, so the limits are kept here, from
times stored in the session, and checked on every request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from access.scope import scope_for

LOGIN_AT = "nucleus_login_at"
SEEN_AT = "nucleus_seen_at"
#: The last request's time is written at most this often (seconds): a write per request
#: would cost more than the idle limit gains from to-the-second precision.
SEEN_RESOLUTION = 60


def has_identity_access(user: Any) -> bool:
    return any(grant.identity for grant in scope_for(user).grants)


def stamp_login(request: HttpRequest) -> None:
    """Called right after a login: the absolute limit counts from here."""
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


def ended_because(request: HttpRequest, user: Any, now: int) -> str | None:
    """Why the session must end now, or None. A session without a login time (logged in
    some other way than the login page) starts counting at its first request."""
    session = request.session
    login_at = session.setdefault(LOGIN_AT, now)
    if now - int(login_at) >= settings.NUCLEUS_SESSION_MAX_HOURS * 3600:
        return _("Your session ended %(hours)d hours after you logged in. Please log in "
                 "again.") % {"hours": settings.NUCLEUS_SESSION_MAX_HOURS}
    if has_identity_access(user):
        seen_at = int(session.get(SEEN_AT, now))
        if now - seen_at >= settings.NUCLEUS_SESSION_IDLE_MINUTES * 60:
            return _("Your session ended after %(minutes)d minutes without activity. Please "
                     "log in again.") % {"minutes": settings.NUCLEUS_SESSION_IDLE_MINUTES}
        if SEEN_AT not in session or now - seen_at >= SEEN_RESOLUTION:
            session[SEEN_AT] = now
    return None


class SessionLimitMiddleware:
    """After the authentication and message middlewares: an ended session is logged out and
    the request goes on as anonymous (pages send it to log in, with a message)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            reason = ended_because(request, user, int(time.time()))
            if reason is not None:
                logout(request)
                messages.info(request, reason)
        return self.get_response(request)
