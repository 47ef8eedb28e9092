"""``manage.py api_token <username>``: print the user's API token, creating it when missing.

Clients send it as ``Authorization: Token <key>``; the API then answers with that user's
scope, exactly like their pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from audit.log import record


class Command(BaseCommand):
    help = "Print a user's API token (created when the user has none)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--rotate", action="store_true",
                            help="Replace the user's token with a new one.")

    @transaction.atomic
    def handle(self, *args: Any, username: str, rotate: bool, **options: Any) -> None:
        User = get_user_model()  # noqa: N806
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Unknown user: {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive; tokens would not work.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if created:
            # An operator's command: no acting user. The key itself is never audited.
            record(actor=None, action="update", obj=user, fields=["api_token"])
        self.stdout.write(token.key)
