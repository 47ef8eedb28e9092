"""Writing an import batch's new contacts in bulk: the rows ``do_create_contact`` and
``do_assess`` write, a few statements per batch instead of some twenty per contact.

For each new contact, exactly what the actions write (a test compares both field by field):
the person (a contact, candidate since today, identity sealed and indexed with the field's
phone region), its first status change, its profile in the field and, when the row has an
assessment, the assessment, with the profile's current level and date copied onto it (the
profile is then at version 2, as the action's second save leaves it). The checks the actions
make (``full_clean``) were made by the import's row check (``csv_io._parse_row``), which
refuses everything they would; the database's constraints stay the last word (a batch that
breaks one is rolled back and the run undone).

Audited by one row per batch (``audit.log.record_batch``) naming the uids of every record it
wrote and the identity parts filled, never their values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from audit.log import record_batch
from fieldwork.models import Assessment, AssessmentLevel, ContactProfile, Field
from people.models import Identity, Person, StatusChange

if TYPE_CHECKING:
    from fieldwork.csv_rows import ImportRow
    from nucleus.models import ImportRun

# Rows per INSERT statement: SQLite's variable limit allows some 2,000 of Person's 14 columns
# (32,766 variables); on PostgreSQL larger statements gain nothing.
INSERT_ROWS = 500


def _is_user(user: Any) -> bool:
    return user is not None and user.is_authenticated


def create_contacts(*, acting_user: Any, field: Field, rows: Sequence[ImportRow],
                    region: str, run: ImportRun | None = None) -> list[Person]:
    """Inside the batch's transaction: the new contacts of ``rows`` (action "create")."""
    if not rows:
        return []
    today = timezone.localdate()
    unit = field.unit
    people = []
    filled: set[str] = set()
    for row in rows:
        person = Person(unit=unit, alias=row.alias, kind=Person.Kind.CONTACT,
                        status_since=today)
        identity = row.identity or Identity()
        person.seal_identity(identity, region=region)
        filled.update(n for n in Identity.FIELDS if getattr(identity, n))
        people.append(person)
    Person.objects.bulk_create(people, batch_size=INSERT_ROWS)
    StatusChange.objects.bulk_create(
        [StatusChange(person=p, status=p.status, on=p.status_since) for p in people],
        batch_size=INSERT_ROWS)
    levels = {lv.value: lv for lv in AssessmentLevel.objects.filter(
        organization_id=unit.organization_id, retired=False)}
    assessor = acting_user if _is_user(acting_user) else None
    profiles, assessments = [], []
    for person, row in zip(people, rows, strict=True):
        profile = ContactProfile(person=person, field=field, **row.profile)
        if row.level_value is not None:
            level = levels[row.level_value]  # checked against the scale by the row check
            on = row.assessed_on or today
            assessments.append(Assessment(person=person, level=level, assessed_on=on,
                                          assessed_by=assessor, note_sealed=""))
            profile.current_level, profile.current_assessed_on = level, on
            profile.version = 2  # created, then given its current level: two saves
        profiles.append(profile)
    ContactProfile.objects.bulk_create(profiles, batch_size=INSERT_ROWS)
    Assessment.objects.bulk_create(assessments, batch_size=INSERT_ROWS)
    detail = {"import_run": str(run.uid)} if run is not None else {}
    record_batch(actor=acting_user, action="create", model=Person, unit_id=unit.pk,
                 fields=filled, detail=detail, uids={
                     Person._meta.label: [p.uid for p in people],
                     ContactProfile._meta.label: [p.uid for p in profiles],
                     Assessment._meta.label: [a.uid for a in assessments]})
    return people
