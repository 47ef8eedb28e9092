"""Duplicates in a contacts import's preview (``fieldwork.csv_io``), before anything is saved.

Within the file, two rows naming the same person (by alias, or by phone or email once
normalized: ``0918 …`` and ``+98 918 …`` are one number in an Iranian field) are refused
with the other row's number, so the import cannot add anyone twice. Against the database, a
row whose person is already on file updates that person; the preview lists these rows with
the alias on file and what found them. A phone or email finds only people whose identity the
user may reveal (``csv_io._Lookups.candidates``), and such a match confirms an identity: it
is audited when the preview is shown, like a lookup (``people.lookup``), a reveal row per
person naming what matched, never the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record
from fieldwork.csv_io import ImportRow
from people.lookup import LOOKUP_FIELD
from people.models import Person

IDENTITY_KEYS = ("phone", "email")


@dataclass(frozen=True)
class OnFile:
    row_number: int
    alias: str        # as the file has it (the person on file takes it)
    on_file_as: str
    by: tuple[str, ...]

    @property
    def found_by(self) -> str:
        labels = {"phone": _("Phone"), "email": _("Email"), "alias": _("Alias")}
        return ", ".join(labels[b] for b in self.by)


def _people(user: Any, rows: Sequence[ImportRow]) -> dict[int, Person]:
    ids = [r.person_id for r in rows if r.person_id is not None]
    return {p.pk: p for p in Person.objects.restrict(user).filter(pk__in=ids)}


def on_file(user: Any, rows: Sequence[ImportRow]) -> list[OnFile]:
    """The rows that update a person already on file, with that person's alias."""
    people = _people(user, rows)
    return [OnFile(r.row_number, r.alias, people[r.person_id].alias, r.matched_by)
            for r in rows if r.person_id in people]


@transaction.atomic
def record_lookups(*, acting_user: Any, rows: Sequence[ImportRow]) -> None:
    """A reveal row for each person a phone or email of the file found."""
    by_identity = [r for r in rows if set(r.matched_by) & set(IDENTITY_KEYS)]
    people = _people(acting_user, by_identity)
    for row in by_identity:
        if row.person_id in people:
            record(actor=acting_user, action="reveal", obj=people[row.person_id],
                   fields=[LOOKUP_FIELD, *(b for b in row.matched_by if b in IDENTITY_KEYS)])
