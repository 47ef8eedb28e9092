"""During a 20,000-row import on a SQLite file, a login (a session write) and a reveal (an
audit write) go through without "database is locked"; stopping the import (SIGTERM) then
leaves nothing of it (issue #9: a long import made every other write answer 500).

The import runs as `manage.py import_contacts` in one process, the login and the reveal in
another, against a database file of their own (fieldwork/tests/concurrent_import_harness.py).
Figures of a trial run are printed with -s.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
ROWS = 20_000
HARNESS = [sys.executable, "-m", "fieldwork.tests.concurrent_import_harness"]

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="SQLite's database-wide write lock; PostgreSQL locks rows")


def _environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_OWNER_URL", "NUCLEUS_DB_APP_ROLE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({
        "DATABASE_URL": f"sqlite:///{tmp_path / 'nucleus.sqlite3'}",
        "NUCLEUS_DATA_DIR": str(tmp_path / "data"),
        "NUCLEUS_IDENTITY_KEY": str(settings.NUCLEUS_IDENTITY_KEY),
        "SECRET_KEY": "concurrent-import-test-" + "k" * 40,
        "DJANGO_SETTINGS_MODULE": "nucleus.settings",
        "DEBUG": "0",
    })
    return env


def test_it_lets_a_login_and_a_reveal_through_during_a_long_import(tmp_path):
    result = subprocess.run([*HARNESS, str(tmp_path / "contacts.csv"), str(ROWS)], cwd=ROOT,
                            env=_environment(tmp_path), capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    probe, log = report["probe"], report["import_log"]
    print("concurrent import:", json.dumps(probe))
    assert "error" not in probe, report
    # Both happened while the import was being written, not before or after it.
    assert probe["import_still_running"], report
    assert 0 < probe["rows_written"] < ROWS
    assert probe["login_status"] == 302 and probe["logged_in"], report
    assert probe["reveal_audited"], report
    # Well within SQLite's busy timeout (20 s): they waited for a batch, not for the file.
    assert probe["login_seconds"] < 10 and probe["reveal_seconds"] < 10, report
    assert "database is locked" not in log
    # Stopped half-way (SIGTERM), the import leaves nothing: all of the file or none of it.
    assert report["import_exit"] != 0 and "KeyboardInterrupt" in log
    assert report["after"] == {"imported": 0, "runs": ["undone"]}, report
