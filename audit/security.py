"""Security events from Django's login signals and django-axes: receivers that only write
an audit row (connected in ``AuditConfig.ready``).

Never the password (Django hands receivers the credentials with it masked; only the username
is read here) and never the caller's address: an address locates a member, and the audit log
is what a thief of the database would read.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from audit.log import record_security_event
from audit.models import AuditEvent


def _account(username: str) -> Any:
    """The account with that login name, or None: a failed login for an existing account is
    shown to its secretaries, one for an unknown name only to the install's administrators."""
    if not username:
        return None
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_security_event(kind=AuditEvent.Action.LOGIN, actor=user)


def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and user.is_authenticated:
        record_security_event(kind=AuditEvent.Action.LOGOUT, actor=user)


def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None,
                    **kwargs: Any) -> None:
    username = str(credentials.get(get_user_model().USERNAME_FIELD) or "")
    record_security_event(kind=AuditEvent.Action.LOGIN_FAILED, actor=None,
                          subject=_account(username), detail={"username": username})


def on_locked_out(sender: Any, request: Any = None, username: str | None = None,
                  **kwargs: Any) -> None:
    """django-axes' ``user_locked_out`` (its ``ip_address`` argument is not kept)."""
    name = str(username or "")
    record_security_event(kind=AuditEvent.Action.LOCKOUT, actor=None,
                          subject=_account(name), detail={"username": name})
