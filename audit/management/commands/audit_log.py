"""``manage.py audit_log``: the install's whole audit log, for its administrators on the server.

The app shows each secretary the rows of their own units (``audit.querysets``); rows without
a unit that are about no account of a unit (failed logins for unknown names, key operations,
organization-level records) are read here. Aliases and identities are not printed: users by
login name, records by kind and number, changed fields by name.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.models import AuditEvent


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}.") from None


class Command(BaseCommand):
    help = "Print audit rows, newest first (filters: --action, --user, --since, --until)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--action", choices=AuditEvent.Action.values)
        parser.add_argument("--user", help="Rows by this login, or about it.")
        parser.add_argument("--since", type=_day, help="From this day (YYYY-MM-DD).")
        parser.add_argument("--until", type=_day, help="Up to and including this day.")
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args: Any, action: str | None, user: str | None,
               since: datetime.date | None, until: datetime.date | None, limit: int,
               **options: Any) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        rows = AuditEvent.objects.order_by("-seq")
        if action:
            rows = rows.filter(action=action)
        if user:
            account = get_user_model()._default_manager.filter(username=user).first()
            if account is None:
                raise CommandError(f"Unknown user: {user!r}.")
            rows = rows.filter(Q(actor_id=account.pk) | Q(model=account._meta.label,
                                                          object_id=account.pk))
        if since:
            rows = rows.filter(at__date__gte=since)
        if until:
            rows = rows.filter(at__date__lte=until)
        names = dict(get_user_model()._default_manager.values_list("pk", "username"))
        for event in rows[:limit]:
            who = names.get(event.actor_id, "-") if event.actor_id else "-"
            extra = " ".join(f"{k}={v}" for k, v in sorted(event.detail.items()))
            self.stdout.write(
                f"{event.seq}\t{event.at:%Y-%m-%d %H:%M:%S}\t{who}\t{event.action}\t"
                f"{event.model}#{event.object_id}\tunit={event.unit_id or '-'}\t"
                f"{','.join(event.fields)}\t{extra}".rstrip())
