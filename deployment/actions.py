"""Writes for the deployment of forces: validated, one transaction, audited with old and new
values (``audit.log.record``; the audit row's unit comes from each record's anchor).

As everywhere in Nucleus, callers (views, commands) fetch the objects through the access layer
first; these functions do the work. Applying a plan also re-checks that the acting user may
change every member and field it touches, because a plan is made once and may be applied by
someone else.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from audit.log import record, snapshot
from deployment import jobs, planner, services
from deployment.models import (
    DeploymentAssignment,
    FieldNeed,
    MemberCapacity,
    PlannedAssignment,
    PlanRun,
    TemporaryTeam,
)
from deployment.planner.model import staffed
from fieldwork.actions import as_stored
from fieldwork.models import Field
from organizations.models import Unit
from people.models import Person

CAPACITY_FIELDS = ("hours_per_week", "skills", "languages", "home_latitude", "home_longitude",
                   "work_latitude", "work_longitude", "max_distance_km", "notes")
NEED_FIELDS = ("min_team", "max_team", "hours_per_member", "required_skills",
               "required_languages", "weight_source", "weight")
WEIGHT_FIELDS = ("weight_source", "weight")
TEAM_FIELDS = ("name", "struggle", "needed_members", "hours_per_member", "max_member_hours",
               "start_date", "end_date", "required_skills", "required_languages")
EDIT_OPS = ("add", "remove", "remove_field")
# A run's planner input and results: large, and kept on the run itself. Its audit rows name
# them without copying them.
RUN_BULK = ("params", "diff", "unstaffed")


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated


def _set(obj, data: dict, allowed: Iterable[str]) -> None:
    """Set plain fields and validate."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"cannot be set here: {sorted(unknown)}")
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    as_stored(obj)


def _record_run(acting_user, run: PlanRun, before: dict, names: Iterable[str] = ()) -> None:
    """The audit row of a changed run: old and new values, but the bulky planner data (and
    ``names``, such as the planned assignments) by name only."""
    after = snapshot(run)
    bulky = [n for n in RUN_BULK if before.get(n) != after.get(n)]
    record(actor=acting_user, action="update", obj=run,
           before={**before, **{n: after[n] for n in bulky}}, fields=[*bulky, *names])


def _negative(errors: dict, data: dict, name: str, message: str, *, zero: bool = False) -> None:
    value = data.get(name)
    if value is not None and (value < 0 or (zero and value == 0)):
        errors[name] = message


# --- what members give and what fields need ---

def _field_choices(acting_user, organization_id: int, items: Iterable) -> list[Field]:
    ids = []
    for item in items:
        try:
            ids.append(int(getattr(item, "pk", item)))
        except (TypeError, ValueError):
            raise ValidationError({"excluded_fields": _("Unknown field: %(id)s.")
                                   % {"id": item}}) from None
    qs = (Field.objects.restrict(acting_user) if _is_user(acting_user) else Field.objects)
    found = list(qs.filter(pk__in=ids, unit__organization_id=organization_id))
    missing = sorted(set(ids) - {f.pk for f in found})
    if missing:
        # Unknown and outside the user's scope read the same.
        raise ValidationError({"excluded_fields": ngettext(
            "Unknown field: %(ids)s.", "Unknown fields: %(ids)s.", len(missing))
            % {"ids": ", ".join(map(str, missing))}})
    return found


@transaction.atomic
def do_set_capacity(*, acting_user, person: Person, data: dict,
                    excluded_fields: Iterable | None = None) -> MemberCapacity:
    """Record what a member can give: hours, skills, languages, where they live and work,
    how far they go, and the fields they must keep away from."""
    if person.kind != Person.Kind.MEMBER:
        raise ValidationError({"person": _("Only a member has a capacity.")})
    errors: dict = {}
    _negative(errors, data, "hours_per_week", _("Hours per week cannot be negative."))
    _negative(errors, data, "max_distance_km", _("The farthest distance cannot be negative."))
    if errors:
        raise ValidationError(errors)
    capacity = MemberCapacity.objects.filter(person=person).first()
    created = capacity is None
    capacity = capacity or MemberCapacity(person=person)
    before = snapshot(capacity)
    _set(capacity, data, CAPACITY_FIELDS)
    excluded = (None if excluded_fields is None else
                _field_choices(acting_user, person.unit.organization_id, excluded_fields))
    old = set() if created else set(capacity.excluded_fields.values_list("pk", flat=True))
    relation = [] if excluded is None or old == {f.pk for f in excluded} else ["excluded_fields"]
    if not created and not relation and snapshot(capacity) == before:
        return capacity
    # A changed relation alone makes a new version too: a form opened before it is refused.
    capacity.save()
    if excluded is not None and relation:
        capacity.excluded_fields.set(excluded)
    record(actor=acting_user, action="create" if created else "update", obj=capacity,
           before=None if created else before, fields=relation)
    return capacity


