"""``manage.py notify_stopped``: tell the committees (and cells) of every priority field whose
work stopped, once per stop (the same notification their pages write; running it again
writes nothing new), and close the stops of fields whose work resumed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from access import dbwall
from stoppages.alerts import alert_stopped


class Command(BaseCommand):
    help = "Write the in-app alert for each priority field whose work stopped, once per stop."

    def handle(self, *args: Any, **options: Any) -> None:
        with dbwall.system_scope():  # a command, outside any user's request
            told = alert_stopped()
        self.stdout.write(f"{told} stopped priority field(s) told.")
