"""Long imports in short transactions, still all-or-nothing (see ``fieldwork.csv_io``).

An import that held one write transaction for its whole file locked SQLite for minutes:
every login, reveal and edit meanwhile answered "database is locked" (issue #9). Here the
whole file is checked first without writing, then written in batches of ``batch_size()`` rows,
each batch in its own short transaction, so other writers get the database in between.

All-or-nothing is kept by an import-run marker (``nucleus.models.ImportRun``): each batch
writes, in the same transaction, what it created and the values it replaced into the run's
journal. New people are journalled as ranges of ids (``[first, last]``, consecutive ids
merged): a batch's bulk insert gives consecutive ids, so a million contacts are a journal of
about as many pairs as batches, not a list of a million ids rewritten at every batch. When
a batch fails (a row refused by an action, a conflicting write by someone else, an
interruption), the run is undone: what it created is deleted (with audit rows and
tombstones, like any deletion) and what it replaced is put back where nobody changed it
since. A run whose process died (no batch for ``STALE_AFTER``) is undone by the next import
into the same unit, or by ``manage.py import_contacts --undo-stale``. Only one run per unit
writes at a time, so two imports of one file cannot both add the same contact.

While a run is being written, others may see its first batches: the price of letting them
write at all. They never see a partial import that stays.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.records import delete_with_tombstones
from audit.log import record, record_batch
from fieldwork.actions import do_update_contact_profile
from fieldwork.actions.contacts import _refresh_current_level
from fieldwork.models import Assessment, ContactProfile
from nucleus.models import ImportRun
from organizations.models import Unit
from people.actions import do_delete_person, do_update_person
from people.models import Person

KIND = "fieldwork.contacts"
# Rows per batch; None: settings.NUCLEUS_IMPORT_BATCH_ROWS (1,000 by default: new contacts
# are written in bulk, a batch holds SQLite's write lock some 0.1 to 0.3 s; rows that update
# a person on file still go through the actions, 10 to 20 ms each).
BATCH_SIZE: int | None = None
# SQLite has no queue for its write lock: a writer waiting in its busy handler polls every
# few to 100 ms, and a loop that begins its next batch right after a commit takes the lock
# again first, every time (a login waited out its whole timeout in a trial). Pausing between
# batches lets the waiting writers in: once a second of writing at most, so that a waiting
# login or page waits about a second, and the import loses an eighth of its time to the
# pauses, not a third (one after every batch).
SQLITE_PAUSE_SECONDS = 0.15
SQLITE_WRITE_SECONDS = 1.0
_last_pause = 0.0
# A running batch saves the run every few seconds; this long without one, its process died.
STALE_AFTER = timedelta(minutes=10)
# The profile values an import replaces (and an undo puts back).
PROFILE_COLUMNS = ("field_id", "part_id", "job", "leader", "tags", "union_id")


class RunStopped(Exception):
    """The run is no longer running (undone as stale by another process)."""


def batch_size() -> int:
    # Read at call time: the tests make batches small.
    return BATCH_SIZE or settings.NUCLEUS_IMPORT_BATCH_ROWS


def empty_journal() -> dict[str, Any]:
    # created: person ids (of one batch; the run stores them as created_ranges); assessed:
    # assessment ids added to existing people; replaced: person id -> {"before": values,
    # "after": values} of alias and profile.
    return {"created": [], "assessed": [], "replaced": {}}


def add_ranges(ranges: list[list[int]], ids: list[int]) -> list[list[int]]:
    """``ranges`` ([first, last] pairs, sorted) with ``ids`` added, consecutive ids merged."""
    merged: list[list[int]] = []
    for pk in sorted({*ids}):
        if merged and merged[-1][1] + 1 == pk:
            merged[-1][1] = pk
        else:
            merged.append([pk, pk])
    out: list[list[int]] = []
    for first, last in sorted([*ranges, *merged]):
        if out and out[-1][1] + 1 >= first:
            out[-1][1] = max(out[-1][1], last)
        else:
            out.append([first, last])
    return out


def profile_values(person: Person) -> dict[str, Any]:
    profile = ContactProfile.objects.filter(person=person).values(*PROFILE_COLUMNS).first()
    return {"alias": person.alias, "profile": profile}


def start_run(*, acting_user: Any, unit: Unit, rows_total: int) -> ImportRun:
    """Open a run for the unit, after undoing stale ones; refused while another one runs."""
    undo_stale_runs(acting_user=acting_user, unit=unit)
    with transaction.atomic():
        # Serializes the check and the insert on PostgreSQL too (SQLite's IMMEDIATE
        # transactions already do).
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        if ImportRun.objects.filter(unit=unit, state=ImportRun.State.RUNNING).exists():
            raise RunStopped(_("Another import into this unit is being written; try again "
                               "when it has finished."))
        run = ImportRun.objects.create(kind=KIND, unit=unit, rows_total=rows_total,
                                       user=acting_user if _is_user(acting_user) else None,
                                       journal=empty_journal())
        record(actor=acting_user, action="create", obj=run)
    return run


def lock_running(run: ImportRun) -> ImportRun:
    """Inside a batch's transaction: the run as stored, or RunStopped if it was undone."""
    current = ImportRun.objects.select_for_update().get(pk=run.pk)
    if current.state != ImportRun.State.RUNNING:
        raise RunStopped(_("The import was stopped and undone: %(why)s")
                         % {"why": current.error})
    return current


