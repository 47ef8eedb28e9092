"""manage.py plan_deployment, run_jobs (plans) and run_planner_jobs (teams)."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from deployment.actions import do_form_team
from deployment.management.commands.plan_deployment import NOT_FOUND
from deployment.models import DeploymentAssignment, PlanRun
from jobs.tests.inprocess import run_worker

pytestmark = pytest.mark.django_db


def _plan(*args) -> str:
    out = io.StringIO()
    call_command("plan_deployment", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_plan_its_quality_and_the_difference(north):
    out = _plan("--unit", str(north.unit.pk), "--user", "north_planner", "--time-limit", "5")
    assert "objective 9.500, bound 9.500, gap 0.00%, greedy 9.500" in out
    assert "alias-cella-1 -> Steel Mill [new]: “Steel Mill” weight 5 (#1 of 3)" in out
    assert "alias-cellb-1 -> Print Shop [kept]" in out
    assert "fields gained: " in out and "Steel Mill" in out.split("fields gained: ")[1]
    assert "members moved: " in out
    assert PlanRun.objects.get().status == PlanRun.Status.DONE
    assert not DeploymentAssignment.objects.filter(plan_run__isnull=False).exists()


def test_it_applies_the_plan_when_asked(north):
    out = _plan("--unit", str(north.unit.pk), "--user", "north_planner", "--apply")
    run = PlanRun.objects.get()
    assert f"Plan #{run.short_uid} applied." in out and run.status == PlanRun.Status.APPLIED
    assert DeploymentAssignment.objects.filter(plan_run=run).exists()


@pytest.mark.parametrize("unit_key, user", [("south", "north_planner"), (None, "north_planner"),
                                             ("north", "nobody"), ("cell_x", "north_planner")])
def test_it_answers_the_same_for_unknown_and_outside(north, unit_key, user):
    unit = str(north.world.units[unit_key].pk) if unit_key else "987654"
    with pytest.raises(CommandError) as error:
        _plan("--unit", unit, "--user", user)
    assert str(error.value) == NOT_FOUND
    assert not PlanRun.objects.exists()


def test_it_fails_clearly(north):
    with pytest.raises(CommandError, match="time limit must be more than 0"):
        _plan("--unit", str(north.unit.pk), "--user", "north_planner", "--time-limit", "0")
    with pytest.raises(CommandError, match="no member and no field"):
        _plan("--unit", str(north.unit.pk), "--user", "overseer")


def test_the_worker_runs_queued_plans_and_expired_teams_are_dissolved(north, queued,
                                                                      monkeypatch):
    run = north.plan()
    today = timezone.localdate()
    team_run = do_form_team(acting_user=north.planner, unit=north.unit, data={
        "name": "Short strike", "needed_members": 1, "hours_per_member": 2,
        "max_member_hours": 2, "start_date": today, "end_date": today})
    assert run.status == team_run.status == PlanRun.Status.QUEUED
    run_worker(monkeypatch)
    out = io.StringIO()
    call_command("run_planner_jobs", stdout=out)
    assert "1 team(s) dissolved" in out.getvalue()
    run.refresh_from_db()
    team_run.refresh_from_db()
    assert run.status == team_run.status == PlanRun.Status.DONE
    assert team_run.team.dissolved_on == today
    assert timedelta(0) <= timezone.now() - run.finished_at < timedelta(minutes=1)


