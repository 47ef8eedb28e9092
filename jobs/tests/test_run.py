"""A job from enqueue to its end: the worker runs it with progress; cancel; a worker that
died; a queued job that outlives the server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from audit.models import AuditEvent
from jobs import housekeeping
from jobs.actions import do_cancel_job
from jobs.models import Job
from jobs.runner import execute
from jobs.tests.inprocess import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(monkeypatch):
    return lambda: run_worker(monkeypatch)


def test_it_runs_inline_with_the_immediate_backend(enqueue):
    job = enqueue(steps=3)
    assert job.status == Job.Status.DONE and (job.done, job.total) == (3, 3)
    assert job.percent == 100 and job.attempts == 1 and job.finished_at is not None


def test_it_stays_queued_until_a_worker_runs_it_with_progress(enqueue, queued, world, work):
    job = enqueue(steps=4)
    assert job.status == Job.Status.QUEUED and job.done == 0
    row = DBTaskResult.objects.get()
    assert row.status == "READY" and row.args_kwargs["args"] == [job.pk]
    assert AuditEvent.objects.filter(model="jobs.Job", object_id=job.pk, action="create").exists()
    work()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (4, 4)
    assert job.created_by == world.user("cell_secretary") and job.worker_id
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert execute(job.pk) == "skipped"  # delivered twice: runs once


def test_a_failing_job_says_why(enqueue):
    job = enqueue(steps=1, fail=True)
    assert job.status == Job.Status.FAILED and "ValueError" in job.error


def test_a_queued_job_is_cancelled_and_never_runs(enqueue, queued, world, work):
    job = enqueue(steps=2)
    do_cancel_job(acting_user=world.user("cell_secretary"), job=job)
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and job.cancel_requested
    assert AuditEvent.objects.filter(model="jobs.Job", object_id=job.pk, action="update").exists()
    work()
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and job.attempts == 0


def test_a_running_job_stops_at_its_next_step(enqueue, queued, world, work):
    job = enqueue(steps=5)
    # Cancel asked while it runs (the worker claimed it): it stops before the next step.
    Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)
    work()
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and job.done == 0


def test_a_job_of_a_dead_worker_is_run_again_then_failed_with_the_reason(enqueue, queued):
    job = enqueue(steps=2)
    stale = timezone.now() - timedelta(hours=1)

    def die():  # a worker claimed it, then was killed: its heartbeat stopped
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=stale,
                                             started_at=stale, worker_id="killed",
                                             attempts=Job.objects.get(pk=job.pk).attempts + 1)

    die()
    assert housekeeping.reap() == (1, 0)  # idempotent, attempts left: queued again
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and DBTaskResult.objects.count() == 2
    die()
    assert housekeeping.reap() == (0, 1)  # max_attempts=2 reached
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "worker running this job stopped" in job.error and "tried 2 times" in job.error
    assert housekeeping.reap() == (0, 0)  # never "running" forever, given up once


def test_a_recent_heartbeat_keeps_the_job(enqueue, queued):
    job = enqueue(steps=2)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, worker_id="alive",
                                         heartbeat_at=timezone.now(), started_at=timezone.now())
    assert housekeeping.reap() == (0, 0)
    assert housekeeping.beat("alive") == 1


def test_a_queued_job_survives_a_restart_and_a_new_worker_takes_it(enqueue, queued, work):
    job = enqueue(steps=2)
    # A restart loses everything in memory: what is left is the two rows.
    from django_tasks import task_backends
    from django_tasks.signals import clear_tasks_handlers

    clear_tasks_handlers(setting="TASKS")
    assert task_backends["default"] is not None
    assert Job.objects.get(pk=job.pk).status == Job.Status.QUEUED
    work()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