def let_others_write() -> None:
    """Between two batches, outside any transaction: see SQLITE_PAUSE_SECONDS."""
    global _last_pause
    if connection.vendor != "sqlite":
        return
    if time.monotonic() - _last_pause >= SQLITE_WRITE_SECONDS:
        time.sleep(SQLITE_PAUSE_SECONDS)
        _last_pause = time.monotonic()


def commit_batch(run: ImportRun, journal: dict[str, Any], rows: int) -> None:
    """Inside a batch's transaction: add what the batch wrote to the run's journal."""
    stored = run.journal
    stored["created_ranges"] = add_ranges(stored.get("created_ranges", []), journal["created"])
    stored["assessed"] += journal["assessed"]
    for pk, change in journal["replaced"].items():
        # The first value replaced is the one to put back.
        before = stored["replaced"].get(pk, change)["before"]
        stored["replaced"][pk] = {"before": before, "after": change["after"]}
    run.rows_written += rows
    run.save(update_fields=["journal", "rows_written"])


def finish_run(*, acting_user: Any, run: ImportRun) -> None:
    with transaction.atomic():
        run = lock_running(run)
        run.state, run.journal = ImportRun.State.DONE, {}
        run.save(update_fields=["state", "journal"])
        record(actor=acting_user, action="update", obj=run, fields=["state"])


def undo_run(*, acting_user: Any, run: ImportRun, reason: str) -> bool:
    """Claim the run and undo what it wrote, in batches. False when another process had
    already claimed it (it undoes it)."""
    with transaction.atomic():
        current = ImportRun.objects.select_for_update().get(pk=run.pk)
        if current.state != ImportRun.State.RUNNING:
            return False
        current.state, current.error = ImportRun.State.UNDONE, reason[:300]
        current.save(update_fields=["state", "error"])
        record(actor=acting_user, action="update", obj=current, fields=["state"])
    _compensate(acting_user, current)
    return True


def undo_stale_runs(*, acting_user: Any, unit: Unit | None = None) -> int:
    """Undo runs whose process died: running, or half undone, and silent for STALE_AFTER.
    Without a unit: the runs of every unit where the user may change records."""
    quiet = (ImportRun.objects.filter(unit=unit) if unit is not None
             else ImportRun.objects.restrict(acting_user, "change"))
    quiet = quiet.filter(updated_at__lt=timezone.now() - STALE_AFTER)
    count = 0
    for run in list(quiet.filter(state=ImportRun.State.RUNNING)):
        count += undo_run(acting_user=acting_user, run=run,
                          reason=_("its process stopped before it had finished"))
    for run in list(quiet.filter(state=ImportRun.State.UNDONE).exclude(journal={})):
        _compensate(acting_user, run)
        count += 1
    return count


