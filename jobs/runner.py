"""Running one job: the task the queue carries, the claim, progress, cancellation, the end.

The queue (django-tasks, see nucleus/settings.py ``TASKS``) carries one task, ``run_job(job
id)``: a database row of django_tasks_db that a worker (``manage.py run_jobs``) takes with
``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, or in an exclusive transaction on SQLite.
The job is then claimed here too (queued -> running in one conditional UPDATE): a job
cancelled meanwhile, or a second delivery of the same job, runs nothing.

Every job runs under ``dbwall.system_scope()``: it was authorized when it was enqueued, and
its kind reads through the access layer as the user who started it. Progress, heartbeat and
status are bookkeeping of the job itself (plain updates of its row, no audit rows); the
work's own writes go through the kinds' actions.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from access import dbwall
from jobs import registry
from jobs.models import Job

logger = logging.getLogger(__name__)

# How often should_stop() reads the row again: a kind may ask on every row it writes.
CANCEL_CHECK_EVERY_S = 1.0


class JobCancelled(Exception):  # noqa: N818 (a signal to stop, not an error)
    """Raised by a kind (through ``ctx.stop_if_asked()``) when cancel was requested."""


class JobFailed(Exception):
    """Raised by a kind with a message for the job's page."""


class JobContext:
    """What a kind's ``run`` reports through and asks whether to stop."""

    def __init__(self, job: Job, *, in_worker: bool) -> None:
        self.job = job
        # Run by ``manage.py run_jobs`` (not inline in a request or a test): a kind may start
        # helper threads (the planner's progress clock) only there.
        self.in_worker = in_worker
        self._checked_at = 0.0
        self._stop = False

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        values: dict[str, Any] = {"done": max(0, int(done)), "heartbeat_at": timezone.now()}
        if total is not None:
            values["total"] = max(0, int(total))
        if message is not None:
            values["message"] = str(message)[:300]
        Job.objects.filter(pk=self.job.pk, status=Job.Status.RUNNING).update(**values)

    def should_stop(self) -> bool:
        """Cancel requested (read at most once a second), or the job taken away."""
        if self._stop:
            return True
        now = time.monotonic()
        if now - self._checked_at >= CANCEL_CHECK_EVERY_S:
            self._checked_at = now
            row = (Job.objects.filter(pk=self.job.pk)
                   .values_list("status", "cancel_requested").first())
            self._stop = row is None or row[0] != Job.Status.RUNNING or row[1]
        return self._stop

    def stop_if_asked(self) -> None:
        if self.should_stop():
            raise JobCancelled


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    result = context.task_result
    workers = list(result.worker_ids)
    with dbwall.system_scope():
        return execute(job_id, task_id=str(result.id), worker_id=workers[-1] if workers else "",
                       in_worker=not _immediate(result.backend))


def _immediate(backend: str) -> bool:
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_backends[backend], ImmediateBackend)


def execute(job_id: int, *, task_id: str = "", worker_id: str = "",
            in_worker: bool = False) -> str:
    """Run one queued job to its end; "skipped" when it is not queued (any more)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, attempts=F("attempts") + 1, started_at=now,
        heartbeat_at=now, worker_id=worker_id[:64], task_id=task_id[:64],
        message=_("Started"))
    if not claimed:
        return "skipped"
    job = Job.objects.select_related("unit", "created_by").get(pk=job_id)
    try:
        kind = registry.get(job.kind)
    except LookupError:
        _finish(job, Job.Status.FAILED, error=_("This kind of job is unknown to the worker."))
        return Job.Status.FAILED
    ctx = JobContext(job, in_worker=in_worker)
    status, error, summary = Job.Status.DONE, "", None
    try:
        if job.cancel_requested:
            raise JobCancelled
        summary = kind.run(job, ctx)
    except JobCancelled:
        status = Job.Status.CANCELLED
        if kind.lost is not None:
            kind.lost(job, _("Cancelled."))
    except JobFailed as failure:
        status, error = Job.Status.FAILED, str(failure)
    except ValidationError as failure:
        status, error = Job.Status.FAILED, " ".join(failure.messages)
    except Exception as failure:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        status = Job.Status.FAILED
        error = _("The job stopped with an error: %(error)s") % {
            "error": type(failure).__name__}
    if _finish(job, status, error=error, summary=summary) and kind.finished is not None:
        kind.finished(job)
    return str(status)


def _finish(job: Job, status: str, *, error: str = "", summary: str | None = None) -> bool:
    """The end, unless the housekeeping gave the job up meanwhile (its row says so)."""
    messages = {Job.Status.DONE: _("Done"), Job.Status.FAILED: _("Failed"),
                Job.Status.CANCELLED: _("Cancelled")}
    values: dict[str, Any] = {"status": status, "finished_at": timezone.now(),
                              "error": error[:2000],
                              "message": (summary or messages[Job.Status(status)])[:300]}
    if status == Job.Status.DONE:
        values["done"] = F("total")
    return bool(Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING,
                                   worker_id=job.worker_id).update(**values))
