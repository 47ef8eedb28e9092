"""``manage.py check_no_demo_logins``: fail when a login with the published demo password
exists. ``scripts/start --no-demo`` runs it, so that a data directory that got the demo
before installs were marked (``demo-install``) is not served as a real install."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo.builder import DEMO_PASSWORD, LOGINS


class Command(BaseCommand):
    help = "Fail when any demo login with the public demo password exists."

    def handle(self, *args: Any, **options: Any) -> None:
        found = [u.username for u in User.objects.filter(username__in=LOGINS, is_active=True)
                 if u.check_password(DEMO_PASSWORD)]
        if found:
            raise CommandError(
                f"This database holds demo logins with the public password ({', '.join(found)}). "
                "A real install needs a fresh data directory (NUCLEUS_DATA_DIR) or database.")
