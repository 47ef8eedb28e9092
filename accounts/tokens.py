"""API tokens: stored as SHA-256 of a random secret, expiring, revocable, audited.

A client sends ``Authorization: Token <key>``. The key is 32 random bytes (URL-safe text);
the database keeps only its SHA-256, so a copied database file gives no token. A plain hash
is enough here (no salt, no slow hash): the secret has 256 bits and cannot be guessed, and a
hash lookup lets the token be found by an index. Tokens expire after
``settings.NUCLEUS_API_TOKEN_DAYS`` and end when their owner logs out of the web, changes
the password or has it reset (``revoke_all_tokens``, also for freezing an account).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from accounts.models import ApiToken
from audit.log import record

KEYWORD = "Token"
# Writing last_used_at on every request would make every API read a write.
_TOUCH_EVERY = datetime.timedelta(minutes=5)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def do_create_token(*, acting_user: Any, user: Any, label: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with its key, which is shown once and never
    stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, key_hash=hash_key(key), prefix=key[:8], label=label,
        expires_at=timezone.now() + datetime.timedelta(days=settings.NUCLEUS_API_TOKEN_DAYS))
    record(actor=acting_user, action="create", obj=token)
    return token, key


@transaction.atomic
def do_revoke_token(*, acting_user: Any, token: ApiToken) -> None:
    record(actor=acting_user, action="delete", obj=token)
    token.delete()


@transaction.atomic
def revoke_all_tokens(user: Any, *, acting_user: Any = None) -> int:
    """End every API token of ``user`` (logout, password change or reset, a frozen
    account); each revocation is audited. Returns how many there were."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user))
    for token in tokens:
        do_revoke_token(acting_user=acting_user, token=token)
    return len(tokens)


def user_for_key(key: str) -> Any | None:
    """The active user a key belongs to, or None (unknown, expired or inactive)."""
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=hash_key(key), expires_at__gt=timezone.now()).first())
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class HashedTokenAuthentication(BaseAuthentication):
    """DRF authentication by ``Authorization: Token <key>`` against the hashed tokens; in
    place of rest_framework.authtoken, which stores keys in plain text and never expires
    them."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from None
        user = user_for_key(key)
        if user is None:
            # One message for unknown, expired and revoked: nothing to learn from it.
            raise exceptions.AuthenticationFailed(_("Invalid or expired token."))
        return user, None

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD
