"""Identities are unreadable in the raw database: read its bytes as an attacker with a copy of
the disk (SQLite) or a dump (PostgreSQL) would, and search them for every identity value."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import connection

from people.actions import reveal_identity
from people.models import Person

PG_DUMP_CANDIDATES = ("/usr/lib/postgresql/15/bin/pg_dump", "pg_dump")


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
    db = connection.settings_dict
    args = [binary, "--no-owner", "--no-privileges", "--dbname", db["NAME"]]
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
