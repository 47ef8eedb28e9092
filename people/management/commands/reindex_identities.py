"""Recompute every person's phone and email blind index from the sealed identity.

For after a change of the normalization rule or of a phone region made outside the pages
(the pages and the migration do it themselves). Idempotent; writes only the index columns.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from access import dbwall
from people.reindex import reindex_people
from vault import custody


class Command(BaseCommand):
    help = "Recompute every person's phone and email blind index from the sealed identity."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            # A key that does not open the identities would index garbage.
            keyring = custody.ensure_usable()
        except custody.KeyCustodyError as exc:
            raise CommandError(str(exc)) from None
        with dbwall.system_scope(), transaction.atomic():
            changed = reindex_people(keyring=keyring)
        self.stdout.write(self.style.SUCCESS(f"Recomputed blind indexes: {changed} people "
                                             "changed."))
