"""Small helpers shared by the page tests of this app."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from access.records import Record
from accounts.models import User
from audit.models import AuditEvent


def founder() -> User:
    """Founded the Red Party in tests/cast.py: its top secretary, with oversight."""
    return User.objects.get(username="founder")


def url(name: str, obj: Record | None = None) -> str:
    return reverse(f"organizations:{name}", kwargs={"uid": obj.uid} if obj is not None else None)


def audits(obj_or_model, action: str | None = None):
    """Audit rows about one record (or any record of a model class)."""
    if isinstance(obj_or_model, models.Model):
        qs = AuditEvent.objects.filter(model=obj_or_model._meta.label, object_id=obj_or_model.pk)
    else:
        qs = AuditEvent.objects.filter(model=obj_or_model._meta.label)
    return qs.filter(action=action) if action else qs


def form_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, response.status_code
    return {k: list(v) for k, v in response.context["form"].errors.items()}
