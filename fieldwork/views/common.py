"""Shared by the fieldwork pages: bound data, the form-to-action round trip, breadcrumbs."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from fieldwork.models import Field
from organizations.forms import add_action_errors
from organizations.models import Unit

Crumbs = list[tuple[str, str]]


def bound(request: HttpRequest):
    """Form data on POST (even when empty, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a form: a ``next`` on this site, else ``default``."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return default


def unit_crumbs(unit: Unit) -> Crumbs:
    return [(reverse("organizations:organization_detail", kwargs={"pk": unit.organization_id}),
             unit.organization.name),
            (reverse("fieldwork:unit_dashboard", kwargs={"pk": unit.pk}), unit.name)]


def field_crumbs(field: Field) -> Crumbs:
    return [*unit_crumbs(field.unit),
            (reverse("fieldwork:field_detail", kwargs={"pk": field.pk}), field.name)]


def url_of(name: str, obj) -> str:
    """A fieldwork page about ``obj`` (an object or its pk)."""
    pk = obj if isinstance(obj, int) else obj.pk
    return reverse(f"fieldwork:{name}", kwargs={"pk": pk})


def run_form(request: HttpRequest, form: forms.BaseForm, perform: Callable[[], str],
             success: str) -> HttpResponse | None:
    """Validate, then call the action (``perform`` returns where to go next). An action's
    ValidationError goes back onto the form and the transaction leaves nothing behind.
    Returns the redirect, or None when the form is to be shown (again)."""
    if not (form.is_bound and form.is_valid()):
        return None
    try:
        with transaction.atomic():
            url = perform()
    except ValidationError as error:
        add_action_errors(form, error)
        return None
    messages.success(request, success)
    return redirect(url)


def form_page(request: HttpRequest, form: forms.BaseForm, *, heading: str, crumbs: Crumbs,
              cancel: str, intro: str = "", submit: str = "", template: str = "",
              **extra) -> HttpResponse:
    """A short form on its own page (``fieldwork/form.html`` unless ``template``)."""
    return render(request, template or "fieldwork/form.html", {
        "form": form, "heading": heading, "crumbs": crumbs, "cancel": cancel,
        "intro": intro, "submit": submit, **extra})
