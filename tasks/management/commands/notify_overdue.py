"""``manage.py notify_overdue``: tell every owner of an overdue task, once per task (the same
notification their home page writes; running it again writes nothing new)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from access import dbwall
from tasks.notify import notify_overdue


class Command(BaseCommand):
    help = "Write an in-app notification for each overdue task not yet told to its owner."

    def handle(self, *args: Any, **options: Any) -> None:
        with dbwall.system_scope():  # a command, outside any user's request
            written = notify_overdue()
        self.stdout.write(f"{written} overdue notification(s) written.")
