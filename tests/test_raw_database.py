"""Identities, and everything else that would identify or locate a person, are unreadable in
the raw database: read its bytes as an attacker with a copy of the disk (SQLite) or a dump
(PostgreSQL) would, and search them for every identity value and every sealed value (activity
notes and outcomes, assessment notes, members' home and work locations and capacity notes,
also where the planner would have copied them)."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from people.actions import reveal_identity
from people.models import Person
from tests import database_roles

PG_DUMP_CANDIDATES = ("/usr/lib/postgresql/15/bin/pg_dump", "pg_dump")


@pytest.fixture(autouse=True)
def _demo_install(settings):
    """The demo (with its published passwords) loads only on an install that says it is one."""
    settings.NUCLEUS_DEMO = True


def _raw_bytes(tmp_path: Path) -> bytes:
    if connection.vendor == "sqlite":
        # The test database is in memory: copy it page by page into a file and read that.
        target = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(target)])
        return target.read_bytes()
    if connection.vendor == "postgresql":
        return _pg_dump()
    pytest.fail(f"no raw reader for the {connection.vendor} backend")


def _pg_dump() -> bytes:
    binary = next((b for b in map(shutil.which, PG_DUMP_CANDIDATES) if b), None)
    if binary is None:
        pytest.fail("pg_dump is not installed (Debian: apt-get install postgresql-client-15)")
    # The whole database, as a thief of its files would have it: read as the owner, since
    # the app's role sees nothing behind the wall (tests/database_roles.py).
    db = {**connection.settings_dict, **(database_roles.OWNER or {})}
    # The owner's own policy lets it read every row; pg_dump must be told to apply it.
    args = [binary, "--no-owner", "--no-privileges", "--enable-row-security",
            "--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    result = subprocess.run(args, capture_output=True, env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def _spellings(identity) -> set[str]:
    """Every identity value, phones in several spellings, also as escaped inside JSON."""
    values = {identity.legal_name, identity.email, identity.email.lower(), identity.address}
    phone = identity.phone
    if phone:
        digits = re.sub(r"\D", "", phone)
        values |= {phone, phone.replace(" ", ""), "+" + digits.lstrip("0"), digits,
                   digits[-10:]}
    values |= {json.dumps(v)[1:-1] for v in list(values)}
    # Short fragments could turn up by chance inside ciphertext or numbers.
    return {v for v in values if len(v) >= 7}


def _public_text() -> bytes:
    # Demo organizations carry public descriptions; a name quoted there is not a leak.
    seeds = Path(settings.NUCLEUS_SEEDS_DIR)
    files = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    return b"\n".join(f.read_bytes() for f in files)


@pytest.mark.django_db(transaction=True)
def test_it_stores_no_identity_in_plain_text(world, tmp_path):
    if "load_demo" in get_commands():
        with override_settings(NUCLEUS_DEMO=True):  # load_demo runs on demo installs only
            call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    people = list(Person.objects.select_related("unit__organization").order_by("pk"))
    assert len(people) >= len(world.people)
    needles: dict[str, str] = {}
    for person in people:
        identity = reveal_identity(acting_user=None, person=person)
        for value in _spellings(identity):
            needles[value] = person.alias
    public = _public_text()
    raw = _raw_bytes(tmp_path)

    leaked = sorted(f"{alias}: {value!r}" for value, alias in needles.items()
                    if value.encode() in raw and value.encode() not in public)
    assert not leaked, "identity values readable in the raw database:\n" + "\n".join(leaked)
    # The cast's legal names share a marker that nothing else in the database contains.
    assert b"Zyxw" not in raw
    # The copy is real: the aliases, stored in plain text, are all there.
    missing = [p.alias for p in people if p.alias.encode() not in raw]
    assert not missing, f"aliases missing from the raw copy: {missing[:10]}"


# --- every sealed field, not only identities (issue #9) ---

OUTCOME, NOTES = "Outcome-Plain-Qj7 of the talk", "Notes-Plain-Qj7 about the foreman"
ASSESSMENT_NOTE, CAPACITY_NOTES = "Assessed-Plain-Qj7 at home", "Capacity-Plain-Qj7 evenings"
HOME = (Decimal("12.345678"), Decimal("65.432198"))
WORK = (Decimal("13.579246"), Decimal("64.246802"))


def _add_sealed_rows(world) -> None:
    """One row of each sealed kind with known plaintext, written through the actions, and a
    plan run (which used to copy member coordinates into its stored instance)."""
    from deployment.actions import do_set_capacity, do_start_run
    from fieldwork.actions import (
        do_assess,
        do_create_contact,
        do_create_field,
        do_record_one_to_one,
        ensure_default_scale,
    )

    secretary, cell_a = world.user("cell_secretary"), world.units["cell_a"]
    today = timezone.localdate()
    ensure_default_scale(world.orgs["rp"])
    field = do_create_field(acting_user=secretary, unit=cell_a, data={
        "name": "Raw Steelworks", "headcount": 50, "latitude": Decimal("12.3"),
        "longitude": Decimal("65.4")})
    contact = do_create_contact(acting_user=secretary, field=field, alias="raw-contact").person
    do_assess(acting_user=secretary, person=contact, level_value=2, assessed_on=today,
              note=ASSESSMENT_NOTE)
    do_record_one_to_one(acting_user=secretary, unit=cell_a, contact=contact,
                         member=world.people["alias-cella-1"], date=today - timedelta(days=1),
                         outcome=OUTCOME, notes=NOTES)
    do_set_capacity(acting_user=secretary, person=world.people["alias-cella-1"], data={
        "hours_per_week": Decimal("4"), "home_latitude": HOME[0], "home_longitude": HOME[1],
        "work_latitude": WORK[0], "work_longitude": WORK[1], "notes": CAPACITY_NOTES})
    do_start_run(acting_user=secretary, unit=cell_a, time_limit_s=2, inline=True)


def _coordinate_spellings(value: Decimal) -> set[bytes]:
    """A coordinate as text (columns, JSON, dumps) and as SQLite stores a REAL: 8 bytes of
    big-endian IEEE 754."""
    texts = {f"{value:.6f}", f"{value:f}".rstrip("0"), repr(float(value))}
    return {t.encode() for t in texts} | {struct.pack(">d", float(value))}


def _sealed_plaintexts() -> dict[tuple[str, str], set[bytes]]:
    """The plaintext behind every sealed column of every row, by (model, column), read back
    through the models' own unsealing."""
    from deployment.models import MemberCapacity
    from fieldwork.models import Activity, Assessment
    from organs.models import Meeting

    out: dict[tuple[str, str], set[bytes]] = {}

    def add(key: tuple[str, str], *values: str) -> None:
        out.setdefault(key, set()).update(v.encode() for v in values if len(v) >= 7)

    for a in Activity.objects.all():
        add(("fieldwork.Activity", "notes_sealed"), a.unseal_notes())
        add(("fieldwork.Activity", "outcome_sealed"), a.unseal_outcome())
    for assessment in Assessment.objects.all():
        add(("fieldwork.Assessment", "note_sealed"), assessment.unseal_note())
    for meeting in Meeting.objects.all():
        add(("organs.Meeting", "minutes_sealed"), meeting.unseal_minutes())
    for cap in MemberCapacity.objects.all():
        add(("deployment.MemberCapacity", "notes_sealed"), cap.unseal_notes())
        location = cap.unseal_location()
        key = ("deployment.MemberCapacity", "location_sealed")
        out.setdefault(key, set())
        for point in (location.home, location.work):
            for part in point or ():
                out[key] |= _coordinate_spellings(part)
    return out


