"""Starting planner runs (and forming temporary teams, which is a re-plan) and storing their
results (called by deployment.jobs)."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import record, snapshot
from deployment import jobs, planner, services
from deployment.actions.common import (
    TEAM_FIELDS,
    _is_user,
    _negative,
    _record_run,
)
from deployment.models import (
    PlannedAssignment,
    PlanRun,
    TemporaryTeam,
)
from deployment.planner.explain import DISTANCE, reason_text
from deployment.planner.model import Reason, staffed
from organizations.models import Unit

# --- starting runs ---

def _check_options(time_limit_s, stability_weight) -> None:
    errors = {}
    try:
        limit = float(time_limit_s)
    except (TypeError, ValueError):
        limit = math.nan
    if not math.isfinite(limit) or limit <= 0:
        errors["time_limit_s"] = _("The time limit must be more than 0 seconds.")
    elif limit > services.MAX_TIME_LIMIT_S:
        errors["time_limit_s"] = _("The time limit can be at most %(max)s seconds.") % {
            "max": f"{services.MAX_TIME_LIMIT_S:g}"}
    try:
        stability = float(stability_weight)
    except (TypeError, ValueError):
        stability = math.nan
    if not math.isfinite(stability) or stability < 0:
        errors["stability_weight"] = _("The stability weight cannot be negative.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def _queue_run(*, acting_user, unit: Unit, time_limit_s, stability_weight,
               team: TemporaryTeam | None = None) -> PlanRun:
    _check_options(time_limit_s, stability_weight)
    if not _is_user(acting_user) or not services.can_plan(acting_user, unit):
        raise ValidationError(_("You may change the deployment of no member and no field of "
                                "this unit."))
    run = PlanRun.objects.create(unit=unit, team=team, created_by=acting_user,
                                 time_limit_s=float(time_limit_s),
                                 stability_weight=float(stability_weight),
                                 message=_("Waiting to start"))
    record(actor=acting_user, action="create", obj=run)
    return run


def do_start_run(*, acting_user, unit: Unit,
                 time_limit_s: float = services.DEFAULT_TIME_LIMIT_S,
                 stability_weight: float = services.DEFAULT_STABILITY_WEIGHT,
                 team: TemporaryTeam | None = None, inline: bool | None = None) -> PlanRun:
    """Queue a plan for the committee with its job (one transaction): a worker runs it
    (``manage.py run_jobs``), or right away with ``inline`` or the immediate backend."""
    with transaction.atomic():
        run = _queue_run(acting_user=acting_user, unit=unit, time_limit_s=time_limit_s,
                         stability_weight=stability_weight, team=team)
        job = jobs.schedule(run)
    if inline:  # after the commit: the solver holds no transaction open
        jobs.run_now(job)
    run.refresh_from_db()
    return run


def do_form_team(*, acting_user, unit: Unit, data: dict,
                 time_limit_s: float = services.DEFAULT_TIME_LIMIT_S,
                 stability_weight: float = services.DEFAULT_STABILITY_WEIGHT,
                 inline: bool | None = None) -> PlanRun:
    """Form a temporary team for an urgent struggle: record it and re-plan the committee's
    forces with the team above every field (the plan is reviewed, then applied)."""
    with transaction.atomic():
        unknown = set(data) - set(TEAM_FIELDS)
        if unknown:
            raise ValueError(f"cannot be set here: {sorted(unknown)}")
        errors: dict = {}
        _negative(errors, data, "hours_per_member",
                  _("Hours per member must be more than 0."), zero=True)
        _negative(errors, data, "max_member_hours",
                  _("The cap on member-hours must be more than 0."), zero=True)
        end = data.get("end_date")
        if end and end < timezone.localdate():
            errors["end_date"] = _("The team's end date has passed.")
        if errors:
            raise ValidationError(errors)
        team = TemporaryTeam(unit=unit, created_by=acting_user if _is_user(acting_user) else None,
                             **data)
        team.full_clean()
        team.save()
        record(actor=acting_user, action="create", obj=team)
        run = _queue_run(acting_user=acting_user, unit=unit, time_limit_s=time_limit_s,
                         stability_weight=stability_weight, team=team)
        job = jobs.schedule(run)
    if inline:  # after the commit: the solver holds no transaction open
        jobs.run_now(job)
    run.refresh_from_db()
    return run


# --- results of a run (called by deployment.jobs) ---

def _nan_to_none(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def _store_assignments(run: PlanRun, plan: planner.Plan, current: set[tuple[int, int]]) -> None:
    """Replace the run's planned assignments: a proposal of the run, audited as its relation
    "assignments" on the run's own audit row (never one row per member)."""
    team_id = run.team_field_id
    PlannedAssignment.objects.filter(run=run).delete()
    stored = {pair: _without_distance(plan.reasons.get(pair, ())) for pair in plan.pairs()}
    PlannedAssignment.objects.bulk_create([
        PlannedAssignment(run=run, member_id=m, field_id=None if f == team_id else f,
                          explanation=reason_text(stored[(m, f)])[:500],
                          reasons=[[t, p] for t, p in stored[(m, f)]],
                          kept=(m, f) in current)
        for m, f in sorted(plan.pairs())])


