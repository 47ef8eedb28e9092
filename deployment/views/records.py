"""Editing what a member can give (capacity) and what a field needs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_person
from deployment.actions import do_set_capacity, do_set_field_need, may_set_weight
from deployment.forms import CapacityForm, NeedForm
from deployment.models import MemberCapacity
from deployment.views.common import planning_url, safe_next
from fieldwork.helpers import access_field
from organizations.forms import add_action_errors
from people.models import Person


def _page(request: HttpRequest, form, heading: str, cancel_url: str, notice: str = ""
          ) -> HttpResponse:
    return render(request, "deployment/form.html", {
        "form": form, "heading": heading, "cancel_url": cancel_url, "allowed": True,
        "notice": notice, "next": safe_next(request, ""), "submit": _("Save")})


@login_required
@require_http_methods(["GET", "POST"])
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    person = access_person(user, pk, "change")
    if person.kind != Person.Kind.MEMBER:
        raise Http404("No member matches the given query.")
    back = safe_next(request, planning_url(person.unit_id))
    capacity = MemberCapacity.objects.restrict(user).filter(person=person).first()
    form = CapacityForm(request.POST if request.method == "POST" else None, user=user,
                        person=person, initial=CapacityForm.initial_for(capacity))
    if request.method == "POST" and form.is_valid():
        data, excluded = form.data_for_action()
        try:
            do_set_capacity(acting_user=user, person=person, data=data,
                            excluded_fields=excluded)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("The capacity of %(alias)s was saved.")
                             % {"alias": person.alias})
            return redirect(back)
    return _page(request, form, _("What %(alias)s can give") % {"alias": person.alias}, back)


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    field = access_field(user, pk, "change")
    back = safe_next(request, planning_url(field.unit_id))
    weight = may_set_weight(user, field)
    form = NeedForm(request.POST if request.method == "POST" else None, may_set_weight=weight,
                    initial=NeedForm.initial_for(field))
    if request.method == "POST" and form.is_valid():
        try:
            do_set_field_need(acting_user=user, field=field, data=form.data_for_action())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("The needs of %(field)s were saved.")
                             % {"field": field.name})
            return redirect(back)
    notice = "" if weight else _("The responsible committee sets the field's weight.")
    return _page(request, form, _("What %(field)s needs") % {"field": field.name}, back, notice)
