"""Where the work stands: the organization and unit dashboards (counts only) and the
continuity list (fields where the work has stopped first)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from access.helpers import access_object, can
from access.scope import scope_for
from fieldwork import continuity as continuity_metrics
from fieldwork import metrics
from fieldwork.queries import fields_for, follow_ups_due
from fieldwork.views.common import unit_crumbs
from organizations.models import Organization, Unit
from people.models import Person

STOPPED_SHOWN = 15
# 40 field cards with their SVG timelines keep the page near 100 KiB (100 weighed 280 KiB).
CONTINUITY_PAGE = 40


@login_required
@require_GET
def organization_dashboard(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    organization = access_object(Organization, user, uid)
    # Coalition offices see a member organization's profile, never its work: a page saying
    # so, rather than a 404 for a page whose organization they may see.
    board = None
    if organization.pk in scope_for(user).organization_ids:
        board = metrics.organization_dashboard(user, organization)
    return render(request, "fieldwork/organization_dashboard.html", {
        "organization": organization, "board": board,
        "stopped": board.stopped[:STOPPED_SHOWN] if board else [],
        "can_configure": can(user, Organization, organization, "change"),
    })


@login_required
@require_GET
def unit_dashboard(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid)
    from tasks.notify import alert_for  # the alerts its readers are due (stopped fields)

    alert_for(user)
    board = metrics.unit_dashboard(user, unit)
    scope = scope_for(user)
    sees_records = scope.sees_records_of(unit)
    due = []
    if sees_records:
        due = list(follow_ups_due(user, unit=unit)
                   .prefetch_related("members", "contacts")[:20])
    return render(request, "fieldwork/unit_dashboard.html", {
        "unit": unit, "board": board, "crumbs": unit_crumbs(unit)[:1],
        "stopped": board.stopped[:STOPPED_SHOWN],
        "own_fields": fields_for(user, unit=unit).filter(unit=unit),
        "due": due, "sees_records": sees_records, "today": board.today,
        "can_add": scope.sees_records_of(unit, "add"),
        # The identity export only for someone who may reveal some of these people; for
        # others it would give the same file as the plain export.
        "can_reveal": sees_records and Person.objects.restrict(user, "reveal").filter(
            unit__path__startswith=unit.path).exists(),
    })


def _stopped_first(row: continuity_metrics.FieldContinuity) -> tuple:
    never = row.days_since_last is None
    return (not row.stopped, not never, -(row.days_since_last or 0), -row.priority, row.name)


@login_required
@require_GET
def continuity(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid)
    report = continuity_metrics.continuity(user, unit)
    rows = sorted(report.fields, key=_stopped_first)
    page = Paginator(rows, CONTINUITY_PAGE).get_page(request.GET.get("page"))
    units = sorted(report.units, key=lambda u: (not u.own, -u.stopped,
                                                -(u.days_since_last or 10**6), u.name))
    return render(request, "fieldwork/continuity.html", {
        "unit": unit, "report": report, "page": page, "units": units,
        "crumbs": unit_crumbs(unit), "stopped": sum(r.stopped for r in rows),
        # A cell's page has only its own row: the table would repeat the list.
        "show_units": any(not u.own for u in units),
    })
