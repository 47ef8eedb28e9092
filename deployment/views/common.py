"""Shared by the deployment pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def planning_url(unit_id: int) -> str:
    return reverse("deployment:planning", kwargs={"pk": unit_id})


def run_url(run_id: int) -> str:
    return reverse("deployment:run_detail", kwargs={"pk": run_id})


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go back to: a ``next`` address on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def form_error_text(form) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}: {e}" if label else str(e) for e in errors)
    return " ".join(parts)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
