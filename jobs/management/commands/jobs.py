"""manage.py jobs [list] [--user NAME] [--status S] | show UID | cancel UID --user NAME

Without ``--user``: every job (the install's administrator, under the system scope). With
it: what that user's pages show — the jobs of their units — and an unknown or out-of-scope
job fails with the same message. ``cancel`` needs ``--user`` (the acting user of the audit
row), and may only what the page's Cancel button may.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django.http import Http404

from access import dbwall
from fieldwork.management.commands._common import acting_user
from jobs import registry
from jobs.actions import do_cancel_job
from jobs.models import Job


class Command(BaseCommand):
    help = "List, show or cancel jobs."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("verb", nargs="?", default="list", choices=["list", "show", "cancel"])
        parser.add_argument("uid", nargs="?", help="the job (show, cancel)")
        parser.add_argument("--user", help="as this user (their scope)")
        parser.add_argument("--status", choices=Job.Status.values)
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args: Any, **options: Any) -> None:
        with dbwall.system_scope():
            user = acting_user(options["user"]) if options["user"] else None
            jobs: QuerySet[Job] = (Job.objects.restrict(user) if user is not None
                                   else Job.objects.all()).select_related("unit", "created_by")
            verb = options["verb"]
            if verb == "list":
                if options["status"]:
                    jobs = jobs.filter(status=options["status"])
                for job in jobs[:max(1, options["limit"])]:
                    self.stdout.write(self._line(job))
                return
            job = self._one(jobs, options["uid"])
            if verb == "show":
                self._show(job)
                return
            if user is None:
                raise CommandError("cancel needs --user (who cancels).")
            try:
                job = do_cancel_job(acting_user=user, job=job)
            except Http404:
                raise CommandError(f"Unknown job {options['uid']}.") from None
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(self._line(job))

    def _one(self, jobs: QuerySet[Job], uid: str | None) -> Job:
        try:
            key = UUID(str(uid))
        except ValueError:
            raise CommandError(f"Unknown job {uid}.") from None
        job = jobs.filter(uid=key).first()
        if job is None:
            raise CommandError(f"Unknown job {uid}.")
        return job

    def _line(self, job: Job) -> str:
        progress = f" {job.done}/{job.total}" if job.total else ""
        return (f"{job.uid}  {job.kind:<16} {job.status:<9}{progress}  {job.unit.name}  "
                f"{job.created_at:%Y-%m-%d %H:%M}  {job.message}")

    def _show(self, job: Job) -> None:
        rows = [("uid", job.uid), ("kind", f"{job.kind} ({registry.label(job.kind)})"),
                ("status", job.status), ("unit", job.unit.name),
                ("started by", job.created_by.username if job.created_by else "-"),
                ("progress", f"{job.done}/{job.total} ({job.percent}%)"),
                ("message", job.message), ("error", job.error or "-"),
                ("attempts", f"{job.attempts} of {job.max_attempts}"),
                ("cancel requested", job.cancel_requested), ("created", job.created_at),
                ("started", job.started_at), ("heartbeat", job.heartbeat_at),
                ("finished", job.finished_at), ("worker", job.worker_id or "-")]
        for name, value in rows:
            self.stdout.write(f"{name:>17}: {value}")
