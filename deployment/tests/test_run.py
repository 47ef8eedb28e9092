"""Planner runs end to end: stored assignments with explanations, the planner's objective,
clear failures, background scheduling."""

import math

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from deployment import jobs, planner
from deployment.actions import do_edit_plan
from deployment.models import MemberCapacity, PlannedAssignment, PlanRun
from deployment.services import build_instance

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


def test_by_default_it_runs_in_the_background_after_commit(north, settings,
                                                            django_capture_on_commit_callbacks):
    settings.NUCLEUS_PLANNER_SYNC = False
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = north.plan()
    assert run.status == PlanRun.Status.QUEUED and len(callbacks) == 1
    # What the thread does (without a thread: the test database is one transaction).
    assert jobs.execute_run(run.pk).status == PlanRun.Status.DONE
    assert jobs.execute_run(run.pk) is None  # claimed once only


def test_a_worker_deployment_leaves_runs_queued(north, settings,
                                               django_capture_on_commit_callbacks):
    settings.NUCLEUS_PLANNER_SYNC = False
    settings.NUCLEUS_PLANNER_WORKER = True
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = north.plan()
    assert run.status == PlanRun.Status.QUEUED and not callbacks
    assert jobs.process_queued() == 1
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE


def test_an_interrupted_run_is_marked_failed(north, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.NUCLEUS_PLANNER_SYNC = False
    settings.NUCLEUS_PLANNER_WORKER = True
    run = north.plan()
    PlanRun.objects.filter(pk=run.pk).update(
        status=PlanRun.Status.RUNNING, started_at=timezone.now() - timedelta(hours=1))
    assert jobs.fail_stale_runs() == 1
    run.refresh_from_db()
    assert run.status == PlanRun.Status.FAILED and "interrupted" in run.error_message
