"""Editing what a member can give (capacity) and what a field needs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from deployment.actions import do_set_capacity, do_set_field_need, may_set_weight
from deployment.forms import CapacityForm, NeedForm
from deployment.models import MemberCapacity
from deployment.views.common import planning_url
from fieldwork.models import Field
from nucleus.web import bound, run_form, safe_next
from people.models import Person


def _page(request: HttpRequest, form, heading: str, cancel_url: str, notice: str = ""
          ) -> HttpResponse:
    return render(request, "deployment/form.html", {
        "form": form, "heading": heading, "cancel_url": cancel_url, "allowed": True,
        "intro": notice, "next": safe_next(request, ""), "submit": _("Save")})


@login_required
@require_http_methods(["GET", "POST"])
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = access_object(Person, user, pk, "change")
    if person.kind != Person.Kind.MEMBER:
        raise Http404("No member matches the given query.")
    back = safe_next(request, planning_url(person.unit_id))
    capacity = MemberCapacity.objects.restrict(user).filter(person=person).first()
    form = CapacityForm(bound(request), user=user, person=person,
                        initial=CapacityForm.initial_for(capacity))

    def perform() -> str:
        data, excluded = form.data_for_action()
        do_set_capacity(acting_user=user, person=person, data=data, excluded_fields=excluded)
        return back

    saved = _("The capacity of %(alias)s was saved.") % {"alias": person.alias}
    return run_form(request, form, perform, saved, record=capacity) or _page(
        request, form, _("What %(alias)s can give") % {"alias": person.alias}, back)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, pk, "change")
    back = safe_next(request, planning_url(field.unit_id))
    weight = may_set_weight(user, field)
    form = NeedForm(bound(request), may_set_weight=weight, initial=NeedForm.initial_for(field))

    def perform() -> str:
        do_set_field_need(acting_user=user, field=field, data=form.data_for_action())
        return back

    saved = _("The needs of %(field)s were saved.") % {"field": field.name}
    notice = "" if weight else _("The responsible committee sets the field's weight.")
    return run_form(request, form, perform, saved) or _page(
        request, form, _("What %(field)s needs") % {"field": field.name}, back, notice)
