"""Ending everything that lets an account in: sessions, API tokens, second factors.

Called by ``safety.actions.do_freeze_account`` inside its transaction. Each function returns
how many it ended, for the freeze row and the audit. They are belts under the braces: the
freeze also makes the account inactive and its password unusable, so a session or token
missed here would still be refused on its next request (Django's authentication backend
refuses inactive users, and the session's auth hash no longer matches the password).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone
from django_otp import devices_for_user  # type: ignore[import-untyped]

from accounts.tokens import revoke_all_tokens


def end_sessions(user: Any) -> int:
    """Delete every unexpired server-side session of the user. Sessions store the user id
    only inside their encoded data, so each is decoded (an install has a few hundred)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    get_model = getattr(store, "get_model_class", None)
    if get_model is None:  # cookie sessions: nothing on the server to delete
        return 0
    wanted = str(user.pk)
    keys = [s.session_key for s in get_model().objects.filter(
        expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get(SESSION_KEY, "")) == wanted]
    for key in keys:
        # Through the store, so that a cached session engine forgets its copy too.
        store(session_key=key).delete()
    return len(keys)


def end_tokens(user: Any, *, acting_user: Any) -> int:
    """Revoke every API token of the user (each revocation audited by accounts.tokens)."""
    return revoke_all_tokens(user, acting_user=acting_user)


def remove_second_factors(user: Any) -> int:
    """Delete the user's OTP devices (confirmed or not, recovery codes and passkeys too):
    whoever holds the phone now must not pass the second factor, so the member enrols
    again."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    return removed
