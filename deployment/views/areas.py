"""The organization's areas: the list for its users, a form to add and edit them for those
who may change its catalogue (the secretaries of its top unit)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object, can
from deployment.actions import AREA_FIELDS, do_create_area, do_update_area
from deployment.forms import AreaForm
from deployment.models import Area
from nucleus.web import bound, run_form
from organizations.models import Organization


def areas_url(organization: Organization) -> str:
    return reverse("deployment:areas", kwargs={"uid": organization.uid})


@login_required
@require_http_methods(["GET", "POST"])
def areas(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    organization = access_object(Organization, user, uid)
    # The catalogue is changed with the organization's own 'change' right (CATALOGUE).
    may_change = can(user, Organization, organization, "change")
    form = AreaForm(bound(request) if may_change else None)

    def perform() -> str:
        do_create_area(acting_user=user, organization=organization,
                       data=dict(form.cleaned_data))
        return areas_url(organization)

    response = run_form(request, form, perform, _("The area was added.")) if may_change \
        else None
    return response or render(request, "deployment/areas.html", {
        "organization": organization, "form": form if may_change else None,
        "areas": Area.objects.restrict(user).filter(organization=organization),
        "may_change": may_change})


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    area = access_object(Area, user, uid, "change")
    back = areas_url(area.organization)
    form = AreaForm(bound(request), initial={name: getattr(area, name) for name in AREA_FIELDS})

    def perform() -> str:
        do_update_area(acting_user=user, area=area, data=dict(form.cleaned_data))
        return back

    return run_form(request, form, perform, _("The area was saved."), record=area) or render(
        request, "deployment/form.html", {
            "form": form, "heading": _("Area: %(name)s") % {"name": area.name},
            "cancel_url": back, "allowed": True, "submit": _("Save"),
            "intro": _("Moving the reference point moves every member and field in the "
                       "area for the next plan.")})