def _compensate(acting_user: Any, run: ImportRun) -> None:
    """Remove what the run wrote, a batch per transaction; the journal shrinks with each, so
    an undo that is itself interrupted goes on where it stopped."""
    journal = {**empty_journal(), **(run.journal or {})}
    while journal.get("created_ranges"):
        let_others_write()
        with transaction.atomic():
            journal["created_ranges"] = _delete_created(acting_user, run,
                                                        journal["created_ranges"])
            _save_journal(run, journal)
    while journal["created"]:  # the journal of a run begun before created_ranges
        let_others_write()
        with transaction.atomic():
            chunk, journal["created"] = journal["created"][:batch_size()], \
                journal["created"][batch_size():]
            for person in Person.objects.filter(pk__in=chunk):
                do_delete_person(acting_user=acting_user, person=person)
            _save_journal(run, journal)
    while journal["assessed"]:
        let_others_write()
        with transaction.atomic():
            chunk, journal["assessed"] = journal["assessed"][:batch_size()], \
                journal["assessed"][batch_size():]
            for assessment in Assessment.objects.filter(pk__in=chunk).select_related(
                    "person"):
                record(actor=acting_user, action="delete", obj=assessment)
                assessment.delete()
                _refresh_current_level(assessment.person, acting_user=acting_user)
            _save_journal(run, journal)
    while journal["replaced"]:
        let_others_write()
        with transaction.atomic():
            keys = list(journal["replaced"])[:batch_size()]
            for key in keys:
                _put_back(acting_user, int(key), journal["replaced"].pop(key))
            _save_journal(run, journal)
    run.journal = {}
    run.save(update_fields=["journal"])


def _delete_created(acting_user: Any, run: ImportRun,
                    ranges: list[list[int]]) -> list[list[int]]:
    """Delete the first batch of people of ``ranges`` (with what hangs on them, tombstones
    and one audit row naming their uids); return the ranges left."""
    first, last = ranges[0]
    end = min(last, first + batch_size() - 1)
    people = Person.objects.filter(pk__gte=first, pk__lte=end)
    uids = list(people.values_list("uid", flat=True))
    if uids:
        record_batch(actor=acting_user, action="delete", model=Person, unit_id=run.unit_id,
                     uids={Person._meta.label: uids}, detail={"import_run": str(run.uid)})
        delete_with_tombstones(people)
    return ([[end + 1, last]] if end < last else []) + ranges[1:]


def _save_journal(run: ImportRun, journal: dict[str, Any]) -> None:
    run.journal = journal
    run.save(update_fields=["journal"])


def _put_back(acting_user: Any, pk: int, change: dict[str, Any]) -> None:
    """Restore the alias and profile values the run replaced, where they still hold what the
    run wrote: a change someone made since is theirs and stays."""
    person = Person.objects.filter(pk=pk).select_related("unit__organization").first()
    if person is None:
        return
    before, after = change["before"], change["after"]
    if person.alias == after["alias"] and before["alias"] != after["alias"]:
        do_update_person(acting_user=acting_user, person=person,
                         data={"alias": before["alias"]})
    profile = ContactProfile.objects.filter(person=person).first()
    if profile is None:
        return
    if before["profile"] is None:
        # The run mapped the contact in the field: delete that mapping.
        record(actor=acting_user, action="delete", obj=profile)
        profile.delete()
        return
    data = {name: before["profile"][name] for name in PROFILE_COLUMNS
            if getattr(profile, name) == after["profile"][name]
            and before["profile"][name] != after["profile"][name]}
    if data:
        do_update_contact_profile(acting_user=acting_user, profile=profile, data=data)


def _is_user(user: Any) -> bool:
    return user is not None and user.is_authenticated
