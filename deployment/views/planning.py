"""The committee's planning page, starting a plan and forming a temporary team.

The page is about a unit the user sees (404 otherwise); it lists only what the user may see:
fields as structure, members and assignments as records (aliases only), and offers planning
to those who may change records there.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.helpers import access_object
from deployment import services
from deployment.actions import dissolve_expired_teams, do_form_team, do_start_run
from deployment.forms import PlanForm, TeamForm
from deployment.models import DeploymentAssignment, MemberCapacity, PlanRun, TemporaryTeam
from deployment.views.common import planning_url, run_url
from fieldwork.models import Field
from fieldwork.queries import fields_for
from nucleus.web import bound, error_text, form_error_text, run_form
from organizations.models import Unit
from people.models import Person

PAGE_SIZE = 50


@dataclass
class FieldRow:
    field: Field
    need: services.Need
    score: services.SuggestedScore
    weight: float
    team: list[str] = dataclasses.field(default_factory=list)
    others: int = 0
    can_edit: bool = False

    @property
    def team_size(self) -> int:
        return len(self.team) + self.others

    @property
    def staffed(self) -> bool:
        return self.team_size >= max(1, self.need.min_team)


@dataclass
class MemberRow:
    person: Person
    capacity: MemberCapacity | None
    working: list[str] = dataclasses.field(default_factory=list)
    can_edit: bool = False


def _in_force(user, unit: Unit, fields: list[Field], people: list[Person]):
    """Assignments in force of the fields and members on this page (their teams included):
    the whole subtree's would be thousands on a top unit's page."""
    return (DeploymentAssignment.objects.restrict(user).filter(until=None)
            .filter(Q(member__in=[p.pk for p in people]) | Q(field__in=[f.pk for f in fields]))
            .filter(Q(member__unit__path__startswith=unit.path)
                    | Q(field__unit__path__startswith=unit.path)
                    | Q(temporary_team__unit__path__startswith=unit.path))
            .select_related("member", "field", "temporary_team").order_by("member__alias"))


def _field_rows(user, unit: Unit, fields: list[Field], assignments) -> list[FieldRow]:
    ids = [f.pk for f in fields]
    scores = services.suggested_scores(user, fields)
    editable = set(Field.objects.restrict(user, "change").filter(pk__in=ids)
                   .values_list("pk", flat=True))
    team: dict[int, list[str]] = defaultdict(list)
    for a in assignments:
        if a.field_id:
            team[a.field_id].append(a.member.alias)
    # Members the user may not see still count toward a field's team (as a number).
    totals = dict(DeploymentAssignment.objects.countable(user)
                  .filter(until=None, field_id__in=ids).values("field_id")
                  .annotate(n=Count("id")).order_by().values_list("field_id", "n"))
    rows = []
    for f in fields:
        need = services.need_of(f)
        rows.append(FieldRow(
            field=f, need=need, score=scores[f.pk],
            weight=services.effective_weight(f, need, scores[f.pk]), team=team[f.pk],
            others=max(0, totals.get(f.pk, 0) - len(team[f.pk])), can_edit=f.pk in editable))
    return rows


def _member_rows(user, people: list[Person], assignments) -> list[MemberRow]:
    editable = set(Person.objects.restrict(user, "change").filter(pk__in=[p.pk for p in people])
                   .values_list("pk", flat=True))
    working: dict[int, list[str]] = defaultdict(list)
    for a in assignments:
        working[a.member_id].append(a.field.name if a.field_id else
                                    _("team “%(name)s”") % {"name": a.temporary_team.name})
    return [MemberRow(person=p, capacity=services.capacity_of(p), working=working[p.pk],
                      can_edit=p.pk in editable) for p in people]


def _runs(user, unit: Unit) -> list[dict]:
    """The unit's latest plans, each with how many needs it covers (in words on the page)."""
    runs = list(PlanRun.objects.restrict(user).filter(unit=unit)
                .select_related("created_by", "team")[:30])
    covered = services.coverages(runs)
    return [{"run": r, "coverage": covered.get(r.pk)} for r in runs]


def overview(user, unit: Unit, field_page: str | None = None,
             member_page: str | None = None) -> dict:
    """The page's context: fields (``?page=``) and members (``?members=``) a page at a time,
    highest priority and alias first; a top unit has a thousand of each."""
    fields_qs = (fields_for(user, unit=unit).select_related("need__area", "unit")
                 .order_by("-priority", "name", "pk"))
    people_qs = (Person.objects.restrict(user)
                 .filter(kind=Person.Kind.MEMBER, unit__path__startswith=unit.path)
                 .select_related("capacity", "unit").order_by("alias", "pk"))
    field_rows_page = Paginator(fields_qs, PAGE_SIZE).get_page(field_page)
    member_rows_page = Paginator(people_qs, PAGE_SIZE).get_page(member_page)
    fields, people = list(field_rows_page), list(member_rows_page)
    assignments = list(_in_force(user, unit, fields, people))
    teams = (TemporaryTeam.objects.restrict(user).filter(unit__path__startswith=unit.path)
             .select_related("struggle__field")
             .annotate(serving=Count("assignments", filter=Q(assignments__until=None,
                                                             assignments__field=None))))
    return {
        "unit": unit,
        "field_rows": _field_rows(user, unit, fields, assignments),
        "field_page": field_rows_page,
        "member_rows": _member_rows(user, people, assignments),
        "member_page": member_rows_page,
        "teams": list(teams[:20]),
        "runs": _runs(user, unit),
        "can_plan": services.can_plan(user, unit),
    }


@login_required
@require_GET
def planning(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_object(Unit, request.user, uid)
    # Teams whose end date has come go back to their basic organizations first.
    dissolve_expired_teams(timezone.localdate(), unit=unit)
    context = overview(request.user, unit, request.GET.get("page"), request.GET.get("members"))
    context["plan_form"] = PlanForm()
    return render(request, "deployment/planning.html", context)


@login_required
@require_POST
def run_start(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_object(Unit, request.user, uid)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_error_text(form))
        return redirect(planning_url(unit.uid))
    try:
        run = do_start_run(acting_user=request.user, unit=unit,
                           time_limit_s=form.cleaned_data["time_limit_s"],
                           stability_weight=form.cleaned_data["stability_weight"])
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(planning_url(unit.uid))
    return redirect(run_url(run.uid))


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Form a temporary team for an urgent struggle: a re-plan with the team first."""
    user = request.user
    unit = access_object(Unit, user, uid)
    allowed = services.can_plan(user, unit)
    form = TeamForm(bound(request), user=user, unit=unit)

    def perform() -> str:
        data, limit, stability = form.data_for_action()
        run = do_form_team(acting_user=user, unit=unit, data=data, time_limit_s=limit,
                           stability_weight=stability)
        return run_url(run.uid)

    # The action commits the team before the plan starts (inline, it runs at once).
    recorded = _("The team was recorded; review the re-plan before applying it.")
    return run_form(request, form, perform, recorded, atomic=False) or render(
        request, "deployment/form.html", {
            "form": form,
            "heading": _("New temporary team for %(unit)s") % {"unit": unit.name},
            "cancel_url": planning_url(unit.uid), "allowed": allowed,
            "intro": _("Forming a team re-plans the committee's forces: the team comes "
                       "first, the priority fields lose as little as possible. Its members "
                       "return to their basic organizations at the end date."),
            "submit": _("Plan the team"),
        })
