"""Importing contacts of a field from CSV (the export is ``fieldwork/csv_export.py``).

The import is all-or-nothing: ``preview_contacts_import`` checks every row and reports each
problem with its row number (the header is row 1, as a spreadsheet shows it);
``import_contacts`` saves nothing unless there is no error at all.

A file of any size is imported with flat memory: it is read twice as a stream
(``fieldwork.csv_source``), never held whole. The checking pass checks the rows a batch at a
time (``fieldwork.csv_rows``) and keeps only compact keys of what it saw (aliases, blind
indexes, the people matched: ``fieldwork.csv_seen``); a bad row anywhere refuses the whole
file before anything is written. The writing pass reads the file again and writes it in
batches (``NUCLEUS_IMPORT_BATCH_ROWS``), each in its own short transaction so that other
writers (logins, reveals) get SQLite in between, under an import-run marker that journals
what each batch created and replaced. New contacts are written in bulk
(``fieldwork.contacts_bulk``: the rows the actions write, one audit row per batch); rows
that update a person on file go through the actions. If a batch fails (the database
refuses a row, someone else added or removed one of the file's contacts in between, the
process is interrupted, the caller cancels), the run is undone: everything it wrote is
removed or put back, so the import still leaves all of the file or none of it
(``fieldwork/import_runs.py`` tells how, and what others may see meanwhile).

It is idempotent: a row
whose alias (in the field's unit) matches a person the user can see, or whose phone or email
(through the blind index) matches a person whose identity the user may reveal, updates that
person instead of adding a duplicate (a phone match is never shown to whoever may not reveal).
An existing person's sealed identity is never overwritten by an import (it cannot be merged
without decrypting it): such rows list the identity columns they leave untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fieldwork import contacts_bulk, import_runs
from fieldwork.actions import do_assess, do_set_contact_profile
from fieldwork.csv_rows import (
    ASSESSMENT_ATTRIBUTES,
    ATTRIBUTES,
    HEADER_ROW,
    IDENTITY_ATTRIBUTES,
    PROFILE_ATTRIBUTES,
    ImportRow,
    Matcher,
    _check_mapping,
    _Lookups,
    parse_record,
)
from fieldwork.csv_seen import SeenKeys
from fieldwork.csv_source import CsvSource, Source, SourceError, count_rows
from fieldwork.models import ContactProfile, Field
from people.actions import do_update_person
from people.models import Person

__all__ = ["ATTRIBUTES", "EXPORT_COLUMNS", "IDENTITY_ATTRIBUTES", "ImportResult", "ImportRow",
           "Preview", "Progress", "count_rows", "import_contacts", "preview_contacts_import"]

EXPORT_COLUMNS = ("alias", "field", *PROFILE_ATTRIBUTES, *ASSESSMENT_ATTRIBUTES)
# Rows checked per batch of lookups (the writing pass uses import_runs.batch_size()).
CHECK_ROWS = 2000
# A file this wrong is not worth listing further: the check stops there.
MAX_ERRORS = 1000

Progress = Callable[[int], object]
ShouldStop = Callable[[], bool]


@dataclass
class Preview:
    rows: list[ImportRow]
    errors: list[tuple[int, str]]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportResult:
    created: int
    updated: int
    assessed: int
    errors: list[tuple[int, str]]
    saved: bool
    cancelled: bool = False

    @property
    def status(self) -> str:
        """"saved", "checked" (a dry run without errors), "refused" or "cancelled"."""
        if self.cancelled:
            return "cancelled"
        return "saved" if self.saved else "refused" if self.errors else "checked"


class _Abort(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors


class _Cancelled(Exception):
    pass


def _writable_field(user, field: Field | int) -> Field:
    pk = field if isinstance(field, int) else field.pk
    found = (Field.objects.restrict(user, "add").select_related("unit__organization")
             .filter(pk=pk).first())
    if found is None:
        raise Http404("No field matches the given query.")
    return found


def _batches(source: CsvSource, look: _Lookups, mapping: dict[str, str], size: int,
             errors: list[tuple[int, str]], checked: SeenKeys | None = None
             ) -> Iterator[list[tuple[int, dict]]]:
    """One pass over the file: its records checked (errors appended), the good ones yielded
    ``size`` at a time as (row number, parsed values). ``checked``: the writing pass's
    memory of the check (``parse_record``)."""
    with source.records() as (header, records):
        if not header:
            errors.append((HEADER_ROW, _("The file is empty.")))
            return
        errors.extend(_check_mapping(header, mapping))
        if errors:
            return
        columns = {attribute: header.index(column) for column, attribute in mapping.items()}
        pending: list[tuple[int, list[str]]] = []
        for number, record in records:
            pending.append((number, record))
            if len(pending) < size:
                continue
            batch = _parsed(pending, header, columns, look, errors, checked)
            pending = []
            if _too_many(errors):
                return
            if batch:
                yield batch
        batch = _parsed(pending, header, columns, look, errors, checked)
        if batch and not _too_many(errors):
            yield batch


def _too_many(errors: list[tuple[int, str]]) -> bool:
    """At MAX_ERRORS the check stops (at that error's row; what follows is dropped)."""
    if len(errors) < MAX_ERRORS:
        return False
    number = errors[MAX_ERRORS - 1][0]
    del errors[MAX_ERRORS:]
    errors.append((number, _("Too many errors: the check stopped at row %(r)s.")
                   % {"r": number}))
    return True


def _parsed(pending: list[tuple[int, list[str]]], header: list[str], columns: dict[str, int],
            look: _Lookups, errors: list[tuple[int, str]], checked: SeenKeys | None
            ) -> list[tuple[int, dict]]:
    if not pending:
        return []
    known = checked.checked(pending[0][0], pending[-1][0]) if checked is not None else {}
    batch = []
    for number, record in pending:
        row = parse_record(number, record, header, columns, look, errors, known.get(number))
        if row is not None:
            batch.append((number, row))
    return batch


def _check(user, field: Field, source: CsvSource, mapping: dict[str, str], *,
           keep: list[ImportRow] | None, seen: SeenKeys,
           should_stop: ShouldStop | None) -> tuple[list[tuple[int, str]], int, int, int]:
    """The checking pass: (errors sorted by row, rows, new contacts, assessments). Rows that
    update a person on file are remembered in ``seen``; ``keep`` collects every row."""
    look = _Lookups(user, field)
    matcher = Matcher(look, seen)
    errors: list[tuple[int, str]] = []
    total = creates = assessed = 0
    try:
        for parsed in _batches(source, look, mapping, CHECK_ROWS, errors):
            if should_stop is not None and should_stop():
                raise _Cancelled
            rows = matcher.match(parsed, errors)
            total += len(rows)
            creates += sum(r.action == "create" for r in rows)
            assessed += sum(r.level_value is not None for r in rows)
            seen.decide((r.row_number, r.person_id) for r in rows if r.person_id is not None)
            if keep is not None:
                keep.extend(rows)
    except SourceError as bad:
        errors.append((bad.row, bad.message))
    errors.sort(key=lambda e: e[0])
    return errors, total, creates, assessed


def preview_contacts_import(user, field: Field | int, file_text: Source,
                            mapping: dict[str, str]) -> Preview:
    """Check a CSV of contacts for a field without saving anything.

    ``mapping`` maps column names of the header to attributes: alias (required), part, job,
    leader, tags, union, legal_name, phone, email, address, assessment (a value of the scale),
    assessed_on (YYYY-MM-DD, default today). Columns not mapped are ignored. The user needs
    the 'add' action on the field's unit (Http404 otherwise). The rows are all returned: for
    the web page's upload, not for a file of a million rows (``import_contacts`` checks
    those with flat memory)."""
    field = _writable_field(user, field)
    source, seen = CsvSource(file_text), SeenKeys()
    rows: list[ImportRow] = []
    try:
        errors, *_counts = _check(user, field, source, mapping, keep=rows, seen=seen,
                                  should_stop=None)
    finally:
        source.close()
        seen.close()
    return Preview(rows if not errors else [], errors)


def import_contacts(user, field: Field | int, source: Source, mapping: dict[str, str], *,
                    dry_run: bool = False, progress: Progress | None = None,
                    should_stop: ShouldStop | None = None) -> ImportResult:
    """Check the whole file, then save every row in batches, or nothing (see the module
    docstring and ``fieldwork.import_runs``). Returns the counts and the errors (row number,
    reason); ``ImportResult.status`` says "saved", "checked", "refused" or "cancelled".

    ``source``: the CSV as text (``str``), a path (``pathlib.Path``), or a binary file
    object (read from its current position; rewound for the second pass, or copied to a
    temporary file first when it cannot seek). UTF-8, a byte order mark allowed.
    ``mapping``: column name → attribute (``preview_contacts_import``). ``dry_run``: check
    only. ``progress(n)`` is called after each written batch with the rows it wrote.
    ``should_stop()`` is asked before each batch, in both passes: when it answers True,
    what was written is undone and the result is "cancelled" (nothing saved). Runs as
    ``user`` (the 'add' action on the field's unit; Http404 otherwise); a background job
    calls it under the user's database scope (``access.dbwall``)."""
    field = _writable_field(user, field)
    csv_source, seen = CsvSource(source), SeenKeys()
    try:
        try:
            errors, total, creates, assessed = _check(user, field, csv_source, mapping,
                                                      keep=None, seen=seen,
                                                      should_stop=should_stop)
        except _Cancelled:
            return ImportResult(0, 0, 0, [], saved=False, cancelled=True)
        if errors or dry_run:
            return ImportResult(creates, total - creates, assessed, errors, saved=False)
        outcome = _write(user, field, csv_source, mapping, seen, total, progress, should_stop)
    finally:
        csv_source.close()
        seen.close()
    if outcome is not None:
        return outcome
    return ImportResult(creates, total - creates, assessed, [], saved=True)


def _write(user, field: Field, source: CsvSource, mapping: dict[str, str], seen: SeenKeys,
           total: int, progress: Progress | None,
           should_stop: ShouldStop | None) -> ImportResult | None:
    """The writing pass under an import run; None when every batch was written."""
    try:
        run = import_runs.start_run(acting_user=user, unit=field.unit, rows_total=total)
    except import_runs.RunStopped as busy:
        return ImportResult(0, 0, 0, [(HEADER_ROW, str(busy))], saved=False)
    look = _Lookups(user, field)
    matcher = Matcher(look, None)
    try:
        errors: list[tuple[int, str]] = []
        for number, parsed in enumerate(_batches(source, look, mapping,
                                                 import_runs.batch_size(), errors, seen)):
            if should_stop is not None and should_stop():
                raise _Cancelled
            if number:
                import_runs.let_others_write()
            if errors:  # the file changed since it was checked, or a part was removed
                raise _Abort(errors)
            _write_batch(user, field, look, matcher, seen, run, parsed, progress)
        if errors:
            raise _Abort(errors)
    except _Cancelled:
        import_runs.undo_run(acting_user=user, run=run, reason=_("cancelled"))
        return ImportResult(0, 0, 0, [], saved=False, cancelled=True)
    except (_Abort, import_runs.RunStopped, SourceError) as failure:
        errors = (failure.errors if isinstance(failure, _Abort)
                  else [(failure.row, failure.message)] if isinstance(failure, SourceError)
                  else [(HEADER_ROW, str(failure))])
        import_runs.undo_run(acting_user=user, run=run, reason="; ".join(
            f"{number}: {reason}" for number, reason in errors))
        return ImportResult(0, 0, 0, errors, saved=False)
    except BaseException:
        # Interrupted (Ctrl+C, a database error): nothing of the run may stay.
        import_runs.undo_run(acting_user=user, run=run, reason=_("interrupted"))
        raise
    import_runs.finish_run(acting_user=user, run=run)
    return None


def _write_batch(user, field: Field, look: _Lookups, matcher: Matcher, seen: SeenKeys, run,
                 parsed: list[tuple[int, dict]], progress: Progress | None) -> int:
    """One short transaction: the batch's rows matched again against the database (others
    had their turn since the check), then written, with their journal entry; or nothing.
    Returns how many rows it wrote."""
    with transaction.atomic():
        current = import_runs.lock_running(run)
        errors: list[tuple[int, str]] = []
        rows = matcher.match(parsed, errors)
        if errors:
            raise _Abort(errors)
        _check_unchanged(rows, seen.decided(parsed[0][0], parsed[-1][0]))
        journal = import_runs.empty_journal()
        new = [row for row in rows if row.action == "create"]
        try:
            created = contacts_bulk.create_contacts(acting_user=user, field=field, rows=new,
                                                   region=look.region, run=run)
        except ValidationError as exc:
            # The bulk write refuses a batch, not a row: named by the batch's first new row.
            raise _Abort([(new[0].row_number, m) for m in exc.messages]) from None
        except DatabaseError:
            # A constraint (an alias taken meanwhile): the row is not known, the batch is.
            raise _Abort([(new[0].row_number, _("A contact of this file was added by "
                                                "someone else meanwhile."))]) from None
        journal["created"] = created
        unchanged = _unchanged(field, rows)
        for row in rows:
            if row.action != "create" and row.row_number not in unchanged:
                try:
                    _apply_update(user, field, row, journal)
                except ValidationError as exc:
                    raise _Abort([(row.row_number, m) for m in exc.messages]) from None
        import_runs.commit_batch(current, journal, len(rows))
        run.journal = current.journal
    if progress is not None:
        progress(len(rows))
    return len(rows)


def _check_unchanged(rows: list[ImportRow], decided: dict[int, int]) -> None:
    """Each row still finds whom the check found: a contact the file adds may have been
    added by someone else meanwhile (adding it again would make a duplicate), one it updates
    may have been deleted or moved."""
    errors = []
    for row in rows:
        expected = decided.get(row.row_number)
        if row.person_id == expected:
            continue
        if expected is None:
            errors.append((row.row_number, _("This contact was added by someone else while "
                                             "the file was being imported: import the file "
                                             "again.")))
        else:
            errors.append((row.row_number, _("%(a)s was deleted or moved while the file was "
                                             "being imported.") % {"a": row.alias}))
    if errors:
        raise _Abort(errors)


def _unchanged(field: Field, rows: list[ImportRow]) -> set[int]:
    """Row numbers of the rows that would change nothing of the person they name: same
    alias, a profile in this field with the same values, no new assessment. Skipped: a
    re-run of a million-row file then reads the people again instead of going through the
    update actions (some 20 ms a row) to write what is there."""
    updates: dict[int, ImportRow] = {row.person_id: row for row in rows if row.person_id
                                     is not None and row.level_value is None}
    if not updates:
        return set()
    aliases = dict(Person.objects.filter(pk__in=updates, unit=field.unit)
                   .values_list("pk", "alias"))
    profiles = {p["person_id"]: p for p in ContactProfile.objects.filter(
        person_id__in=updates, field=field).values("person_id", *import_runs.PROFILE_COLUMNS)}
    same = set()
    for pk, row in updates.items():
        stored = profiles.get(pk)
        if aliases.get(pk) != row.alias or stored is None:
            continue
        if all(stored[_COLUMN.get(name, name)] == _stored_value(value)
               for name, value in row.profile.items()):
            same.add(row.row_number)
    return same


# A profile value given as a record is stored as its id.
_COLUMN = {"part": "part_id", "union": "union_id"}


def _stored_value(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


def _apply_update(user, field: Field, row: ImportRow, journal: dict) -> None:
    assert row.person_id is not None  # an update names its person
    found = (Person.objects.select_related("unit__organization")
             .filter(pk=row.person_id, unit=field.unit).first())
    if found is None:
        raise ValidationError(_("%(a)s was deleted or moved while the file was being "
                                "imported.") % {"a": row.alias})
    person = found
    before = import_runs.profile_values(person)
    if person.alias != row.alias:
        person = do_update_person(acting_user=user, person=person, data={"alias": row.alias})
    do_set_contact_profile(acting_user=user, person=person, field=field, data=row.profile)
    after = import_runs.profile_values(person)
    if after != before:  # a re-import that changes nothing leaves nothing to put back
        journal["replaced"][str(person.pk)] = {"before": before, "after": after}
    if row.level_value is not None:
        assessment = do_assess(acting_user=user, person=person, level_value=row.level_value,
                               assessed_on=row.assessed_on or timezone.localdate())
        journal["assessed"].append(assessment.pk)
