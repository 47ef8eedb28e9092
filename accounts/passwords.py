"""Passwords: the policy, changing one's own, and a reset by a secretary.

The policy (settings.AUTH_PASSWORD_VALIDATORS) is Django's minimum length and common list
(20,000 passwords), plus two of ours: never the username, and never a breached password.
The breached list is the 30,000 most frequent passwords of the leaked password corpora that
the zxcvbn package ships (MIT licence, offline, no network at run time); zxcvbn's own
estimate then refuses what is only a small variation of a listed password or a word
("Password2026!", "dragon-dragon").

A secretary resets the password of a login that holds a role in a unit the secretary may
change, and only when every role of that login is within what the secretary could have
given (nobody gets more than they have): the app makes a one-time password, shown once to
the secretary, and the user must pick a new one at the next login
(``PasswordChangeRequiredMiddleware``). Every change ends the user's other sessions (Django
checks the password hash on every request) and every API token.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from functools import cache
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from access import dbwall
from access.models import CoalitionOffice, Role
from accounts.tokens import revoke_all_tokens
from audit.log import record
from organizations.models import Unit

# zxcvbn scores 0 (guessed at once) to 4 (very hard); 3 is "safely unguessable" for an
# online attack with throttling, which is what the login has.
MIN_ZXCVBN_SCORE = 3
# Lower-case letters and digits without look-alikes (no 0/o, 1/l): read out or copied by hand.
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


@cache
def breached_passwords() -> frozenset[str]:
    """The breached list, loaded once (about 30,000 entries)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    return frozenset(p.casefold() for p in FREQUENCY_LISTS["passwords"])


def _username_of(user: Any) -> str:
    return str(getattr(user, "username", "") or "") if user is not None else ""


class NotTheUsernameValidator:
    """Refuses a password that contains the username or is contained in it (whatever the
    case): the username is known to everyone who works with the user."""

    def validate(self, password: str, user: Any = None) -> None:
        username = _username_of(user).casefold()
        folded = password.casefold()
        if username and (username in folded or folded in username):
            raise ValidationError(_("The password must not contain your username."),
                                  code="password_contains_username")

    def get_help_text(self) -> str:
        return _("Your password must not contain your username.")


class BreachedPasswordValidator:
    """Refuses a password found in leaked password lists, or only a small variation of one
    (zxcvbn's estimate below ``min_score``)."""

    def __init__(self, min_score: int = MIN_ZXCVBN_SCORE) -> None:
        self.min_score = min_score

    def validate(self, password: str, user: Any = None) -> None:
        if password.casefold() in breached_passwords():
            raise ValidationError(
                _("This password appears in lists of leaked passwords; choose another."),
                code="password_breached")
        from zxcvbn import zxcvbn  # type: ignore[import-untyped]

        # zxcvbn is slow on very long inputs; past 100 characters length is strength enough.
        inputs = [_username_of(user)] if _username_of(user) else []
        if zxcvbn(password[:100], user_inputs=inputs)["score"] < self.min_score:
            raise ValidationError(
                _("This password is too easy to guess: it is close to a leaked password or a "
                  "common word. A few unrelated words make a good password."),
                code="password_guessable")

    def get_help_text(self) -> str:
        return _("Your password must not appear in lists of leaked passwords, nor be a small "
                 "variation of one.")


def one_time_password() -> str:
    """Five groups of five letters and digits (about 125 bits), for a reset."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(5))
    return "-".join(groups)


@transaction.atomic
def do_change_password(*, acting_user: Any, user: Any, new_password: str) -> int:
    """Set the user's own new password (already validated by the form). Ends their API
    tokens; returns how many. The caller keeps the current session
    (``update_session_auth_hash``); every other session ends."""
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    # The hash is never stored in the audit row, only that the password changed.
    record(actor=acting_user, action="update", obj=user, fields=["password"])
    return revoke_all_tokens(user, acting_user=acting_user)


def reset_refusal(acting_user: Any, target: Any) -> str:
    """Why the acting user may not reset the target's password ("" when they may). The
    target's roles must all lie in units the acting user may change, and reach no further
    than the acting user's own access (records for oversight, reveal for identities)."""
    if target.pk == acting_user.pk:
        return _("Change your own password on your password page.")
    if target.is_superuser or target.is_staff or CoalitionOffice.objects.filter(
            user=target).exists():
        return _("This login has rights beyond your units; ask an install administrator.")
    # Every role of the login, also those beyond the acting user's database wall: the check
    # must see what it refuses (only a yes or no leaves this function).
    with dbwall.system_scope():
        roles = list(Role.objects.active().filter(user=target).select_related("unit"))
    changeable = set(Role.objects.restrict(acting_user, "change").active()
                     .filter(user=target).values_list("pk", flat=True))
    viewable = set(Unit.objects.holding_records(acting_user, "view").values_list("pk", flat=True))
    revealable = set(Unit.objects.holding_records(acting_user, "reveal")
                     .values_list("pk", flat=True))
    for role in roles:
        reach = (set(Unit.objects.filter(path__startswith=role.unit.path)
                     .values_list("pk", flat=True)) if role.oversight else {role.unit_id})
        if (role.pk not in changeable or not reach <= viewable
                or (role.identity_access and not reach <= revealable)):
            return _("This login has rights beyond your units; ask a secretary above you.")
    return ""


@transaction.atomic
def do_reset_password(*, acting_user: Any, role: Role) -> str:
    """Give the holder of ``role`` a one-time password (returned, to be shown once) that
    must be changed at the next login. Audited on the role's unit; ends the user's sessions
    and API tokens."""
    target = type(role.user)._default_manager.select_for_update().get(pk=role.user_id)
    refusal = reset_refusal(acting_user, target)
    if refusal:
        raise ValidationError(refusal, code="beyond_reach")
    password = one_time_password()
    target.set_password(password)
    target.must_change_password = True
    target.save(update_fields=["password", "must_change_password"])
    record(actor=acting_user, action="update", obj=target,
           fields=["password", "must_change_password"], unit_id=role.unit_id)
    revoke_all_tokens(target, acting_user=acting_user)
    return password


# Paths a user who must change the password may still reach: the change itself, logging
# out, the language switch, static files, and the second factor (asked before any page,
# the password page included: accounts/mfa.py).
_ALWAYS_OPEN = ("/static/", "/i18n/", "/healthz", "/mfa/", "/login/")


class PasswordChangeRequiredMiddleware:
    """After a reset, every page leads to the password change and the API answers 403,
    until the user has picked a password only they know."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "must_change_password", False):
            change = reverse("accounts:password_change")
            open_paths = (change, reverse("logout"), *_ALWAYS_OPEN)
            if not request.path.startswith(open_paths):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("Change your password first.")},
                                        status=403)
                return HttpResponseRedirect(change)
        return self.get_response(request)
