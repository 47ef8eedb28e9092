"""``access_object``: fetch one record for a user and an action, or 404 — the one
fetch-or-404 of the project.

Missing and forbidden fail the same way, so that a probe cannot tell a unit, person or
relation exists outside the caller's compartment. The access core knows no domain model:
callers name the model (or hand over a queryset already restricted).
"""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from django.db import models
from django.http import Http404

from access.scope import scope_for

M = TypeVar("M", bound=models.Model)


def access_object(model: type[M], user: Any, key: Any, action: str = "view", *,
                  queryset: models.QuerySet[M] | None = None) -> M:
    """``model.objects.restrict(user, action).get(uid=key)``, or Http404 (also for a
    malformed key). Pages name records by uid (a ``UUID`` from the URL's ``<uuid:uid>``), so
    that an address tells nothing of how many records the install holds; code that already
    holds a row's pk passes the int. ``queryset`` replaces the restricted default when it is
    narrower (units whose own records the user may add to, say)."""
    rows = queryset if queryset is not None else model.objects.restrict(  # type: ignore[attr-defined]
        user, action)
    lookup = {"uid": key} if isinstance(key, UUID) else {"pk": key}
    try:
        return rows.get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404(f"No {model._meta.verbose_name} matches the given query.") from None


def can(user: Any, model: type[models.Model], obj: models.Model, action: str) -> bool:
    """For showing or hiding a button; the view still goes through access_* on submit."""
    return bool(model.objects.restrict(user, action).filter(  # type: ignore[attr-defined]
        pk=obj.pk).exists())


def sees_records_of(user: Any, unit: Any) -> bool:
    return scope_for(user).sees_records_of(unit)
