"""Planner runs in the background, with visible progress.

A run is created queued (deployment.actions.do_start_run) and started after its transaction
commits: in a daemon thread by default, inline with ``NUCLEUS_PLANNER_SYNC`` (tests, small
installs), or left for ``manage.py run_planner_jobs`` with ``NUCLEUS_PLANNER_WORKER``. Whoever
starts it first claims it (queued -> running in one UPDATE), so a thread and a worker never
run the same plan twice.

Progress and status are bookkeeping of the job itself (plain updates of the run); the result
is stored through deployment.actions.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access import dbwall
from deployment import planner, services
from deployment.models import PlanRun

logger = logging.getLogger(__name__)

# A run still "running" this long after its time limit was interrupted (server restart).
STALE_AFTER_S = 300


def schedule(run: PlanRun, *, inline: bool | None = None) -> None:
    if inline if inline is not None else settings.NUCLEUS_PLANNER_SYNC:
        execute_run(run.pk)
    elif not settings.NUCLEUS_PLANNER_WORKER:
        transaction.on_commit(lambda: _start_thread(run.pk))


def _start_thread(run_id: int) -> None:
    threading.Thread(target=_thread_main, args=(run_id,), name=f"planner-run-{run_id}",
                     daemon=True).start()


def _thread_main(run_id: int) -> None:
    try:
        # A thread starts outside its request; the run was authorized when it was created.
        with dbwall.system_scope():
            execute_run(run_id, ticker=True)
    except Exception:  # the run is marked failed inside; never let a thread die loudly
        logger.exception("planner run %s failed", run_id)
    finally:
        connections.close_all()


def set_progress(run_id: int, percent: float, message: str) -> None:
    PlanRun.objects.filter(pk=run_id, status=PlanRun.Status.RUNNING).update(
        progress=max(0, min(100, int(percent))), message=str(message)[:300])


class _Ticker(threading.Thread):
    """Moves the progress bar while the solver works (it reports nothing until the end)."""

    def __init__(self, run_id: int, start: int, end: int, seconds: float) -> None:
        super().__init__(name=f"planner-progress-{run_id}", daemon=True)
        self.run_id, self.start_at, self.end_at = run_id, start, end
        self.seconds = max(seconds, 0.1)
        self.stopped = threading.Event()

    def run(self) -> None:
        began = time.monotonic()
        try:
            with dbwall.system_scope():  # its own thread: see _thread_main
                self._tick(began)
        finally:
            connections.close_all()

    def _tick(self, began: float) -> None:
        while not self.stopped.wait(1.0):
            share = min(1.0, (time.monotonic() - began) / self.seconds)
            set_progress(self.run_id, self.start_at + (self.end_at - self.start_at) * share,
                         _("Optimizing"))


def _claim(run_id: int) -> bool:
    return bool(PlanRun.objects.filter(pk=run_id, status=PlanRun.Status.QUEUED).update(
        status=PlanRun.Status.RUNNING, started_at=timezone.now(), progress=1,
        message=_("Collecting members and fields")))


def execute_run(run_id: int, *, ticker: bool = False) -> PlanRun | None:
    """Run one queued plan to the end (done or failed); None if someone else has it."""
    from deployment import actions

    if not _claim(run_id):
        return None
    run = PlanRun.objects.select_related("unit", "team", "created_by").get(pk=run_id)
    snapshot: dict = {}
    try:
        user = run.created_by
        if user is None or not user.is_active:
            raise ValidationError(_("The user who started this plan can no longer plan."))
        set_progress(run_id, 5, _("Collecting members and fields"))
        pi = services.build_instance(user, run.unit, time_limit_s=run.time_limit_s,
                                     stability_weight=run.stability_weight, team=run.team)
        snapshot = services.instance_to_json(pi.instance)
        clock = _Ticker(run_id, services.OPTIMIZING_AT, services.OPTIMIZED_AT,
                        run.time_limit_s)

        def progress(percent: int, message: str) -> None:
            set_progress(run_id, percent, message)
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
        result = actions.do_record_run_result(acting_user=None, run=run, pi=pi,
                                              outcome=outcome)
        _tell_plan_ready(run)
        return result
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


def process_queued(*, ticker: bool = False) -> int:
    """Run every queued plan, oldest first (for a worker process). Returns how many ran."""
    done = 0
    while True:
        if not connection.in_atomic_block:
            # A long-lived worker drops broken or expired connections between runs (never
            # inside a transaction, where closing would lose it).
            close_old_connections()
        run_id = (PlanRun.objects.filter(status=PlanRun.Status.QUEUED).order_by("created_at", "id")
                  .values_list("pk", flat=True).first())
        if run_id is None:
            return done
        if execute_run(run_id, ticker=ticker) is not None:
            done += 1


def fail_stale_runs(now=None) -> int:
    """Runs left "running" by a process that stopped (a restart kills daemon threads)."""
    from deployment import actions

    now = now or timezone.now()
    count = 0
    for run in PlanRun.objects.filter(status=PlanRun.Status.RUNNING, started_at__isnull=False):
        assert run.started_at is not None  # the filter's started_at__isnull=False
        if run.started_at + timedelta(seconds=run.time_limit_s + STALE_AFTER_S) < now:
            actions.do_fail_run(acting_user=None, run=run, message=_(
                "The planner was interrupted (the server stopped). Plan again."))
            count += 1
    return count
