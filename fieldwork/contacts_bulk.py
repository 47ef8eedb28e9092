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

The rows are written as plain multi-row INSERT statements (``bulk_insert``) from tuples
built straight from the checked rows: building a model instance and going through
``bulk_create``'s compiler took four fifths of the time of a batch (some 100 µs a record),
more than sealing the identity. Values still go through each field's ``get_db_prep_save``,
so what is stored is what the ORM stores.

Audited by one row per batch (``audit.log.record_batch``) naming the uids of every record it
wrote and the identity parts filled, never their values.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.utils import timezone

from audit.log import record_batch
from fieldwork.models import Assessment, AssessmentLevel, ContactProfile, Field
from people.models import Identity, Person, StatusChange
from people.reindex import indexes_for
from vault import crypto
from vault.keyring import get_keyring

if TYPE_CHECKING:
    from fieldwork.csv_rows import ImportRow
    from nucleus.models import ImportRun

# Rows per INSERT statement at most (fewer where the database's variable limit says so).
INSERT_ROWS = 500
# PostgreSQL's protocol carries at most 65,535 parameters per statement.
_PG_PARAMS = 65535


def _is_user(user: Any) -> bool:
    return user is not None and user.is_authenticated


def bulk_insert(model: type[models.Model], rows: list[dict[str, Any]],
                returning: bool = False) -> list[tuple[Any, Any]]:
    """Insert ``rows`` ({attname: value}, every concrete field but the id) with as few
    statements as the variable limit allows; with ``returning``, (id, uid) of each row, in
    no particular order."""
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    # Only these types store differently from their Python value (SQLite: text).
    convert = [isinstance(f, models.UUIDField | models.DateField) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    limit = connection.features.max_query_params or _PG_PARAMS
    per_statement = max(1, min(INSERT_ROWS, limit // len(fields)))
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = " RETURNING id, uid" if returning else ""
    out: list[tuple[Any, Any]] = []
    # A batch's dates and times are mostly one value (now, today): converted once each.
    memo: dict[tuple[int, Any], Any] = {}

    def prepared(i: int, f: models.Field, value: Any) -> Any:
        if not convert[i] or value is None:
            return value
        if isinstance(value, uuid.UUID):
            return f.get_db_prep_save(value, connection)
        key = (i, value)
        if key not in memo:
            memo[key] = f.get_db_prep_save(value, connection)
        return memo[key]

    if connection.vendor == "postgresql":
        return _insert_arrays(fields, table, columns, rows, tail)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            params = [prepared(i, f, row[f.attname]) for row in chunk
                      for i, f in enumerate(fields)]
            sql = (f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (names quoted)
                   + ", ".join([one] * len(chunk)) + tail)
            cursor.execute(sql, params)
            if returning:
                out += cursor.fetchall()
    return out


def _insert_arrays(fields: list[models.Field], table: str, columns: str,
                   rows: list[dict[str, Any]], tail: str) -> list[tuple[Any, Any]]:
    """PostgreSQL: the whole batch in one statement, a column's values as one array
    parameter (``INSERT … SELECT * FROM unnest(%s::type[], …)``). With one placeholder per
    row and column, psycopg parsed the thousands of placeholders of each statement again on
    the client (its statement cache keeps short queries only): a third of a batch's time.
    COPY would be faster still, but PostgreSQL refuses COPY FROM into a table with row-level
    security, and the wall (access/dbwall.py) is on every one of these tables."""
    # %b: sent in binary, no text quoting of each value (psycopg 3).
    casts = ", ".join(f"%b::{f.db_type(connection)}[]" for f in fields)
    # psycopg takes uuids, dates and times as they are: the other databases' conversions
    # (get_db_prep_save) return them unchanged here, so they are not called a million times.
    params = [[row[f.attname] for row in rows] for f in fields]
    sql = (f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({casts})"  # noqa: S608
           + tail)
    import psycopg

    with connection.cursor() as cursor:
        # A first statement through Django's cursor gives the transaction its wall scope
        # (access/database/base.py); the insert itself goes through a cursor that binds its
        # parameters on the server: Django's psycopg cursors bind on the client, quoting
        # every value of the arrays into the statement's text.
        cursor.execute("SELECT 1")
        with psycopg.Cursor(connection.connection) as raw:
            raw.execute(sql, params, binary=True)
            return list(raw.fetchall()) if tail else []


def _record(now: datetime, version: int = 1) -> dict[str, Any]:
    # The Record columns (access.records.Record): a new uid, created and saved now.
    return {"uid": uuid.uuid4(), "created_at": now, "updated_at": now, "version": version}


def create_contacts(*, acting_user: Any, field: Field, rows: Sequence[ImportRow],
                    region: str, run: ImportRun | None = None) -> list[int]:
    """Inside the batch's transaction: the new contacts of ``rows`` (action "create");
    returns the new people's ids."""
    if not rows:
        return []
    today, now = timezone.localdate(), timezone.now()
    unit = field.unit
    salt, ring = unit.organization.index_salt, get_keyring()
    people = []
    filled: set[str] = set()
    for row in rows:
        identity = (row.identity or Identity()).as_dict()
        person = {**_record(now), "unit_id": unit.pk, "alias": row.alias,
                  "kind": Person.Kind.CONTACT.value, "status": Person.Status.CANDIDATE.value,
                  "status_since": today, "joined_on": None}
        # What Person.seal_identity does, with the keyring looked up once per batch.
        person["identity_sealed"] = crypto.encrypt_json(
            identity, aad=f"person:{person['uid']}", keyring=ring)
        # The row's match computed them already (with the same salt, region and key).
        person["phone_index"], person["email_index"] = (
            (row.phone_index, row.email_index) if row.phone_index or row.email_index
            else indexes_for(identity, salt=salt, region=region, keyring=ring))
        filled.update(n for n, v in identity.items() if v)
        people.append(person)
    ids = dict((uid if isinstance(uid, uuid.UUID) else uuid.UUID(str(uid)), pk)
               for pk, uid in bulk_insert(Person, people, returning=True))
    person_ids = [ids[p["uid"]] for p in people]
    bulk_insert(StatusChange, [
        {**_record(now), "person_id": pk, "status": p["status"], "on": today,
         "recorded_at": now} for pk, p in zip(person_ids, people, strict=True)])
    levels = {lv.value: lv.pk for lv in AssessmentLevel.objects.filter(
        organization_id=unit.organization_id, retired=False)}
    assessor = acting_user.pk if _is_user(acting_user) else None
    profiles, assessments = [], []
    for pk, row in zip(person_ids, rows, strict=True):
        profile = {**_record(now), "person_id": pk, "field_id": field.pk,
                   **_profile_columns(row.profile), "current_level_id": None,
                   "current_assessed_on": None, "last_contact_on": None}
        if row.level_value is not None:
            level = levels[row.level_value]  # checked against the scale by the row check
            on: date = row.assessed_on or today
            assessments.append({**_record(now), "person_id": pk, "level_id": level,
                                "assessed_on": on, "assessed_by_id": assessor,
                                "note_sealed": ""})
            # Created, then given its current level by do_assess: two saves.
            profile.update(current_level_id=level, current_assessed_on=on, version=2)
        profiles.append(profile)
    bulk_insert(ContactProfile, profiles)
    bulk_insert(Assessment, assessments)
    detail = {"import_run": str(run.uid)} if run is not None else {}
    record_batch(actor=acting_user, action="create", model=Person, unit_id=unit.pk,
                 fields=filled, detail=detail, uids={
                     Person._meta.label: [p["uid"] for p in people],
                     ContactProfile._meta.label: [p["uid"] for p in profiles],
                     Assessment._meta.label: [a["uid"] for a in assessments]})
    return person_ids


def _profile_columns(profile: dict[str, Any]) -> dict[str, Any]:
    """A row's profile values (part and union as records, as the actions take them) as
    columns, with the model's defaults for what the file does not give."""
    part, union = profile.get("part"), profile.get("union")
    return {"part_id": part.pk if part is not None else None,
            "union_id": union.pk if union is not None else None,
            "job": profile.get("job", ""), "leader": profile.get("leader", False),
            "tags": profile.get("tags", "")}
