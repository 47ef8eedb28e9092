"""Every write of jobs that a person asks for: enqueue and cancel (with audit rows). The
worker's own bookkeeping (claim, progress, end) is in ``jobs.runner``, the housekeeping of
jobs whose worker died in ``jobs.housekeeping``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from jobs import registry
from jobs.models import Job
from organizations.models import Unit


def dispatch(job: Job) -> None:
    """Put "run job N" on the queue, inside the caller's transaction: with the database
    backend the queue row commits (or not) with the job; the immediate backend (tests, a
    small install's setting) runs the job right here."""
    from jobs.runner import run_job

    run_job.enqueue(job.pk)


@transaction.atomic
def do_enqueue_job(*, acting_user: Any, kind: str, unit: Unit, params: dict[str, Any] | None
                   = None, subject_uid: UUID | None = None, message: str = "") -> Job:
    """A job of ``kind`` for ``unit``, queued. The caller has checked that ``acting_user``
    may do the work; the kind re-checks as that user when it runs."""
    spec = registry.get(kind)
    job = Job.objects.create(
        kind=kind, unit=unit, params=params or {}, subject_uid=subject_uid,
        created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        max_attempts=spec.max_attempts if spec.idempotent else 1,
        message=message or _("Waiting to start"))
    record(actor=acting_user, action="create", obj=job)
    dispatch(job)
    job.refresh_from_db()
    return job


def may_act_on(user: Any, job: Job) -> bool:
    """Who started it, or who may change the unit's records."""
    if job.created_by_id is not None and job.created_by_id == getattr(user, "pk", None):
        return True
    return Job.objects.restrict(user, "change").filter(pk=job.pk).exists()


def may_cancel(user: Any, job: Job) -> bool:
    return not job.finished and may_act_on(user, job)


@transaction.atomic
def do_cancel_job(*, acting_user: Any, job: Job) -> Job:
    """A queued job ends now; a running one is asked to stop at its next step."""
    if not Job.objects.restrict(acting_user, "view").filter(pk=job.pk).exists():
        raise Http404("No job matches the given query.")
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not may_act_on(acting_user, job):
        raise Http404("No job matches the given query.")
    if job.finished:
        raise ValidationError(_("This job has already ended."))
    before = snapshot(job)
    job.cancel_requested = True
    if job.status == Job.Status.QUEUED:
        job.status, job.finished_at = Job.Status.CANCELLED, timezone.now()
        job.message = _("Cancelled")
    else:
        job.message = _("Stopping at the next step")
    job.save()
    record(actor=acting_user, action="update", obj=job, before=before)
    if job.status == Job.Status.CANCELLED:
        spec = registry.known().get(job.kind)
        if spec is not None and spec.lost is not None:
            spec.lost(job, _("Cancelled before it started."))
        if spec is not None and spec.finished is not None:
            finished = spec.finished
            transaction.on_commit(lambda: finished(job))
    return job
