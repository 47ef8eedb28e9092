"""Per organization: the mass organizations it tracks, its assessment scale and its fieldwork
settings (thresholds, when a field counts as stopped)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from fieldwork.actions import (
    do_create_assessment_level,
    do_create_mass_organization,
    do_update_assessment_level,
    do_update_fieldwork_settings,
    ensure_default_demands,
    ensure_default_scale,
)
from fieldwork.forms import (
    LevelFormSet,
    MassOrganizationForm,
    NewLevelForm,
    SettingsForm,
)
from fieldwork.models import Demand
from fieldwork.queries import mass_organizations_for, scale_for, settings_for
from fieldwork.views.common import form_page, url_of
from nucleus.web import bound, run_form
from organizations.models import Organization, Unit


def _crumbs(organization: Organization):
    return [(reverse("organizations:organization_detail", kwargs={"uid": organization.uid}),
             organization.name),
            (url_of("organization_dashboard", organization), _("Fieldwork"))]


@login_required
@require_http_methods(["GET", "POST"])
def mass_organization_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The trade unions and associations the organization tracks, and a form to add one for
    those who may add records anywhere in it."""
    user = request.user
    organization = access_object(Organization, user, uid)
    # Whoever may add records somewhere in the organization (MassOrganizationQuerySet).
    may_add = Unit.objects.holding_records(user, "add").filter(organization=organization).exists()
    form = MassOrganizationForm(bound(request) if may_add else None, organization=organization)

    def perform() -> str:
        do_create_mass_organization(acting_user=user, organization=organization,
                                    data=dict(form.cleaned_data))
        return url_of("mass_organization_create", organization)

    response = run_form(request, form, perform, _("Added.")) if may_add else None
    return response or form_page(
        request, form if may_add else None, heading=_("Unions and associations"),
        crumbs=_crumbs(organization), cancel=url_of("organization_dashboard", organization),
        template="fieldwork/mass_organizations.html", organization=organization,
        mass_organizations=mass_organizations_for(user, organization))


@login_required
@require_http_methods(["GET", "POST"])
def scale_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Relabel, recolour, reorder and retire levels, add one; or start from the default
    scale. All of it in one transaction."""
    user = request.user
    organization = access_object(Organization, user, uid, "change")
    levels = {lv.pk: lv for lv in scale_for(organization, include_retired=True)}
    if request.method == "POST" and "defaults" in request.POST:
        ensure_default_scale(organization, acting_user=user)
        messages.success(request, _("The default scale was set up."))
        return redirect(url_of("scale_edit", organization))
    initial = [{"id": lv.pk, "label": lv.label, "colour": lv.colour, "position": lv.position,
                "retired": lv.retired} for lv in levels.values()]
    formset = LevelFormSet(bound(request), initial=initial, prefix="level")
    new = NewLevelForm(bound(request), prefix="new")

    def perform() -> str:
        # All levels in one transaction (run_form's): a refused new level undoes the edits.
        for form in formset:
            data = dict(form.cleaned_data)
            level = levels.get(data.pop("id"))
            if level is not None:  # ids of other organizations are ignored
                do_update_assessment_level(acting_user=user, level=level, data=data)
        if new.wanted():
            do_create_assessment_level(acting_user=user, organization=organization,
                                       data={k: v for k, v in new.cleaned_data.items()
                                             if v is not None})
        return url_of("scale_edit", organization)

    # The action's errors go onto the new level's form, the one form shown above the rows.
    response = (run_form(request, new, perform, _("The scale was saved."))
                if formset.is_valid() else None)
    rows = [(form, levels.get(form.initial.get("id", 0))) for form in formset]
    return response or render(request, "fieldwork/scale_edit.html", {
        "organization": organization, "crumbs": _crumbs(organization), "formset": formset,
        "rows": rows, "new": new, "empty": not levels})


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    organization = access_object(Organization, user, uid, "change")
    if request.method == "POST" and "demands" in request.POST:
        ensure_default_demands(organization, acting_user=user)
        messages.success(request, _("The default demand catalogue was set up."))
        return redirect(url_of("settings_edit", organization))
    current = settings_for(organization)
    form = SettingsForm(bound(request), instance=current)

    def perform() -> str:
        do_update_fieldwork_settings(acting_user=user, organization=organization,
                                     data=dict(form.cleaned_data))
        return url_of("organization_dashboard", organization)

    demands = Demand.objects.restrict(user).filter(organization=organization)
    return run_form(request, form, perform, _("The settings were saved."),
                    record=current) or form_page(
        request, form, heading=_("Fieldwork settings"), crumbs=_crumbs(organization),
        cancel=url_of("organization_dashboard", organization),
        template="fieldwork/settings_edit.html", organization=organization, demands=demands)
