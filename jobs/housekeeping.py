"""Jobs whose worker died: never "running" forever.

A worker's housekeeping thread (``manage.py run_jobs``) writes the heartbeat of the jobs it
runs every ``NUCLEUS_JOBS_HEARTBEAT_S`` seconds — also while a kind reports nothing (the
solver) — and looks for running jobs whose heartbeat is older than
``NUCLEUS_JOBS_STALE_AFTER_S``: their worker was killed, or its machine went down. Such a job
is queued again when its kind is idempotent and attempts are left (a new queue row), and
otherwise failed with the reason (its kind told through ``lost``). The look runs when a
worker starts and every ``NUCLEUS_JOBS_REAP_EVERY_S`` seconds; each job is taken by one
conditional UPDATE, so two workers looking at once give it up once. At the same times each
kind's ``sweep`` removes what it keeps past its time (an export's file).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from audit.log import record, snapshot
from jobs import registry
from jobs.actions import dispatch
from jobs.models import Job

logger = logging.getLogger(__name__)


def beat(worker_id: str, now: datetime | None = None) -> int:
    """The heartbeat of every job this worker runs."""
    return Job.objects.filter(status=Job.Status.RUNNING, worker_id=worker_id).update(
        heartbeat_at=now or timezone.now())


def reap(now: datetime | None = None) -> tuple[int, int]:
    """Running jobs without a recent heartbeat: (queued again, failed)."""
    now = now or timezone.now()
    limit = now - timedelta(seconds=settings.NUCLEUS_JOBS_STALE_AFTER_S)
    stale = Job.objects.filter(status=Job.Status.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, started_at__lt=limit))
    retried = failed = 0
    for job in stale.select_related("unit", "created_by"):
        outcome = _give_up_or_retry(job, now)
        retried += outcome == "retried"
        failed += outcome == "failed"
    return retried, failed


@transaction.atomic
def _give_up_or_retry(job: Job, now: datetime) -> str:
    kind = registry.known().get(job.kind)
    before = snapshot(job)
    # Only the row as it was read: a heartbeat that came meanwhile keeps the job.
    same = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING,
                              heartbeat_at=job.heartbeat_at, worker_id=job.worker_id)
    seconds = settings.NUCLEUS_JOBS_STALE_AFTER_S
    if (kind is not None and kind.idempotent and job.attempts < job.max_attempts
            and not job.cancel_requested):
        if not same.update(status=Job.Status.QUEUED, worker_id="", heartbeat_at=None,
                           message=_("Its worker stopped; waiting to start again")):
            return "kept"
        _mark_task_lost(job, now)
        job.refresh_from_db()
        record(actor=None, action="update", obj=job, before=before)
        dispatch(job)
        return "retried"
    if job.cancel_requested:
        status, reason = Job.Status.CANCELLED, _("Cancelled.")
    else:
        status = Job.Status.FAILED
        reason = _("The worker running this job stopped (no sign of life for %(seconds)s "
                   "seconds).") % {"seconds": seconds}
        if job.attempts >= job.max_attempts and kind is not None and kind.idempotent:
            reason += " " + _("It was tried %(count)s times.") % {"count": job.attempts}
    if not same.update(status=status, error=reason if status == Job.Status.FAILED else "",
                       message=_("Failed") if status == Job.Status.FAILED else _("Cancelled"),
                       finished_at=now):
        return "kept"
    _mark_task_lost(job, now)
    job.refresh_from_db()
    record(actor=None, action="update", obj=job, before=before)
    if kind is not None and kind.lost is not None:
        kind.lost(job, reason)
    if kind is not None and kind.finished is not None:
        finished = kind.finished
        transaction.on_commit(lambda: finished(job))
    return "failed"


def sweep(now: datetime | None = None) -> None:
    """Each kind's own clean-up; one failing does not keep the others from theirs."""
    now = now or timezone.now()
    for kind in registry.known().values():
        if kind.sweep is not None:
            try:
                kind.sweep(now)
            except Exception:
                logger.exception("sweep of job kind %s failed", kind.name)


def _mark_task_lost(job: Job, now: datetime) -> None:
    """The queue's row of the dead attempt says so too (the library leaves it RUNNING)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if job.task_id:
        DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED, finished_at=now,
            exception_class_path="jobs.housekeeping.WorkerLost",
            traceback="worker stopped: no heartbeat")


class Housekeeping(threading.Thread):
    """In each worker process: its jobs' heartbeat, and the look for dead workers' jobs."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="jobs-housekeeping", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        last_reap = timezone.now()
        try:
            while not self.stopped.wait(settings.NUCLEUS_JOBS_HEARTBEAT_S):
                close_old_connections()
                try:
                    with dbwall.system_scope():
                        beat(self.worker_id)
                        now = timezone.now()
                        if (now - last_reap).total_seconds() >= settings.NUCLEUS_JOBS_REAP_EVERY_S:
                            last_reap = now
                            reap(now)
                            sweep(now)
                except Exception:  # a locked database now and then: try again next beat
                    logger.exception("jobs housekeeping failed")
        finally:
            connections.close_all()
