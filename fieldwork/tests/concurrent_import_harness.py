"""Run by test_csv_import_concurrent.py in a subprocess, against a SQLite file of its own
(DATABASE_URL); not a test module itself.

    python -m fieldwork.tests.concurrent_import_harness FILE ROWS   -> JSON on the last line

It builds the cast's world and a CSV of ROWS new contacts, starts `manage.py import_contacts`
in another process, waits for its first committed batch, logs in and reveals an identity
(timed), stops the import with SIGTERM and reports what is left of it. One process for all
of this: each Django start costs seconds on a loaded machine.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import django

PREFIX = "c-conc"


def _setup(csv_path: Path, rows: int) -> dict[str, Any]:
    from django.conf import settings
    from django.core.management import call_command

    # The tables straight from the models, as the suite makes them (--nomigrations): fast.
    settings.MIGRATION_MODULES = {app.split(".")[0]: None for app in settings.INSTALLED_APPS}
    call_command("migrate", run_syncdb=True, verbosity=0)
    from fieldwork.actions import do_create_field, do_create_field_part, ensure_default_scale
    from tests.cast import build_world

    world = build_world()
    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "kind": "workplace"})
    do_create_field_part(acting_user=secretary, field=field,
                         data={"name": "Rolling mill", "kind": "department"})
    csv_path.write_text("alias,phone,part,assessment\n" + "".join(
        f"{PREFIX}{i},+98 935 {i // 10000:03d} {i % 10000:04d},Rolling mill,2\n"
        for i in range(rows)), encoding="utf-8")
    member = world.user("cell_member")
    assert secretary is not None and member is not None
    return {"field": field.pk, "secretary": secretary.username, "member": member.username,
            "person": world.people["alias-cella-1"].pk}


def _probe(member: str, secretary: str, person_pk: int) -> dict[str, Any]:
    """Once the import has committed its first batch: a login and a reveal, timed."""
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from audit.models import AuditEvent
    from nucleus.models import ImportRun
    from people.actions import reveal_identity
    from people.models import Person
    from tests.cast import PASSWORD

    deadline = time.monotonic() + 60
    while not ImportRun.objects.filter(state="running", rows_written__gt=0).exists():
        if time.monotonic() > deadline:
            return {"error": "the import wrote no batch within 60 s"}
        time.sleep(0.05)
        connection.close()  # a fresh read of the database
    out: dict[str, Any] = {}
    started = time.monotonic()
    response = Client().post("/login/", {"username": member, "password": PASSWORD})
    out["login_seconds"] = time.monotonic() - started
    out["login_status"] = response.status_code
    out["logged_in"] = "sessionid" in response.cookies
    started = time.monotonic()
    before = AuditEvent.objects.filter(action="reveal").count()
    reveal_identity(acting_user=User.objects.get(username=secretary),
                    person=Person.objects.get(pk=person_pk))
    out["reveal_seconds"] = time.monotonic() - started
    out["reveal_audited"] = AuditEvent.objects.filter(action="reveal").count() == before + 1
    run = ImportRun.objects.get()
    out["import_still_running"] = run.state == "running" and run.rows_written < run.rows_total
    out["rows_written"], out["rows_total"] = run.rows_written, run.rows_total
    return out


def _state() -> dict[str, Any]:
    from nucleus.models import ImportRun
    from people.models import Person

    return {"imported": Person.objects.filter(alias__startswith=PREFIX).count(),
            "runs": list(ImportRun.objects.values_list("state", flat=True))}


def _run(csv_path: Path, rows: int) -> dict[str, Any]:
    from django.db import connection

    ids = _setup(csv_path, rows)
    connection.close()  # the importer starts on a quiet database
    log = csv_path.with_suffix(".log")
    with log.open("w") as output:
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_contacts", str(csv_path),
             "--field", str(ids["field"]), "--user", ids["secretary"], "--no-progress",
             "--map", "alias=alias,phone=phone,part=part,assessment=assessment"],
            stdout=output, stderr=subprocess.STDOUT)
        try:
            probe = _probe(ids["member"], ids["secretary"], ids["person"])
        finally:
            importer.send_signal(signal.SIGTERM)
            importer.wait(timeout=120)
    connection.close()
    return {"probe": probe, "after": _state(), "import_exit": importer.returncode,
            "import_log": log.read_text()[-3000:]}


def main(argv: list[str]) -> None:
    django.setup()
    from django.conf import settings

    # Users are made with the fast hasher, as in the suite (conftest.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    print(json.dumps(_run(Path(argv[0]), int(argv[1]))))


if __name__ == "__main__":
    main(sys.argv[1:])