def _without_distance(reason: Reason) -> Reason:
    """A reason as kept with the run: without the distance from the member's home, which
    (against several fields whose places are known) would locate the member for every
    viewer of the plan; the member's location is sealed (deployment.sealed_inputs)."""
    return tuple(part for part in reason if part[0] != DISTANCE)


@transaction.atomic
def do_record_run_result(*, acting_user, run: PlanRun, pi: services.PlanningInput,
                         outcome: services.Outcome) -> PlanRun:
    plan = outcome.plan
    run.refresh_from_db()  # progress was written by the job while it ran
    before = snapshot(run)
    _store_assignments(run, plan, pi.current)
    done = staffed(pi.instance, plan.pairs())
    message = ngettext("%(n)s field staffed", "%(n)s fields staffed", len(done)) % {
        "n": len(done)}
    if pi.without_capacity:
        message += "; " + ngettext(
            "%(n)s member without a recorded capacity was left out",
            "%(n)s members without a recorded capacity were left out",
            pi.without_capacity) % {"n": pi.without_capacity}
    if pi.withheld_locations:
        message += "; " + ngettext(
            "%(n)s member planned without their location (you may not reveal it)",
            "%(n)s members planned without their location (you may not reveal it)",
            pi.withheld_locations) % {"n": pi.withheld_locations}
    values = {
        "status": PlanRun.Status.DONE, "progress": 100, "message": message[:300],
        "finished_at": timezone.now(), "objective": plan.objective,
        "bound": _nan_to_none(plan.bound), "gap": _nan_to_none(plan.gap),
        "greedy_objective": outcome.greedy_objective, "solve_seconds": plan.solve_seconds,
        "solver_status": plan.status, "error_message": "",
        "params": {"instance": services.instance_to_json(pi.instance),
                   "without_capacity": pi.without_capacity,
                   # Why the search stopped, as parts to translate when shown.
                   "stop_reason": [list(part) for part in plan.stop_reason]},
        "diff": outcome.diff,
        "unstaffed": {str(k): v for k, v in outcome.unstaffed.items()},
    }
    _save_run(run, values)
    _record_run(acting_user, run, before, ["assignments"])
    return run


def _save_run(run: PlanRun, values: dict) -> None:
    for key, value in values.items():
        setattr(run, key, value)
    run.save(update_fields=list(values))
    run.refresh_from_db()


@transaction.atomic
def do_fail_run(*, acting_user, run: PlanRun, message: str, params: dict | None = None
                ) -> PlanRun:
    run.refresh_from_db()  # progress was written by the job while it ran
    before = snapshot(run)
    values = {"status": PlanRun.Status.FAILED, "finished_at": timezone.now(),
              "message": _("Failed"), "error_message": message}
    if params:
        values["params"] = {"instance": params}
    _save_run(run, values)
    _record_run(acting_user, run, before)
    return run
