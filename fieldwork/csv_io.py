"""Importing contacts of a field from CSV (the export is ``fieldwork/csv_export.py``).

The import is all-or-nothing: ``preview_contacts_import`` checks every row and reports each
problem with its row number (the header is row 1, as a spreadsheet shows it);
``import_contacts`` saves nothing unless there is no error at all.

A long file is not written in one long transaction, which would lock SQLite for every other
writer (logins, reveals) until the end: after the whole file has been checked without
writing, it is written in batches (``NUCLEUS_IMPORT_BATCH_ROWS``), each in its own short
transaction, under an import-run marker that journals what each batch created and replaced.
If a batch fails (an action refuses a row, someone else added one of the file's contacts in
between, the process is interrupted), the run is undone: everything it wrote is removed or
put back, so the import still leaves all of the file or none of it
(``fieldwork/import_runs.py`` tells how, and what others may see meanwhile).

It is idempotent: a row
whose alias (in the field's unit) matches a person the user can see, or whose phone or email
(through the blind index) matches a person whose identity the user may reveal, updates that
person instead of adding a duplicate (a phone match is never shown to whoever may not reveal).
An existing person's sealed identity is never overwritten by an import (it cannot be merged
without decrypting it): such rows list the identity columns they leave untouched.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from fieldwork import import_runs
from fieldwork.actions import do_assess, do_create_contact, do_set_contact_profile
from fieldwork.models import Assessment, Field, FieldPart, MassOrganization
from fieldwork.queries import current_level, scale_for
from organizations.regions import unit_region
from people.actions import do_update_person, validate_identity
from people.models import Identity, Person
from vault.crypto import blind_index

if TYPE_CHECKING:
    # Only for the type checker: django-stubs-ext is a test dependency.
    from typing import TypedDict

    from django_stubs_ext import WithAnnotations


    class _LevelValue(TypedDict):
        level_value: int | None

    # A person as _Lookups.candidates returns them: annotated with their current level.
    PersonWithLevel = WithAnnotations[Person, _LevelValue]

PROFILE_ATTRIBUTES = ("part", "job", "leader", "tags", "union")
IDENTITY_ATTRIBUTES = ("legal_name", "phone", "email", "address")
ASSESSMENT_ATTRIBUTES = ("assessment", "assessed_on")
ATTRIBUTES = ("alias", *PROFILE_ATTRIBUTES, *IDENTITY_ATTRIBUTES, *ASSESSMENT_ATTRIBUTES)
EXPORT_COLUMNS = ("alias", "field", *PROFILE_ATTRIBUTES, *ASSESSMENT_ATTRIBUTES)
TRUE = {"1", "yes", "y", "true", "x"}
FALSE = {"", "0", "no", "n", "false"}
HEADER_ROW = 1

Progress = Callable[[int], object]


@dataclass(frozen=True)
class ImportRow:
    row_number: int
    alias: str
    action: str  # "create" or "update"
    person_id: int | None
    profile: dict
    # Never shown in logs or reprs: identities stay out of tracebacks.
    identity: Identity | None = dc_field(repr=False)
    level_value: int | None = None
    assessed_on: date | None = None
    # Identity columns given for an existing person, which the import leaves untouched.
    ignored_identity: tuple[str, ...] = ()
    # How the existing person was found: "phone", "email", "alias" (fieldwork.csv_duplicates).
    matched_by: tuple[str, ...] = ()


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


def _writable_field(user, field: Field | int) -> Field:
    pk = field if isinstance(field, int) else field.pk
    found = (Field.objects.restrict(user, "add").select_related("unit__organization")
             .filter(pk=pk).first())
    if found is None:
        raise Http404("No field matches the given query.")
    return found


def _unquote(value: str) -> str:
    # Undo export_contacts' protection against spreadsheet formulas.
    if value[:2] in {"'=", "'+", "'-", "'@"}:
        return value[1:]
    return value


def _check_mapping(header: list[str], mapping: dict[str, str]) -> list[tuple[int, str]]:
    errors = []
    for column, attribute in mapping.items():
        if attribute not in ATTRIBUTES:
            errors.append((HEADER_ROW, _("Unknown attribute “%(a)s” (known: %(known)s).")
                           % {"a": attribute, "known": ", ".join(ATTRIBUTES)}))
        if column not in header:
            errors.append((HEADER_ROW, _("Column “%(c)s” is not in the header.")
                           % {"c": column}))
    attributes = list(mapping.values())
    for attribute in sorted({a for a in attributes if attributes.count(a) > 1}):
        errors.append((HEADER_ROW, _("Several columns are mapped to “%(a)s”.")
                       % {"a": attribute}))
    if "alias" not in attributes:
        errors.append((HEADER_ROW, _("Map a column to “alias”.")))
    return errors


class _Lookups:
    """Everything rows are checked against, loaded once (a fixed number of queries)."""

    def __init__(self, user, field: Field):
        org = field.unit.organization
        self.field, self.org = field, org
        self.parts = {p.name.casefold(): p for p in FieldPart.objects.filter(field=field)}
        self.unions = {m.name.casefold(): m
                       for m in MassOrganization.objects.filter(organization=org)}
        self.scale = {lv.value for lv in scale_for(org)}
        self.user = user
        # A phone without its country code is a number of the field's country.
        self.region = unit_region(field.unit)

    def index(self, value: str, kind: str) -> str:
        return blind_index(value, scope_salt=self.org.index_salt, kind=kind,
                           region=self.region) if value else ""

    def candidates(self, phones: set[str], emails: set[str],
                   aliases: set[str]) -> list[PersonWithLevel]:
        """People the user can see in the organization matching any alias (only within the
        field's unit), or a phone or email among the people whose identity the user may
        reveal: matching a phone confirms an identity, and an upload must not be a way to
        learn who has a number (without the right, such a row is a new contact, to be merged
        later by someone who may see both). Annotated with their current level."""
        q = Q(unit=self.field.unit, alias__in=aliases)
        by_contact = Q(pk__in=[])
        if phones:
            by_contact |= Q(phone_index__in=phones)
        if emails:
            by_contact |= Q(email_index__in=emails)
        revealable = Person.objects.restrict(self.user, "reveal").values("pk")
        q |= by_contact & Q(pk__in=revealable)
        return list(Person.objects.restrict(self.user).filter(unit__organization=self.org)
                    .filter(q).annotate(level_value=current_level("pk", "level__value")))

    @staticmethod
    def assessments_of(people: Sequence[Person]) -> set[tuple[int, int, date]]:
        """(person, level value, date) of every assessment of these people."""
        return set(Assessment.objects.filter(person__in=people)
                   .values_list("person_id", "level__value", "assessed_on"))


def _parse_row(values: dict[str, str], look: _Lookups, errors: list[str]) -> dict:
    """Check one row's values; append reasons to ``errors``; return the parsed values."""
    out: dict = {"alias": values.get("alias", "")}
    if not out["alias"]:
        errors.append(_("Missing alias."))
    elif len(out["alias"]) > 100:
        errors.append(_("The alias is longer than 100 characters."))
    profile: dict = {}
    if "part" in values:
        part = values["part"]
        profile["part"] = look.parts.get(part.casefold()) if part else None
        if part and profile["part"] is None:
            errors.append(_("Unknown part “%(p)s” in this field.") % {"p": part})
    if "union" in values:
        union = values["union"]
        profile["union"] = look.unions.get(union.casefold()) if union else None
        if union and profile["union"] is None:
            errors.append(_("Unknown mass organization “%(u)s”.") % {"u": union})
    if "leader" in values:
        flag = values["leader"].casefold()
        if flag not in TRUE | FALSE:
            errors.append(_("Leader must be yes or no, not “%(v)s”.") % {"v": values["leader"]})
        profile["leader"] = flag in TRUE
    for name, limit in (("job", 120), ("tags", 300)):
        if name in values:
            if len(values[name]) > limit:
                errors.append(_("%(n)s is too long.") % {"n": name})
            profile[name] = values[name]
    out["profile"] = profile
    given = {n: values[n] for n in IDENTITY_ATTRIBUTES if values.get(n)}
    out["identity"] = Identity(**given) if given else None
    if out["identity"] is not None:
        try:
            validate_identity(out["identity"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.extend(f"{name}: {m}" for m in messages)
    out["level_value"] = out["assessed_on"] = None
    if values.get("assessment"):
        try:
            out["level_value"] = int(values["assessment"])
        except ValueError:
            errors.append(_("The assessment “%(v)s” is not a number.")
                          % {"v": values["assessment"]})
        else:
            if out["level_value"] not in look.scale:
                errors.append(_("The assessment %(v)s is outside the scale.")
                              % {"v": out["level_value"]})
    if values.get("assessed_on"):
        try:
            out["assessed_on"] = date.fromisoformat(values["assessed_on"])
        except ValueError:
            errors.append(_("“%(v)s” is not a date (YYYY-MM-DD).")
                          % {"v": values["assessed_on"]})
        else:
            if out["assessed_on"] > timezone.localdate():
                errors.append(_("The date %(d)s is in the future.") % {"d": out["assessed_on"]})
        if out["level_value"] is None and not values.get("assessment"):
            errors.append(_("A date of assessment without an assessment."))
    return out


def preview_contacts_import(user, field: Field | int, file_text: str,
                            mapping: dict[str, str]) -> Preview:
    """Check a CSV of contacts for a field without saving anything.

    ``mapping`` maps column names of the header to attributes: alias (required), part, job,
    leader, tags, union, legal_name, phone, email, address, assessment (a value of the scale),
    assessed_on (YYYY-MM-DD, default today). Columns not mapped are ignored. The user needs
    the 'add' action on the field's unit (Http404 otherwise)."""
    field = _writable_field(user, field)
    reader = csv.reader(io.StringIO(file_text.lstrip("\ufeff")))
    header = [c.strip() for c in next(reader, [])]
    if not header:
        return Preview([], [(HEADER_ROW, _("The file is empty."))])
    errors = _check_mapping(header, mapping)
    if errors:
        return Preview([], errors)
    look = _Lookups(user, field)
    columns = {attribute: header.index(column) for column, attribute in mapping.items()}
    parsed: list[tuple[int, dict]] = []
    for number, record in enumerate(reader, start=HEADER_ROW + 1):
        if not any(cell.strip() for cell in record):
            continue  # blank line
        if len(record) != len(header):
            errors.append((number, _("%(n)s columns where the header has %(h)s.")
                           % {"n": len(record), "h": len(header)}))
            continue
        values = {a: _unquote(record[i].strip()) for a, i in columns.items()}
        reasons: list[str] = []
        row = _parse_row(values, look, reasons)
        errors.extend((number, reason) for reason in reasons)
        if not reasons:
            parsed.append((number, row))
    rows = _match(look, parsed, errors)
    errors.sort(key=lambda e: e[0])
    return Preview(rows if not errors else [], errors)


def _match(look: _Lookups, parsed: list[tuple[int, dict]],
           errors: list[tuple[int, str]]) -> list[ImportRow]:
    keys = []
    for _number, row in parsed:
        ident = row["identity"]
        keys.append((look.index(ident.phone, "phone") if ident else "",
                     look.index(ident.email, "email") if ident else ""))
    people = look.candidates({p for p, _e in keys if p}, {e for _p, e in keys if e},
                             {row["alias"] for _n, row in parsed})
    by_phone = {p.phone_index: p for p in people if p.phone_index}
    by_email = {p.email_index: p for p in people if p.email_index}
    by_alias = {p.alias: p for p in people if p.unit_id == look.field.unit_id}
    known = look.assessments_of(people)
    seen: dict[object, int] = {}
    rows = []
    for (number, row), (phone, email) in zip(parsed, keys, strict=True):
        found = (("phone", by_phone.get(phone)), ("email", by_email.get(email)),
                 ("alias", by_alias.get(row["alias"])))
        matches = {p.pk: p for _by, p in found if p is not None}
        if len(matches) > 1:
            errors.append((number, _("The phone, email and alias match different people.")))
            continue
        person = next(iter(matches.values()), None)
        if person is not None and person.unit_id != look.field.unit_id:
            errors.append((number, _("This person (%(a)s) is in another unit: move them "
                                     "first.") % {"a": person.alias}))
            continue
        if person is not None and person.kind != Person.Kind.CONTACT:
            errors.append((number, _("%(a)s is a member, not a contact.")
                           % {"a": person.alias}))
            continue
        # The same person twice in one file would be imported twice.
        own = [("person", person.pk)] if person else []
        own += [("alias", row["alias"])] + [(k, v) for k, v in (("phone", phone),
                                                                ("email", email)) if v]
        twice = [seen[k] for k in own if k in seen]
        if twice:
            errors.append((number, _("The same person as row %(r)s.") % {"r": twice[0]}))
            continue
        seen.update(dict.fromkeys(own, number))
        level_value = row["level_value"]
        if person is not None and level_value is not None and (
                (person.pk, level_value, row["assessed_on"]) in known
                or (not row["assessed_on"] and level_value == person.level_value)):
            level_value = None  # already recorded: a re-import adds no assessment
        ignored = (tuple(n for n in IDENTITY_ATTRIBUTES if getattr(row["identity"], n))
                   if person is not None and row["identity"] is not None else ())
        rows.append(ImportRow(
            row_number=number, alias=row["alias"],
            action="update" if person is not None else "create",
            person_id=person.pk if person else None, profile=row["profile"],
            identity=row["identity"] if person is None else None,
            level_value=level_value, assessed_on=row["assessed_on"],
            ignored_identity=ignored, matched_by=tuple(by for by, p in found if p is not None)))
    return rows


class _Abort(Exception):
    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors


def import_contacts(user, field: Field | int, file_text: str, mapping: dict[str, str], *,
                    dry_run: bool = False, progress: Progress | None = None) -> ImportResult:
    """Check the whole file, then save every row in batches, or nothing (see the module
    docstring and ``fieldwork.import_runs``). Returns the counts and the errors (row number,
    reason)."""
    field = _writable_field(user, field)
    preview = preview_contacts_import(user, field, file_text, mapping)
    creates = sum(r.action == "create" for r in preview.rows)
    assessed = sum(r.level_value is not None for r in preview.rows)
    if preview.errors or dry_run:
        return ImportResult(creates, len(preview.rows) - creates, assessed, preview.errors,
                            saved=False)
    try:
        run = import_runs.start_run(acting_user=user, unit=field.unit,
                                    rows_total=len(preview.rows))
    except import_runs.RunStopped as busy:
        return ImportResult(0, 0, 0, [(HEADER_ROW, str(busy))], saved=False)
    look = _Lookups(user, field)
    try:
        written = 0
        while written < len(preview.rows):
            if written:
                import_runs.let_others_write()
            batch = preview.rows[written:written + import_runs.batch_size()]
            written += _write_batch(user, field, look, run, batch, progress)
    except (_Abort, import_runs.RunStopped) as failure:
        errors = (failure.errors if isinstance(failure, _Abort)
                  else [(HEADER_ROW, str(failure))])
        import_runs.undo_run(acting_user=user, run=run, reason="; ".join(
            f"{number}: {reason}" for number, reason in errors))
        return ImportResult(0, 0, 0, errors, saved=False)
    except BaseException:
        # Interrupted (Ctrl+C, a database error): nothing of the run may stay.
        import_runs.undo_run(acting_user=user, run=run, reason=_("interrupted"))
        raise
    import_runs.finish_run(acting_user=user, run=run)
    return ImportResult(creates, len(preview.rows) - creates, assessed, [], saved=True)


def _write_batch(user, field: Field, look: _Lookups, run, batch: Sequence[ImportRow],
                 progress: Progress | None) -> int:
    """One short transaction: the first rows of the batch (all of them, unless that takes
    longer than ``import_runs.BATCH_SECONDS``) and their journal entry, or nothing. Returns
    how many rows it wrote."""
    deadline = time.monotonic() + import_runs.BATCH_SECONDS
    with transaction.atomic():
        current = import_runs.lock_running(run)
        _check_still_new(look, batch)
        journal = import_runs.empty_journal()
        written = 0
        for row in batch:
            try:
                _apply(user, field, row, journal)
            except ValidationError as exc:
                raise _Abort([(row.row_number, m) for m in exc.messages]) from None
            written += 1
            if time.monotonic() > deadline:
                break
        import_runs.commit_batch(current, journal, written)
        run.journal = current.journal
    if progress is not None:
        progress(written)
    return written


def _check_still_new(look: _Lookups, batch: Sequence[ImportRow]) -> None:
    """Other writers had their turn since the file was checked: a contact the file adds may
    have been added by someone else meanwhile. Adding it again would make a duplicate."""
    new = [row for row in batch if row.action == "create"]
    phones = {look.index(r.identity.phone, "phone") for r in new if r.identity} - {""}
    emails = {look.index(r.identity.email, "email") for r in new if r.identity} - {""}
    found = look.candidates(phones, emails, {r.alias for r in new}) if new else []
    if not found:
        return
    taken = ({p.alias for p in found if p.unit_id == look.field.unit_id}
             | {p.phone_index for p in found} | {p.email_index for p in found}) - {""}
    errors = [(row.row_number, _("This contact was added by someone else while the file "
                                 "was being imported: import the file again."))
              for row in new if row.alias in taken or (row.identity is not None and (
                  look.index(row.identity.phone, "phone") in taken
                  or look.index(row.identity.email, "email") in taken))]
    raise _Abort(errors or [(new[0].row_number, _("A contact of this file was added by "
                                                  "someone else meanwhile."))])


def _apply(user, field: Field, row: ImportRow, journal: dict) -> None:
    if row.action == "create":
        profile = do_create_contact(acting_user=user, field=field, alias=row.alias,
                                    profile=row.profile, identity=row.identity)
        person = profile.person
        journal["created"].append(person.pk)
    else:
        assert row.person_id is not None  # an update names its person
        found = (Person.objects.select_related("unit__organization")
                 .filter(pk=row.person_id, unit=field.unit).first())
        if found is None:
            raise ValidationError(_("%(a)s was deleted or moved while the file was being "
                                    "imported.") % {"a": row.alias})
        person = found
        before = import_runs.profile_values(person)
        if person.alias != row.alias:
            person = do_update_person(acting_user=user, person=person,
                                      data={"alias": row.alias})
        do_set_contact_profile(acting_user=user, person=person, field=field, data=row.profile)
        after = import_runs.profile_values(person)
        if after != before:  # a re-import that changes nothing leaves nothing to put back
            journal["replaced"][str(person.pk)] = {"before": before, "after": after}
    if row.level_value is not None:
        assessment = do_assess(acting_user=user, person=person, level_value=row.level_value,
                               assessed_on=row.assessed_on or timezone.localdate())
        if row.action != "create":
            journal["assessed"].append(assessment.pk)


def count_rows(file_text: str) -> int:
    """Data rows in a CSV (for a progress bar's total)."""
    reader = csv.reader(io.StringIO(file_text.lstrip("\ufeff")))
    next(reader, None)
    return sum(1 for record in reader if any(c.strip() for c in record))

