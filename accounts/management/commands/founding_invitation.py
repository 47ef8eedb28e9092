"""``manage.py founding_invitation``: a one-time code that lets its holder found one
organization or coalition (when NUCLEUS_FOUNDERS is "admins"). Printed once; only its hash
is stored."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.founding import do_issue_founding_invitation


class Command(BaseCommand):
    help = ("Issue a founding invitation code (printed once) for someone who may not found "
            "organizations and coalitions otherwise.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--note", default="", help="Whom it is for, kept with it.")
        parser.add_argument("--days", type=int, default=settings.NUCLEUS_FOUNDING_INVITATION_DAYS,
                            help="Days until the code expires.")

    def handle(self, *args: Any, note: str, days: int, **options: Any) -> None:
        if not 1 <= days <= 365:
            raise CommandError("--days must be between 1 and 365.")
        invitation, code = do_issue_founding_invitation(acting_user=None, note=note, days=days)
        self.stdout.write(code)
        self.stderr.write(f"Expires {invitation.expires_at:%Y-%m-%d %H:%M} UTC; usable once.")
