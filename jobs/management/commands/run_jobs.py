"""manage.py run_jobs [--batch] [--max-tasks N] [--worker-id ID] [--interval S]

The worker: django_tasks_db's ``db_worker`` (claims queue rows with SKIP LOCKED on
PostgreSQL, an exclusive transaction on SQLite), plus this install's housekeeping thread —
the heartbeat of the job it runs and the look for jobs whose worker died (also once at
start, before the first job). Each job runs under ``dbwall.system_scope()`` (jobs.runner)
and stops at its kind's next step once cancelled. Start as many as the machine has cores,
here or on other machines against the same PostgreSQL database (docs/deployment.md).

Never reloads on code changes (the library's ``--reload`` default follows DEBUG): a reload
would kill a running job half-way and leave it to the housekeeping.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from access import dbwall
from jobs import housekeeping


class Command(DbWorkerCommand):
    help = "Run queued jobs (plans, imports, backups): the worker."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        with dbwall.system_scope():
            retried, failed = housekeeping.reap()
            housekeeping.sweep()
        if retried or failed:
            self.stdout.write(f"{retried} job(s) of stopped workers queued again, "
                              f"{failed} failed.")
        keeper = housekeeping.Housekeeping(options["worker_id"])
        keeper.start()
        try:
            super().handle(*args, **options)
        finally:
            keeper.stopped.set()
