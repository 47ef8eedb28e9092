"""A field (workplace, institution, school, locality, village): its page, its wall chart, and
the forms that create and describe it."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.helpers import access_object, can
from fieldwork import metrics
from fieldwork.actions import (
    do_create_field,
    do_create_field_part,
    do_set_field_priority,
    do_update_field,
)
from fieldwork.forms import FieldForm, FieldPartForm, FieldPriorityForm
from fieldwork.models import Field, StructureTest, Struggle, UnionPresence
from fieldwork.queries import (
    activities_for,
    contacts_in,
    parts_of,
    scale_for,
    sees_records,
)
from fieldwork.views.common import field_crumbs, form_page, unit_crumbs, url_of
from nucleus.web import bound, fresh, is_htmx, run_form, vary_on_htmx
from organizations.models import Unit

RECENT_ACTIVITIES = 10
# Contacts named on the field page itself: a big workplace has hundreds (the list pages them).
FIELD_CONTACTS = 20


def _permissions(user, field: Field) -> dict:
    return {
        "can_add": can(user, Field, field, "add"),
        "can_change": can(user, Field, field, "change"),
        "can_prioritize": Field.objects.prioritizable(user).filter(pk=field.pk).exists(),
    }


def _structure_rows(report: metrics.StructureReport) -> list[tuple]:
    """Each part's level counts under the columns of the whole field (a retired level shows
    up in a part only when someone there is at it)."""
    columns = report.total.levels
    rows = [*report.parts, *([report.unassigned] if report.unassigned else [])]
    out = []
    for row in rows:
        by_level = {lc.level_id: lc for lc in row.levels}
        out.append((row, [(column, by_level.get(column.level_id)) for column in columns]))
    return out


def _contacts(user, field: Field, today, shows: bool) -> dict:
    if not shows:
        return {"contacts": None, "contact_total": 0}
    found = contacts_in(user, field=field)
    return {"contacts": list(found.annotate(
                overdue=metrics.overdue_follow_up(user, today))[:FIELD_CONTACTS]),
            "contact_total": found.count()}


@login_required
@require_GET
def field_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid)
    shows = sees_records(user, field)
    report = metrics.structure_test(user, field)
    today = timezone.localdate()
    tests = {t.pk: t for t in StructureTest.objects.restrict(user, "change").filter(field=field)}
    return render(request, "fieldwork/field_detail.html", {
        "field": field, "crumbs": unit_crumbs(field.unit), "shows_records": shows,
        "report": report, "structure_rows": _structure_rows(report),
        "pulse": metrics.pulse(user, field), "today": today,
        "labels": {**dict(StructureTest.Kind.choices), **dict(Struggle.Kind.choices),
                   **dict(Struggle.Involvement.choices)},
        "parts": parts_of(user, field),
        "presences": UnionPresence.objects.restrict(user).filter(field=field)
        .select_related("mass_organization"),
        # The first contacts on the page, each with their last contact and an overdue mark;
        # the contact list (50 a page, filters) has them all.
        **_contacts(user, field, today, shows),
        "activities": activities_for(user, field=field)
        .prefetch_related("members", "contacts")[:RECENT_ACTIVITIES],
        "editable_tests": tests,
        **_permissions(user, field),
    })


def contact_list_links(field: Field, chart: metrics.WallChart) -> list[list[str]]:
    """Per row of the chart, the address of the list of its people in each column (the
    levels, then ``?`` and ``∅``): the field's contact list (issue #13, point 4) with
    ``part`` (a part uid, ``none`` without a part), ``level`` (a level uid, ``none``: not
    assessed) and ``contact`` (``contacted`` / ``never``). Empty for those who see counts
    only: the list would not be theirs."""
    if not chart.shows_aliases:
        return [[] for _row in chart.rows]
    # The list page hangs under the field's own address.
    base = url_of("field_detail", field) + "contacts/"
    out = []
    for row in chart.rows:
        part = str(row.part_uid) if row.part_uid else "none"
        hrefs = [f"{base}?{urlencode({'part': part, 'level': str(lv.uid)})}"
                 for lv in chart.levels]
        for state in ("contacted", "never"):
            hrefs.append(f"{base}?{urlencode({'part': part, 'level': 'none', 'contact': state})}")
        out.append(hrefs)
    return out


@login_required
@vary_on_htmx
@require_GET
def wall_chart(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid)
    today = timezone.localdate()
    chart = metrics.wall_chart(user, field, today)
    links = contact_list_links(field, chart)
    rows = []
    for row, hrefs in zip(chart.rows, links, strict=True):
        hrefs = hrefs or [""] * (len(chart.levels) + 2)
        rows.append((row, list(zip(chart.levels, row.cells, hrefs, strict=False)),
                     hrefs[-2], hrefs[-1]))
    context = {"field": field, "chart": chart, "crumbs": field_crumbs(field), "rows": rows,
               "links": links, "mapped": chart.mapped, "today": today,
               "can_add": can(user, Field, field, "add"),
               "scale_missing": not scale_for(field.unit.organization_id)}
    # htmx refreshes the chart alone (after a one-to-one or an assessment).
    template = "fieldwork/_wall_chart.html" if is_htmx(request) else "fieldwork/wall_chart.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def field_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_object(Unit, request.user, uid,
                         queryset=Unit.objects.holding_records(request.user, "add"))
    form = FieldForm(bound(request), instance=Field(unit=unit))

    def perform() -> str:
        field = do_create_field(acting_user=request.user, unit=unit,
                                data=dict(form.cleaned_data))
        return url_of("field_detail", field)

    return run_form(request, form, perform, _("The field was added.")) or form_page(
        request, form, heading=_("New field of %(unit)s") % {"unit": unit.name},
        crumbs=unit_crumbs(unit), cancel=url_of("unit_dashboard", unit),
        intro=_("A workplace, institution, school, locality or village where the unit "
                "works."))


@login_required
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    field = access_object(Field, request.user, uid, "change")
    form = FieldForm(bound(request), instance=fresh(field))

    def perform() -> str:
        do_update_field(acting_user=request.user, field=field, data=dict(form.cleaned_data))
        return url_of("field_detail", field)

    return run_form(request, form, perform, _("Saved."), record=field) or form_page(
        request, form, heading=_("Edit %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field))


@login_required
@require_http_methods(["GET", "POST"])
def field_priority(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The responsible committee's decision. Others who see the field get the page without
    the form (nothing about the field is hidden from them, only the decision)."""
    user = request.user
    field = access_object(Field, user, uid)
    allowed = Field.objects.prioritizable(user).filter(pk=field.pk).exists()
    form = FieldPriorityForm(bound(request) if allowed else None,
                             initial={"priority": field.priority})

    def perform() -> str:
        do_set_field_priority(acting_user=user, field=field,
                              priority=form.cleaned_data["priority"])
        return url_of("field_detail", field)

    response = (run_form(request, form, perform, _("The priority was set."), record=field)
                if allowed else None)
    return response or form_page(
        request, form if allowed else None,
        heading=_("Priority of %(field)s") % {"field": field.name}, crumbs=field_crumbs(field),
        cancel=url_of("field_detail", field),
        intro=_("Current priority: %(p)s. The committee responsible for the unit that works "
                "this field sets it.") % {"p": field.priority})


@login_required
@require_http_methods(["GET", "POST"])
def part_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    field = access_object(Field, request.user, uid, "add")
    form = FieldPartForm(bound(request))

    def perform() -> str:
        do_create_field_part(acting_user=request.user, field=field,
                             data=dict(form.cleaned_data))
        return url_of("field_detail", field)

    return run_form(request, form, perform, _("The part was added.")) or form_page(
        request, form, heading=_("New part of %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field),
        intro=_("A department, shift or production line: the wall chart counts each part."))