def may_set_weight(user, field: Field) -> bool:
    """The responsible committee (a 'change' role with oversight above the field's unit)."""
    return Field.objects.prioritizable(user).filter(pk=field.pk).exists()


@transaction.atomic
def do_set_field_need(*, acting_user, field: Field, data: dict) -> FieldNeed:
    """What a field needs: team size (all or nothing), hours, skills, languages; and, for the
    responsible committee only, where its weight comes from."""
    need = FieldNeed.objects.filter(field=field).first()
    created = need is None
    need = need or FieldNeed(field=field)
    changes_weight = any(k in data and data[k] != getattr(need, k) for k in WEIGHT_FIELDS)
    if changes_weight and _is_user(acting_user) and not may_set_weight(acting_user, field):
        raise ValidationError({"weight": _(
            "Only the responsible committee sets the weight of a field.")})
    errors: dict = {}
    _negative(errors, data, "hours_per_member",
              _("Hours per member must be more than 0."), zero=True)
    _negative(errors, data, "weight", _("A weight cannot be negative."))
    _negative(errors, data, "min_team", _("The smallest team cannot be negative."))
    _negative(errors, data, "max_team", _("The largest team must be at least 1."), zero=True)
    if errors:
        raise ValidationError(errors)
    before = snapshot(need)
    _set(need, data, NEED_FIELDS)
    if created or snapshot(need) != before:
        need.save()
        record(actor=acting_user, action="create" if created else "update", obj=need,
               before=None if created else before)
    return need