def _sealed_columns() -> set[tuple[str, str]]:
    """Every ciphertext column ("*_sealed") but identities (searched above); hashes and blind
    indexes in ``sealed_fields`` hold nothing to decrypt."""
    return {(m._meta.label, name) for m in apps.get_models()
            for name in getattr(m, "sealed_fields", ()) if name.endswith("_sealed")
            and m._meta.label != "people.Person"}


@pytest.mark.django_db(transaction=True)
def test_it_stores_no_sealed_value_in_plain_text(world, tmp_path):
    if "load_demo" in get_commands():
        with override_settings(NUCLEUS_DEMO=True):  # load_demo runs on demo installs only
            call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    _add_sealed_rows(world)
    plaintexts = _sealed_plaintexts()
    # Every sealed column of every model is searched for (a new one needs its reader above).
    assert set(plaintexts) == _sealed_columns()
    known = {OUTCOME, NOTES, ASSESSMENT_NOTE, CAPACITY_NOTES}
    assert {v.encode() for v in known} <= set().union(*plaintexts.values())
    assert _coordinate_spellings(HOME[0]) <= plaintexts[
        ("deployment.MemberCapacity", "location_sealed")]
    public = _public_text()
    raw = _raw_bytes(tmp_path)
    leaked = sorted(f"{model}.{column}: {value!r}" for (model, column), values
                    in plaintexts.items() for value in values
                    if value in raw and value not in public)
    assert not leaked, "sealed values readable in the raw database:\n" + "\n".join(leaked)
    # The copy is real: the field's own coordinates (structure, not sealed) are there.
    assert b"Raw Steelworks" in raw
