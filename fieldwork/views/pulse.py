"""Testing the structure of a field (and who took part), and its pulse: mood readings,
demands raised, struggles."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from access.typed_choices import is_typed
from fieldwork.actions import (
    do_create_structure_test,
    do_create_struggle,
    do_raise_demand,
    do_record_mood,
    do_record_participation,
    do_remove_participation,
)
from fieldwork.forms import (
    DemandRaiseForm,
    MoodForm,
    ParticipationForm,
    StructureTestForm,
    StruggleForm,
)
from fieldwork.models import Demand, Field, StructureTest
from fieldwork.views.common import field_crumbs, form_page, url_of
from nucleus.web import bound, run_form


@login_required
@require_http_methods(["GET", "POST"])
def structure_test_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    field = access_object(Field, request.user, uid, "add")
    form = StructureTestForm(bound(request), field=field)

    def perform() -> str:
        test = do_create_structure_test(acting_user=request.user, field=field,
                                        data=dict(form.cleaned_data))
        return url_of("participation", test)

    return run_form(request, form, perform, _("The structure test was added: tick who took "
                                              "part.")) or form_page(
        request, form, heading=_("New structure test in %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field),
        intro=_("A petition, sign-up, badge day or meeting shows how many follow the "
                "organized core."))


@login_required
@require_http_methods(["GET", "POST"])
def participation(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Tick the contacts who took part. Unticking removes a participation only for those
    who may delete records; for the others, recorded participants stay ticked."""
    user = request.user
    test = access_object(StructureTest, user, uid, "change")
    field = test.field
    recorded = set(test.participations.values_list("person_id", flat=True))
    may_remove = StructureTest.objects.restrict(user, "delete").filter(pk=test.pk).exists()
    form = ParticipationForm(bound(request), user=user, test=test,
                             initial={"people": sorted(recorded)})

    def perform() -> str:
        chosen = list(form.cleaned_data["people"])
        do_record_participation(acting_user=user, test=test, persons=chosen)
        if may_remove:
            keep = {p.pk for p in chosen}
            offered = form.fields["people"].queryset  # type: ignore[attr-defined]
            for person in offered.filter(pk__in=recorded - keep):
                do_remove_participation(acting_user=user, test=test, person=person)
        return url_of("field_detail", field)

    return run_form(request, form, perform, _("Saved."), record=test) or form_page(
        request, form, heading=_("Who took part in “%(title)s”") % {"title": test.title},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field),
        intro=_("Contacts of %(field)s; recorded so far: %(n)s.")
        % {"field": field.name, "n": len(recorded)}, template="fieldwork/participation.html",
        test=test, may_remove=may_remove, recorded=recorded,
        typed=is_typed(form.fields["people"]))


@login_required
@require_http_methods(["GET", "POST"])
def mood_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    field = access_object(Field, request.user, uid, "add")
    form = MoodForm(bound(request), field=field)

    def perform() -> str:
        do_record_mood(acting_user=request.user, field=field, data=dict(form.cleaned_data))
        return url_of("field_detail", field) + "#pulse"

    return run_form(request, form, perform, _("The mood was recorded.")) or form_page(
        request, form, heading=_("Mood in %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field))


@login_required
@require_http_methods(["GET", "POST"])
def demand_raise(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid, "add")
    org_id = field.unit.organization_id
    form = DemandRaiseForm(bound(request), user=user, organization_id=org_id)

    def perform() -> str:
        data = form.cleaned_data
        do_raise_demand(acting_user=user, field=field, demand=data["demand"],
                        raised_on=data["raised_on"], note=data["note"])
        return url_of("field_detail", field) + "#pulse"

    empty = not Demand.objects.restrict(user).filter(organization_id=org_id,
                                                     retired=False).exists()
    return run_form(request, form, perform, _("The demand was recorded.")) or form_page(
        request, form, heading=_("A demand raised in %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field),
        intro=_("The demand catalogue of this organization is empty: its secretaries fill "
                "it on the fieldwork settings page.") if empty else "")


@login_required
@require_http_methods(["GET", "POST"])
def struggle_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid, "add")
    form = StruggleForm(bound(request), user=user, field=field)

    def perform() -> str:
        do_create_struggle(acting_user=user, field=field, data=form.plain_data(),
                           demands=form.cleaned_data["demands"])
        return url_of("field_detail", field) + "#pulse"

    return run_form(request, form, perform, _("The struggle was recorded.")) or form_page(
        request, form, heading=_("A struggle in %(field)s") % {"field": field.name},
        crumbs=field_crumbs(field), cancel=url_of("field_detail", field))