@transaction.atomic
def do_assign_member(*, acting_user, member: Person, field: Field,
                     since: date | None = None) -> DeploymentAssignment:
    """Record an assignment made outside the planner (the deployment before planning)."""
    if DeploymentAssignment.objects.filter(member=member, field=field, until=None).exists():
        raise ValidationError({"field": _("This member already works this field.")})
    assignment = DeploymentAssignment(member=member, field=field,
                                      since=since or timezone.localdate())
    assignment.full_clean()
    assignment.save()
    record(actor=acting_user, action="create", obj=assignment)
    return assignment


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
    """Queue a plan for the committee (one transaction), then start it: in the background
    once committed, or right away when ``inline`` (default: NUCLEUS_PLANNER_SYNC)."""
    run = _queue_run(acting_user=acting_user, unit=unit, time_limit_s=time_limit_s,
                     stability_weight=stability_weight, team=team)
    jobs.schedule(run, inline=inline)
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
    jobs.schedule(run, inline=inline)
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
    PlannedAssignment.objects.bulk_create([
        PlannedAssignment(run=run, member_id=m, field_id=None if f == team_id else f,
                          explanation=plan.explanations.get((m, f), "")[:500],
                          reasons=[[t, p] for t, p in plan.reasons.get((m, f), ())],
                          kept=(m, f) in current)
        for m, f in sorted(plan.pairs())])


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
    values = {
        "status": PlanRun.Status.DONE, "progress": 100, "message": message[:300],
        "finished_at": timezone.now(), "objective": plan.objective,
        "bound": _nan_to_none(plan.bound), "gap": _nan_to_none(plan.gap),
        "greedy_objective": outcome.greedy_objective, "solve_seconds": plan.solve_seconds,
        "solver_status": plan.status, "error_message": "",
        "params": {"instance": services.instance_to_json(pi.instance),
                   "without_capacity": pi.without_capacity},
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


# --- review, edit, apply ---

def planned_pairs(run: PlanRun) -> set[tuple[int, int]]:
    team_id = run.team_field_id
    return {(m, f if f is not None else team_id)
            for m, f in PlannedAssignment.objects.filter(run=run).values_list("member_id",
                                                                               "field_id")}


def _refuse(acting_user, instance: planner.Instance, run: PlanRun, problems: list[str],
            intro: str) -> ValidationError:
    names = services.names_for(acting_user, member_ids=[m.id for m in instance.members],
                               field_ids=[f.id for f in instance.fields], team=run.team)
    # Stored reasons are kept in English (gettext_noop) and translated when shown.
    return ValidationError(intro % {"problems": "; ".join(names.humanize(_(p) if p else p)
                                                          for p in problems)})


def _finished(run: PlanRun, what: str) -> None:
    if run.status != PlanRun.Status.DONE:
        raise ValidationError(what)


def _changeable(acting_user, member_ids: Iterable[int], field_ids: Iterable[int]) -> bool:
    members, fields = set(member_ids), {f for f in field_ids if f > 0}
    if not _is_user(acting_user):
        return True
    return (Person.objects.restrict(acting_user, "change").filter(pk__in=members).count()
            == len(members)
            and Field.objects.restrict(acting_user, "change").filter(pk__in=fields).count()
            == len(fields))


@transaction.atomic
def do_edit_plan(*, acting_user, run: PlanRun, op: str, field_id: int | None,
                 member_id: int | None = None) -> PlanRun:
    """Add or remove a planned assignment (or a field's whole team) before applying. The
    changed plan must keep every rule of the planner (hours, distance, exclusions, team size
    all or nothing, skills and languages); otherwise nothing changes."""
    run = PlanRun.objects.select_for_update(of=("self",)).select_related("team").get(pk=run.pk)
    _finished(run, _("Only a finished plan that has not been applied can be changed."))
    if op not in EDIT_OPS:
        raise ValidationError(_("Choose what to change."))
    instance = services.instance_from_json(run.params.get("instance", {}))
    if field_id not in {f.id for f in instance.fields} or not _changeable(
            acting_user, [], [field_id]):
        raise ValidationError(_("This field is not part of the plan."))
    if op != "remove_field" and (
            member_id not in {m.id for m in instance.members}
            or not _changeable(acting_user, [member_id], [])):
        raise ValidationError(_("This member is not part of the plan."))
    pairs = planned_pairs(run)
    if op == "add":
        assert member_id is not None  # checked above: a member of the plan
        if (member_id, field_id) in pairs:
            raise ValidationError(_("This member is already planned there."))
        pairs.add((member_id, field_id))
    elif op == "remove":
        assert member_id is not None  # checked above: a member of the plan
        if (member_id, field_id) not in pairs:
            raise ValidationError(_("This member is not planned there."))
        pairs.discard((member_id, field_id))
    else:
        team = {p for p in pairs if p[1] == field_id}
        if not team:
            raise ValidationError(_("Nobody is planned there."))
        pairs -= team
    plan = services.plan_of(instance, pairs, bound=run.bound)
    problems = planner.violations(instance, plan)
    if problems:
        raise _refuse(acting_user, instance, run, problems,
                      _("This change breaks a rule of the plan: %(problems)s."))
    current = services.current_pairs(instance)
    before, staffed_before = snapshot(run), staffed(instance, planned_pairs(run))
    _store_assignments(run, plan, current)
    after = set(plan.staffed_fields)
    unstaffed = dict(run.unstaffed)
    for f in staffed_before - after:
        unstaffed[str(f)] = [gettext_noop("taken out of the plan by hand")]
    for f in after:
        unstaffed.pop(str(f), None)
    run.objective, run.gap = plan.objective, _nan_to_none(plan.gap)
    run.diff = planner.compare(current, plan)
    run.unstaffed = unstaffed
    run.revision += 1
    run.edited = True
    run.save(update_fields=["objective", "gap", "diff", "unstaffed", "revision", "edited"])
    _record_run(acting_user, run, before, ["assignments"])
    return run


@transaction.atomic
def do_apply_plan(*, acting_user, run: PlanRun, revision: int | None = None,
                  today: date | None = None) -> PlanRun:
    """Put a plan in force, all of it or nothing: end the assignments it does not keep
    (until today), create the new ones, and mark the run applied. For a temporary team the
    ended assignments are remembered as suspended, to be restored when the team dissolves."""
    today = today or timezone.localdate()
    run = PlanRun.objects.select_for_update(of=("self",)).select_related("team").get(pk=run.pk)
    _finished(run, _("Only a finished plan that has not been applied can be applied."))
    if revision is not None and revision != run.revision:
        raise ValidationError(_("The plan was changed since you opened it. Look at it again "
                                "before applying it."))
    instance = services.instance_from_json(run.params.get("instance", {}))
    pairs = planned_pairs(run)
    member_ids = [m.id for m in instance.members]
    field_ids = [f.id for f in instance.fields if f.id > 0]
    if not _changeable(acting_user, member_ids, field_ids):
        raise ValidationError(_("This plan moves members or fields whose records you may not "
                                "change; someone who may change all of them must apply it."))
    problems = planner.violations(instance, services.plan_of(instance, pairs))
    if problems:
        raise _refuse(acting_user, instance, run, problems,
                      _("This plan breaks a rule: %(problems)s."))
    team, team_id = run.team, run.team_field_id
    if team is not None:
        _check_team(acting_user, run, instance, pairs, today)
    since = run.started_at or run.created_at
    if DeploymentAssignment.objects.filter(member_id__in=member_ids).filter(
            Q(created_at__gt=since) | Q(ended_at__gt=since)).exists():
        raise ValidationError(_("The deployment changed after this plan was made. Plan again."))

    people = Person.objects.in_bulk(member_ids)  # the audit rows' units, without a query each
    now = timezone.now()
    scope = Q(field_id__in=field_ids)
    if team is not None:
        scope |= Q(field=None, temporary_team=team)
    kept: set[tuple[int, int]] = set()
    for a in (DeploymentAssignment.objects.select_for_update(of=("self",))
              .select_related("member").filter(scope, member_id__in=member_ids, until=None)):
        key = (a.member_id, a.field_id if a.field_id is not None else int(team_id or 0))
        if key in pairs:
            kept.add(key)
            continue
        before = snapshot(a)
        a.until, a.ended_at = today, now
        names = ["until", "ended_at"]
        if team is not None and a.field_id is not None:
            a.suspended_by = team
            names.append("suspended_by")
        a.save(update_fields=names)
        record(actor=acting_user, action="update", obj=a, before=before)
    for m, f in sorted(pairs - kept):
        a = DeploymentAssignment(member_id=m, field_id=None if f == team_id else f,
                                 temporary_team=team, since=today, plan_run=run)
        if m in people:
            a.member = people[m]
        a.full_clean()
        a.save()
        record(actor=acting_user, action="create", obj=a)
    before = snapshot(run)
    run.status, run.applied_at = PlanRun.Status.APPLIED, now
    run.applied_by = acting_user if _is_user(acting_user) else None
    run.save(update_fields=["status", "applied_at", "applied_by"])
    record(actor=acting_user, action="update", obj=run, before=before)
    return run


def _check_team(acting_user, run: PlanRun, instance: planner.Instance,
                pairs: set[tuple[int, int]], today: date) -> None:
    team = run.team
    assert team is not None  # only a team's run comes here
    if team.dissolved_on is not None:
        raise ValidationError(_("This temporary team has been dissolved."))
    if team.end_date < today:
        raise ValidationError(_("The team's end date has passed."))
    if run.team_field_id not in staffed(instance, pairs):
        reasons = run.unstaffed.get(str(run.team_field_id)) or [gettext_noop("not staffed")]
        raise _refuse(acting_user, instance, run, reasons,
                      _("The temporary team could not be formed: %(problems)s."))


# --- temporary teams come to an end ---

def dissolve_expired_teams(today: date | None = None, *, unit: Unit | None = None,
                           acting_user=None) -> int:
    """Dissolve the teams whose end date has come (only those of ``unit``'s subtree when
    given): their assignments end at the end date and the assignments they suspended are
    restored. Each team in its own transaction; returns how many were dissolved."""
    today = today or timezone.localdate()
    teams = TemporaryTeam.objects.filter(dissolved_on=None, end_date__lte=today)
    if unit is not None:
        teams = teams.filter(unit__path__startswith=unit.path)
    count = 0
    for team_id in teams.values_list("pk", flat=True):
        if _dissolve(team_id, today, acting_user):
            count += 1
    return count


@transaction.atomic
def _dissolve(team_id: int, today: date, acting_user) -> bool:
    team = TemporaryTeam.objects.select_for_update().filter(pk=team_id, dissolved_on=None).first()
    if team is None:
        return False
    end, now = team.end_date, timezone.now()
    for a in team.assignments.filter(until=None).select_related("member"):
        before = snapshot(a)
        a.until, a.ended_at = max(end, a.since), now
        a.save(update_fields=["until", "ended_at"])
        record(actor=acting_user, action="update", obj=a, before=before)
    gone = [Person.Status.LEFT, Person.Status.SUSPENDED]
    for old in team.suspended_assignments.select_related("member", "field"):
        # A suspended assignment always names its field (only team assignments have none).
        if old.member.status in gone or DeploymentAssignment.objects.filter(
                member_id=old.member_id, field=old.field, until=None).exists():
            continue
        back = DeploymentAssignment(member=old.member, field_id=old.field_id,
                                    since=max(end, old.until or end))
        back.full_clean()
        back.save()
        record(actor=acting_user, action="create", obj=back)
    before = snapshot(team)
    team.dissolved_on = today
    team.save(update_fields=["dissolved_on"])
    record(actor=acting_user, action="update", obj=team, before=before)
    return True
