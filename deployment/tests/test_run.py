"""Planner runs end to end: stored assignments with explanations, the planner's objective,
clear failures, runs as jobs of a worker."""

import math
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from deployment import planner
from deployment.actions import do_edit_plan
from deployment.models import MemberCapacity, PlannedAssignment, PlanRun
from deployment.services import build_instance
from jobs import housekeeping
from jobs.actions import do_cancel_job
from jobs.models import Job
from jobs.runner import execute
from jobs.tests.inprocess import run_worker

pytestmark = pytest.mark.django_db


def test_it_stores_the_plan_with_explanations_and_the_planners_objective(north):
    run = north.plan(stability_weight=0.5)
    assert run.status == PlanRun.Status.DONE and run.progress == 100
    expected = planner.solve(build_instance(north.planner, north.unit, time_limit_s=5,
                                            stability_weight=0.5).instance)
    assert math.isclose(run.objective, expected.objective)
    assert run.objective == pytest.approx(9.5)  # 5 + 3 + 1 + 0.5 for keeping Print Shop
    assert run.bound >= run.objective and run.gap == pytest.approx(0)
    assert run.greedy_objective is not None and run.greedy_objective <= run.objective
    assert run.solve_seconds is not None and run.solver_status
    planned = list(PlannedAssignment.objects.filter(run=run))
    assert {(p.member_id, p.field_id) for p in planned} == expected.pairs()
    assert all(p.explanation for p in planned)
    steel = {p.member_id for p in planned if p.field_id == north.fields["steel"].pk}
    assert len(steel) == 2 and north.person("alias-cella-1").pk in steel
    kept = [p for p in planned if p.kept]
    assert [(p.member_id, p.field_id) for p in kept] == [
        (north.person("alias-cellb-1").pk, north.fields["print"].pk)]


def test_it_stores_the_comparison_and_the_snapshot(north):
    run = north.plan()
    assert set(run.diff["fields_gained"]) == {north.fields["steel"].pk,
                                              north.fields["depot"].pk}
    assert run.diff["fields_lost"] == []
    assert run.params["instance"]["members"] and run.params["without_capacity"] == 2
    assert "2 members without a recorded capacity" in run.message


def test_it_audits_a_run_without_copying_the_planner_data(north):
    run = north.plan()
    done = AuditEvent.objects.filter(model="deployment.PlanRun", object_id=run.pk,
                                     action="update").get()
    assert done.unit_id == north.unit.pk
    assert {"params", "diff", "assignments", "status", "objective"} <= set(done.fields)
    assert done.changes["status"] == ["running", "done"]
    assert done.changes["objective"] == [None, run.objective]
    assert not {"params", "diff", "unstaffed"} & set(done.changes)
    do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                 field_id=north.fields["depot"].pk)
    edit = AuditEvent.objects.filter(model="deployment.PlanRun", object_id=run.pk).first()
    assert edit.actor == north.planner
    assert {"assignments", "diff", "unstaffed", "revision", "edited"} <= set(edit.fields)
    assert edit.changes["revision"] == [0, 1] and edit.changes["edited"] == [False, True]
    assert not {"diff", "unstaffed"} & set(edit.changes)


def test_unstaffed_fields_get_their_reasons(north):
    MemberCapacity.objects.filter(person=north.person("alias-cella-1")).update(skills="")
    run = north.plan()
    reasons = run.unstaffed[str(north.fields["steel"].pk)]
    assert any("agitation" in r for r in reasons)


def test_invalid_input_fails_with_the_planners_message(north):
    # Only a direct database write can store this; the planner still names the problem.
    MemberCapacity.objects.filter(person=north.person("alias-cella-2")).update(
        hours_per_week=-3)
    run = north.plan()
    assert run.status == PlanRun.Status.FAILED
    assert f"member {north.person('alias-cella-2').pk}: hours must be >= 0" in run.error_message
    job = Job.objects.get(subject_uid=run.uid)  # the job failed too, with the same reason
    assert job.status == Job.Status.FAILED and job.error == run.error_message


@pytest.mark.parametrize("limit", [0, -1, float("nan"), 601])
def test_it_rejects_a_time_limit_out_of_range(north, limit):
    with pytest.raises(ValidationError) as error:
        north.plan(time_limit_s=limit)
    assert "time limit" in str(error.value)
    assert not PlanRun.objects.exists()


def test_it_rejects_a_negative_stability_weight(north):
    with pytest.raises(ValidationError, match="stability weight cannot be negative"):
        north.plan(stability_weight=-1)


def test_it_refuses_a_user_who_may_change_nothing_there(north):
    with pytest.raises(ValidationError, match="no member and no field"):
        north.plan(user=north.world.user("overseer"))


def test_it_queues_a_job_with_the_run_and_a_worker_runs_it(north, queued, monkeypatch):
    run = north.plan()
    job = Job.objects.get(subject_uid=run.uid)
    assert run.status == PlanRun.Status.QUEUED and job.status == Job.Status.QUEUED
    assert (job.kind, job.unit, job.created_by) == ("plan_run", north.unit, north.planner)
    run_worker(monkeypatch)
    run.refresh_from_db()
    job.refresh_from_db()
    assert run.status == PlanRun.Status.DONE and run.progress == 100
    assert job.status == Job.Status.DONE and job.percent == 100 and job.attempts == 1
    assert job.message == run.message
    assert execute(job.pk) == "skipped"  # a second delivery runs nothing


def test_a_run_whose_worker_died_is_failed_with_the_reason(north, queued):
    run = north.plan()
    job = Job.objects.get(subject_uid=run.uid)
    stale = timezone.now() - timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=stale,
                                         started_at=stale, attempts=1, worker_id="gone")
    PlanRun.objects.filter(pk=run.pk).update(status=PlanRun.Status.RUNNING, started_at=stale)
    assert housekeeping.reap() == (0, 1)
    run.refresh_from_db()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "worker running this job stopped" in job.error
    assert run.status == PlanRun.Status.FAILED and "worker running this job stopped" in \
        run.error_message


def test_a_cancelled_queued_plan_is_failed_too(north, queued):
    run = north.plan()
    job = Job.objects.get(subject_uid=run.uid)
    do_cancel_job(acting_user=north.planner, job=job)
    run.refresh_from_db()
    assert run.status == PlanRun.Status.FAILED and "Cancelled" in run.error_message
