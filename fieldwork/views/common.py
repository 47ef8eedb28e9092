"""Shared by the fieldwork pages: breadcrumbs, addresses and the short form page. (The
form-to-action runner, ``next`` and htmx detection are ``nucleus.web``.)"""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from access.helpers import access_object
from access.records import Record
from fieldwork.models import Field
from organizations.models import Unit

Crumbs = list[tuple[str, str]]


def unit_crumbs(unit: Unit) -> Crumbs:
    return [(reverse("organizations:organization_detail", kwargs={"uid": unit.organization.uid}),
             unit.organization.name),
            (reverse("fieldwork:unit_dashboard", kwargs={"uid": unit.uid}), unit.name)]


def field_crumbs(field: Field) -> Crumbs:
    return [*unit_crumbs(field.unit),
            (reverse("fieldwork:field_detail", kwargs={"uid": field.uid}), field.name)]


def field_to_record(user, uid: UUID, model: type[Record]) -> Field:
    """A field the user may add ``model``'s records in (as its anchor declares: a member
    logs their own activities), or 404."""
    units = Unit.objects.holding_records(user, "add", model=model)
    return access_object(Field, user, uid,
                         queryset=Field.objects.restrict(user).filter(unit__in=units))


def url_of(name: str, obj) -> str:
    """A fieldwork page about ``obj`` (a record or its uid)."""
    uid = obj if isinstance(obj, UUID) else obj.uid
    return reverse(f"fieldwork:{name}", kwargs={"uid": uid})


def form_page(request: HttpRequest, form: forms.BaseForm | None, *, heading: str, crumbs: Crumbs,
              cancel: str, intro: str = "", submit: str = "", template: str = "",
              **extra) -> HttpResponse:
    """A short form on its own page (``fieldwork/form.html`` unless ``template``); without a
    form, the page says why and links back."""
    return render(request, template or "fieldwork/form.html", {
        "form": form, "heading": heading, "crumbs": crumbs, "cancel": cancel,
        "intro": intro, "submit": submit, **extra})
