"""Planner runs as jobs (the jobs app), with visible progress.

A run is created queued (deployment.actions.do_start_run) with its job (kind ``plan_run``,
deployment/tasks.py) in the same transaction; a worker (``manage.py run_jobs``) runs it, or
the immediate backend right away. The run is claimed once more here (queued -> running in
one UPDATE), so a second delivery never runs the same plan twice. A plan run is not retried
when its worker dies: the housekeeping fails the job and, through ``fail_lost_run``, the run.

Progress and status are bookkeeping of the job itself (plain updates of the run); the result
is stored through deployment.actions.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from deployment import planner, services
from deployment.models import PlanRun
from jobs.models import Job
from jobs.runner import JobCancelled, JobContext

logger = logging.getLogger(__name__)

KIND = "plan_run"


def schedule(run: PlanRun) -> Job:
    """The run's job (jobs app, kind ``plan_run``), enqueued in the caller's transaction:
    a worker (``manage.py run_jobs``) runs it, or the immediate backend right away."""
    from jobs.actions import do_enqueue_job

    return do_enqueue_job(acting_user=run.created_by, kind=KIND, unit=run.unit,
                          params={"run": run.pk}, subject_uid=run.uid)


def run_now(job: Job) -> None:
    """Here, whatever the backend (``manage.py plan_deployment``, tests); a worker that
    takes the queue's row later finds the job no longer queued and runs nothing."""
    from jobs.runner import execute

    if job.status == Job.Status.QUEUED:
        with dbwall.system_scope():
            execute(job.pk)


def set_progress(run_id: int, percent: float, message: str, job_id: int | None = None) -> None:
    percent = max(0, min(100, int(percent)))
    PlanRun.objects.filter(pk=run_id, status=PlanRun.Status.RUNNING).update(
        progress=percent, message=str(message)[:300])
    if job_id is not None:  # the job's page shows the same bar (and this is a heartbeat)
        Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
            done=percent, total=100, message=str(message)[:300], heartbeat_at=timezone.now())


class _Ticker(threading.Thread):
    """Moves the progress bar while the solver works (it reports nothing until the end)."""

    def __init__(self, run_id: int, start: int, end: int, seconds: float,
                 job_id: int | None = None) -> None:
        super().__init__(name=f"planner-progress-{run_id}", daemon=True)
        self.run_id, self.start_at, self.end_at, self.job_id = run_id, start, end, job_id
        self.seconds = max(seconds, 0.1)
        self.stopped = threading.Event()

    def run(self) -> None:
        began = time.monotonic()
        try:
            with dbwall.system_scope():  # its own thread, in the job's scope
                self._tick(began)
        finally:
            connections.close_all()

    def _tick(self, began: float) -> None:
        while not self.stopped.wait(1.0):
            share = min(1.0, (time.monotonic() - began) / self.seconds)
            set_progress(self.run_id, self.start_at + (self.end_at - self.start_at) * share,
                         _("Optimizing"), self.job_id)


def _claim(run_id: int) -> bool:
    return bool(PlanRun.objects.filter(pk=run_id, status=PlanRun.Status.QUEUED).update(
        status=PlanRun.Status.RUNNING, started_at=timezone.now(), progress=1,
        message=_("Collecting members and fields")))


def execute_run(run_id: int, *, ticker: bool = False, ctx: JobContext | None = None
                ) -> PlanRun | None:
    """Run one queued plan to the end (done or failed); None if someone else has it. With
    the job's ``ctx``: its progress follows the run's, and a cancel stops the run between
    steps (JobCancelled; the solver itself runs to its time limit)."""
    from deployment import actions

    if not _claim(run_id):
        return None
    job_id = ctx.job.pk if ctx is not None else None
    run = PlanRun.objects.select_related("unit", "team", "created_by").get(pk=run_id)
    snapshot: dict = {}
    try:
        user = run.created_by
        if user is None or not user.is_active:
            raise ValidationError(_("The user who started this plan can no longer plan."))
        set_progress(run_id, 5, _("Collecting members and fields"), job_id)
        pi = services.build_instance(user, run.unit, time_limit_s=run.time_limit_s,
                                     stability_weight=run.stability_weight, team=run.team)
        snapshot = services.instance_to_json(pi.instance)
        if ctx is not None:
            ctx.stop_if_asked()
        clock = _Ticker(run_id, services.OPTIMIZING_AT, services.OPTIMIZED_AT,
                        run.time_limit_s, job_id)

        def progress(percent: int, message: str) -> None:
            set_progress(run_id, percent, message, job_id)
            if percent == services.OPTIMIZING_AT and ticker:
                clock.start()

        try:
            outcome = services.solve_input(pi, progress)
        finally:
            clock.stopped.set()
            # The ticker's last progress write must be over before the result is recorded:
            # on SQLite two writers to the run at once fail ("table is locked").
            if clock.is_alive():
                clock.join(timeout=10)
        if ctx is not None:
            ctx.stop_if_asked()
        result = actions.do_record_run_result(acting_user=None, run=run, pi=pi,
                                              outcome=outcome)
        _tell_plan_ready(run)
        return result
    except JobCancelled:
        actions.do_fail_run(acting_user=None, run=run, message=_("Cancelled."),
                            params=snapshot)
        raise
    except planner.PlanningInputError as error:
        message = str(error)
    except ValidationError as error:
        message = " ".join(error.messages)
    except Exception as error:
        logger.exception("planner run %s failed", run_id)
        message = _("The planner stopped with an error: %(error)s") % {
            "error": f"{type(error).__name__}: {error}"}
    return actions.do_fail_run(acting_user=None, run=run, message=message, params=snapshot)


def _tell_plan_ready(run: PlanRun) -> None:
    """An in-app notification to whoever started the run (tasks.notify)."""
    from tasks.models import Notification
    from tasks.notify import notify

    if run.created_by is not None:
        notify(recipients=[run.created_by], unit=run.unit, kind=Notification.Kind.PLAN_READY,
               subject_uid=run.uid, params={"unit": run.unit.name})


def fail_lost_run(job: Job, reason: str) -> None:
    """The job ended without the run (cancelled before it started, its worker died): the
    run says so too, unless it has ended already."""
    from deployment import actions

    run = PlanRun.objects.filter(pk=job.params.get("run")).first()
    if run is not None and run.in_progress:
        actions.do_fail_run(acting_user=None, run=run, message=reason)
