"""Editing what a member can give (capacity) and what a field needs."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from access.helpers import access_object, can
from deployment.actions import (
    do_set_capacity,
    do_set_field_need,
    may_set_weight,
    reveal_capacity,
)
from deployment.forms import CapacityForm, NeedForm
from deployment.models import FieldNeed, MemberCapacity
from deployment.views.common import planning_url
from fieldwork.models import Field
from nucleus.web import bound, run_form, safe_next
from people.models import Person


def _page(request: HttpRequest, form, heading: str, cancel_url: str, notice: str = "",
          reveal_url: str = "") -> HttpResponse:
    return render(request, "deployment/form.html", {
        "form": form, "heading": heading, "cancel_url": cancel_url, "allowed": True,
        "intro": notice, "next": safe_next(request, ""), "submit": _("Save"),
        "reveal_url": reveal_url})


@login_required
@require_http_methods(["GET", "POST"])
def capacity_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    person = access_object(Person, user, uid, "change")
    if person.kind != Person.Kind.MEMBER:
        raise Http404("No member matches the given query.")
    back = safe_next(request, planning_url(person.unit.uid))
    capacity = MemberCapacity.objects.restrict(user).filter(person=person).first()
    form = CapacityForm(bound(request), user=user, person=person,
                        initial=CapacityForm.initial_for(capacity))

    def perform() -> str:
        data, excluded = form.data_for_action()
        do_set_capacity(acting_user=user, person=person, data=data, excluded_fields=excluded)
        return back

    saved = _("The capacity of %(alias)s was saved.") % {"alias": person.alias}
    sealed = capacity is not None and bool(capacity.location_sealed or capacity.notes_sealed)
    reveal_url = (reverse("deployment:capacity_reveal", kwargs={"uid": person.uid})
                  if sealed and can(user, Person, person, "reveal") else "")
    return run_form(request, form, perform, saved, record=capacity) or _page(
        request, form, _("What %(alias)s can give") % {"alias": person.alias}, back,
        reveal_url=reveal_url)


@login_required
@never_cache
@require_POST
def capacity_reveal(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Where the member lives and works and the notes about them: for the reveal right only,
    by POST (never in a URL or a cache), and audited."""
    user = request.user
    person = access_object(Person, user, uid, "reveal")
    capacity = MemberCapacity.objects.restrict(user, "reveal").filter(person=person).first()
    text = reveal_capacity(acting_user=user, capacity=capacity) if capacity else None
    return render(request, "deployment/capacity_reveal.html", {
        "person": person, "text": text,
        "back": reverse("deployment:capacity_edit", kwargs={"uid": person.uid})})


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    field = access_object(Field, user, uid, "change")
    back = safe_next(request, planning_url(field.unit.uid))
    weight = may_set_weight(user, field)
    form = NeedForm(bound(request), may_set_weight=weight, user=user, field=field,
                    initial=NeedForm.initial_for(field))

    def perform() -> str:
        do_set_field_need(acting_user=user, field=field, data=form.data_for_action())
        return back

    saved = _("The needs of %(field)s were saved.") % {"field": field.name}
    notice = "" if weight else _("The responsible committee sets the field's weight.")
    # The need is edited over its stored version (none yet: the first save creates it).
    need = FieldNeed.objects.filter(field=field).first()
    return run_form(request, form, perform, saved, record=need) or _page(
        request, form, _("What %(field)s needs") % {"field": field.name}, back, notice)
