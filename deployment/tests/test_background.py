"""A plan started from a request runs in a daemon thread once the transaction commits."""

import threading

import pytest

from deployment.models import PlannedAssignment, PlanRun


@pytest.mark.django_db(transaction=True)
def test_a_plan_runs_in_a_background_thread_after_commit(north, settings):
    settings.NUCLEUS_PLANNER_SYNC = False
    run = north.plan(time_limit_s=2)
    thread = next(t for t in threading.enumerate() if t.name == f"planner-run-{run.pk}")
    assert thread.daemon
    thread.join(timeout=60)
    assert not thread.is_alive()
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE and run.progress == 100
    assert run.objective == pytest.approx(9.5)
    assert PlannedAssignment.objects.filter(run=run).exists()
