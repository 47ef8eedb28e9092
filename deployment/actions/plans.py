"""Reviewing, editing and applying a finished plan."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import record, snapshot
from deployment import planner, services
from deployment.actions.common import (
    EDIT_OPS,
    _is_user,
    _record_run,
)
from deployment.actions.runs import _nan_to_none, _store_assignments
from deployment.models import (
    DeploymentAssignment,
    PlannedAssignment,
    PlanRun,
)
from deployment.planner.model import staffed
from fieldwork.models import Field
from people.models import Person

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
    instance = services.stored_instance(acting_user, run.params.get("instance", {}))
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


@dataclass(frozen=True)
class ApplyPreview:
    """What applying a plan would do today: the (member, field) pairs it starts (field None:
    the run's temporary team) and the assignments in force it ends."""

    starts: list[tuple[int, int | None]]
    ends: list[DeploymentAssignment]


def _in_force(run: PlanRun, member_ids: list[int], field_ids: list[int]):
    """The assignments in force that a plan decides about: its members on its fields (and
    on its team)."""
    scope = Q(field_id__in=field_ids)
    if run.team is not None:
        scope |= Q(field=None, temporary_team=run.team)
    return DeploymentAssignment.objects.filter(scope, member_id__in=member_ids, until=None)


def _key(run: PlanRun, a: DeploymentAssignment) -> tuple[int, int]:
    return (a.member_id, a.field_id if a.field_id is not None else int(run.team_field_id or 0))


def apply_preview(run: PlanRun) -> ApplyPreview:
    """What ``do_apply_plan`` would start and end, for the page that asks to confirm."""
    data = run.params.get("instance", {})
    member_ids = [m["id"] for m in data.get("members", [])]
    field_ids = [f["id"] for f in data.get("fields", []) if f["id"] > 0]
    pairs = planned_pairs(run)
    ends, kept = [], set()
    for a in _in_force(run, member_ids, field_ids).select_related("member", "field",
                                                                   "temporary_team"):
        if _key(run, a) in pairs:
            kept.add(_key(run, a))
        else:
            ends.append(a)
    team_id = run.team_field_id
    starts = [(m, None if f == team_id else f) for m, f in sorted(pairs - kept)]
    return ApplyPreview(starts=starts, ends=ends)


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
    pairs = planned_pairs(run)
    if not pairs:
        # Applying nothing would only end assignments: a plan sends someone somewhere.
        raise ValidationError(_("This plan sends nobody anywhere: there is nothing to "
                                "apply."))
    instance = services.stored_instance(acting_user, run.params.get("instance", {}))
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
    kept: set[tuple[int, int]] = set()
    for a in (_in_force(run, member_ids, field_ids).select_for_update(of=("self",))
              .select_related("member")):
        key = _key(run, a)
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
