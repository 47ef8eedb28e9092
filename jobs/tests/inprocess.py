"""``manage.py run_jobs --batch`` inside the test's transaction."""

from __future__ import annotations

import io

from django.core.management import call_command
from django_tasks_db.management.commands import db_worker


def run_worker(monkeypatch) -> None:
    """The library's worker drops "old" connections between tasks; on PostgreSQL a test's
    connection (autocommit off, inside the test's transaction) counts as one and is closed,
    with the test's data. Kept open here; real workers (test_workers.py) keep the check."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("run_jobs", "--batch", "--no-startup-delay", stdout=io.StringIO())
