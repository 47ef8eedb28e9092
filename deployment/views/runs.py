"""A plan run: progress while it works, then the plan with its explanations, the difference
from the deployment in force, objective against bound and greedy; edit and apply.

Only planned assignments of members the viewer may see are listed (aliases only); the others
are counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.helpers import access_object, can
from deployment import services
from deployment.actions import apply_preview, do_apply_plan, do_edit_plan
from deployment.forms import ApplyForm, EditForm
from deployment.models import DeploymentAssignment, PlannedAssignment, PlanRun
from deployment.views.common import run_url
from fieldwork.models import Field
from nucleus.web import error_text, is_htmx, vary_on_htmx

UNSTAFFED_SHOWN = 50


@dataclass
class Row:
    member_id: int
    alias: str
    explanation: str
    kept: bool


@dataclass
class Group:
    field_id: int
    name: str
    weight: float
    rows: list[Row] = field(default_factory=list)
    others: int = 0


def _groups(user, run: PlanRun, names: services.Names, weights: dict[int, float]
            ) -> list[Group]:
    team_id = run.team_field_id
    groups: dict[int, Group] = {}

    def group(field_id: int | None) -> Group:
        # Planned without a field: serving the run's temporary team.
        fid = field_id if field_id is not None else team_id
        assert fid is not None, "an assignment without a field belongs to the run's team"
        if fid not in groups:
            groups[fid] = Group(fid, names.field_name(fid), weights.get(fid, 0.0))
        return groups[fid]

    visible = (PlannedAssignment.objects.restrict(user).filter(run=run)
               .select_related("member").order_by("member__alias"))
    for pa in visible:
        group(pa.field_id).rows.append(Row(pa.member_id, pa.member.alias,
                                   names.explain(pa.reasons, pa.explanation), pa.kept))
    totals = (PlannedAssignment.objects.filter(run=run).values("field_id")
              .annotate(n=Count("id")).order_by())
    for row in totals:
        g = group(row["field_id"])
        g.others = row["n"] - len(g.rows)
    return sorted(groups.values(), key=lambda g: (-g.weight, g.name))


def _detail_context(user, run: PlanRun) -> dict:
    data = run.params.get("instance")
    instance = services.instance_from_json(data) if data else None
    member_ids = [m.id for m in instance.members] if instance else []
    field_ids = [f.id for f in instance.fields] if instance else []
    names = services.names_for(user, member_ids=member_ids, field_ids=field_ids, team=run.team)
    weights = {f.id: f.weight for f in instance.fields} if instance else {}
    diff = run.diff or {}
    moved = diff.get("members_moved", [])
    unstaffed = sorted(((int(k), v) for k, v in (run.unstaffed or {}).items()),
                       key=lambda kv: (-weights.get(kv[0], 0.0), kv[0]))
    can_change = run.status == PlanRun.Status.DONE and can(user, PlanRun, run, "change")
    context = {
        "run": run, "unit": run.unit, "instance": instance,
        "groups": _groups(user, run, names, weights) if instance else [],
        "gained": [names.field_name(f) for f in diff.get("fields_gained", [])],
        "lost": [names.field_name(f) for f in diff.get("fields_lost", [])],
        "moved": sorted(names.members[m] for m in moved if m in names.members),
        "moved_others": sum(1 for m in moved if m not in names.members),
        "unstaffed": [(names.field_name(f), weights.get(f, 0.0),
                       # Stored in English (gettext_noop); the planner's own stay so.
                       [names.humanize(_(r) if r else r) for r in reasons])
                      for f, reasons in unstaffed[:UNSTAFFED_SHOWN]],
        "unstaffed_more": max(0, len(unstaffed) - UNSTAFFED_SHOWN),
        "stopped": names.explain((run.params or {}).get("stop_reason", [])),
        "error": names.humanize(run.error_message) if run.error_message else "",
        "gain_over_greedy": (None if run.objective is None or run.greedy_objective is None
                             else run.objective - run.greedy_objective),
        "can_change": can_change,
        "coverage": services.coverages([run]).get(run.pk),
        # An empty plan would only end assignments: it is not offered for applying.
        "has_assignments": PlannedAssignment.objects.filter(run=run).exists(),
    }
    if can_change and instance:
        context.update(_edit_choices(user, run, instance, names))
    return context


def _edit_choices(user, run: PlanRun, instance, names: services.Names) -> dict:
    members = set(services.planning_members(user, run.unit).values_list("pk", flat=True))
    fields = set(Field.objects.restrict(user, "change").filter(
        pk__in=[f.id for f in instance.fields if f.id > 0]).values_list("pk", flat=True))
    return {
        "member_choices": sorted(((m.id, names.member_name(m.id)) for m in instance.members
                                  if m.id in members), key=lambda c: c[1]),
        "field_choices": [(f.id, names.field_name(f.id)) for f in
                          sorted(instance.fields, key=lambda f: (-f.weight, f.id))
                          if f.id < 0 or f.id in fields],
    }


@login_required
@vary_on_htmx
@require_GET
def run_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    run = access_object(PlanRun, request.user, uid)
    if is_htmx(request):
        response = render(request, "deployment/_run_status.html", {"run": run})
        if not run.in_progress:
            # Finished: reload the whole page to show the plan.
            response["HX-Refresh"] = "true"
        return response
    return render(request, "deployment/run_detail.html", _detail_context(request.user, run))


@login_required
@require_POST
def run_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    run = access_object(PlanRun, request.user, uid, "change")
    form = EditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to change."))
        return redirect(run_url(run.uid))
    try:
        do_edit_plan(acting_user=request.user, run=run, op=form.cleaned_data["op"],
                     field_id=form.cleaned_data["field"],
                     member_id=form.cleaned_data.get("member"))
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The plan was changed."))
    return redirect(run_url(run.uid) + "#plan")


@dataclass
class Move:
    alias: str
    place: str


def _place(a: DeploymentAssignment) -> str:
    if a.field is not None:
        return a.field.name
    assert a.temporary_team is not None  # a field or a team (a check constraint)
    return _("team “%(name)s”") % {"name": a.temporary_team.name}


def _moves(user, run: PlanRun) -> dict:
    """What applying would start and end, by alias and field, for the confirmation page;
    members the viewer may not see are counted."""
    preview = apply_preview(run)
    names = services.names_for(
        user, member_ids=[m for m, _f in preview.starts] + [a.member_id for a in preview.ends],
        field_ids=[f for _m, f in preview.starts if f is not None], team=run.team)
    team_id = run.team_field_id
    starts = [Move(names.members[m], names.field_name(f if f is not None else int(team_id or 0)))
              for m, f in preview.starts if m in names.members]
    ends = [Move(names.members[a.member_id], _place(a))
            for a in preview.ends if a.member_id in names.members]
    return {"starts": sorted(starts, key=lambda m: (m.place, m.alias)),
            "ends": sorted(ends, key=lambda m: (m.place, m.alias)),
            "starts_others": len(preview.starts) - len(starts),
            "ends_others": len(preview.ends) - len(ends)}


@login_required
@require_http_methods(["GET", "POST"])
def run_apply(request: HttpRequest, uid: UUID) -> HttpResponse:
    """GET: what the plan will start and end, and a button to confirm (nothing changes).
    POST: apply it."""
    run = access_object(PlanRun, request.user, uid, "change")
    if request.method == "GET":
        empty = not PlannedAssignment.objects.filter(run=run).exists()
        return render(request, "deployment/apply_confirm.html", {
            "run": run, "unit": run.unit, "empty": empty,
            "can_apply": run.status == PlanRun.Status.DONE and not empty,
            **_moves(request.user, run)})
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The plan was changed since you opened it. Look at it again "
                                  "before applying it."))
        return redirect(run_url(run.uid))
    try:
        do_apply_plan(acting_user=request.user, run=run,
                      revision=form.cleaned_data["revision"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The plan is in force."))
    return redirect(run_url(run.uid))
