"""Exporting the contacts a user may see, as CSV that re-imports (``fieldwork/csv_io.py``).

Every download is audited (an account's exposure report lists it), and identities are
columns only for whoever may reveal them, each filled cell a reveal like any other.

``iter_export_contacts`` yields the file a chunk of lines at a time, reading the contacts
with ``iterator(chunk_size=...)``: an export of 200,000 contacts (a job writing a file,
``fieldwork.tasks``) holds one chunk in memory, never the whole file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.http import Http404

from audit.log import record as audit_record
from fieldwork.csv_io import EXPORT_COLUMNS, IDENTITY_ATTRIBUTES, Progress
from fieldwork.models import Field
from fieldwork.queries import contacts_in
from organizations.models import Unit
from people.actions import reveal_identity
from people.models import Person

if TYPE_CHECKING:
    from fieldwork.queries import ContactWithLevel


def _cell(value) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet; phone numbers stay as is.
    if text[:1] in {"=", "@"} or (text[:1] in {"+", "-"}
                                  and not text[1:].replace(" ", "").isdigit()):
        return "'" + text
    return text


# Contacts read per query, and lines per yielded chunk.
CHUNK_ROWS = 2000


def export_contacts(user, target: Field | Unit, *, identities: bool = False,
                    progress: Progress | None = None) -> str:
    """The whole CSV text (``iter_export_contacts`` joined): for small exports and tests."""
    return "".join(iter_export_contacts(user, target, identities=identities,
                                        progress=progress))


def iter_export_contacts(user, target: Field | Unit, *, identities: bool = False,
                         progress: Progress | None = None) -> Iterator[str]:
    """CSV text of the contacts the user may see in a field or a unit's subtree: alias,
    field, part, job, leader, tags, union, current assessment and its date. With
    ``identities``, the columns legal_name, phone, email and address are added when the user
    may reveal any of these contacts, and filled only for those: each is a reveal, audited
    like one. The first column, ``uid``, names the contact's record (never its integer id,
    which would tell install-wide counts); the other columns re-import with the same names
    as mapping. Access is checked (Http404) and the download audited before the first chunk
    is yielded."""
    if isinstance(target, Field):
        found = Field.objects.restrict(user).filter(pk=target.pk).first()
        if found is None:
            raise Http404("No field matches the given query.")
        contacts = contacts_in(user, field=found)
    else:
        unit = Unit.objects.restrict(user).filter(pk=target.pk).first()
        if unit is None:
            raise Http404("No unit matches the given query.")
        contacts = contacts_in(user, unit=unit)
    revealable: set[int] = set()
    if identities:
        revealable = set(Person.objects.restrict(user, "reveal").filter(
            pk__in=contacts.values("person_id")).values_list("pk", flat=True))
    columns = ["uid", *EXPORT_COLUMNS, *(IDENTITY_ATTRIBUTES if revealable else ())]
    # A download of aliases: audited, so a frozen account's exposure report lists it (first:
    # a download cut short was still a download).
    audit_record(actor=user, action="export", obj=target,
                 fields=["contacts", *(["identities"] if revealable else [])])
    return _lines(user, contacts.iterator(chunk_size=CHUNK_ROWS), columns, revealable,
                  progress)


def _lines(user, contacts, columns: list[str], revealable: set[int],
           progress: Progress | None) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for profile in contacts:
        writer.writerow([_cell(v) for v in _export_row(user, profile, revealable)])
        count += 1
        if progress is not None:
            progress(1)
        if count % CHUNK_ROWS == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _export_row(user, profile: ContactWithLevel, revealable: set[int]) -> list:
    row = [str(profile.person.uid), profile.person.alias, profile.field.name,
           profile.part.name if profile.part else "", profile.job,
           "yes" if profile.leader else "no", profile.tags,
           profile.union.name if profile.union else "",
           profile.current_level_value or "", profile.current_assessed_on or ""]
    if revealable:
        if profile.person_id in revealable:
            identity = reveal_identity(acting_user=user, person=profile.person)
            row += [getattr(identity, n) for n in IDENTITY_ATTRIBUTES]
        else:
            row += [""] * len(IDENTITY_ATTRIBUTES)
    return row
