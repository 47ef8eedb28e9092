"""``manage.py api_token <username>``: issue an API token for the user and print it once.

Clients send it as ``Authorization: Token <key>``; the API then answers with that user's
scope, exactly like their pages. Only the token's hash is stored (accounts/tokens.py), so
the key cannot be printed again: each call issues a new token, which expires after
NUCLEUS_API_TOKEN_DAYS. ``--rotate`` first revokes the user's other tokens.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.tokens import do_create_token, revoke_all_tokens


class Command(BaseCommand):
    help = "Issue an API token for a user and print it (shown once; only its hash is kept)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true",
                            help="Revoke the user's other tokens first.")
        parser.add_argument("--label", default="manage.py api_token",
                            help="What the token is for, shown on the user's token page.")

    @transaction.atomic
    def handle(self, *args: Any, username: str, rotate: bool, label: str,
               **options: Any) -> None:
        User = get_user_model()  # noqa: N806
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Unknown user: {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive; tokens would not work.")
        if rotate:
            # An operator's command: no acting user; each revocation is audited.
            revoke_all_tokens(user)
        _token, key = do_create_token(acting_user=None, user=user, label=label)
        self.stdout.write(key)
