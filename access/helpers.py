"""``access_*``: fetch one record for a user and an action, or 404.

Missing and forbidden fail the same way, so that a probe cannot tell a unit, person or
relation exists outside the caller's compartment.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

from access.scope import scope_for

M = TypeVar("M", bound=models.Model)


def access_object(model: type[M], user, pk, action: str = "view") -> M:
    try:
        return model.objects.restrict(user, action).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {model._meta.verbose_name} matches the given query.") from None


def access_unit(user, pk, action: str = "view"):
    from organizations.models import Unit

    return access_object(Unit, user, pk, action)


def access_person(user, pk, action: str = "view"):
    from people.models import Person

    return access_object(Person, user, pk, action)


def access_organization(user, pk, action: str = "view"):
    from organizations.models import Organization

    return access_object(Organization, user, pk, action)


def access_coalition(user, pk, action: str = "view"):
    from organizations.models import Coalition

    return access_object(Coalition, user, pk, action)


def can(user, model: type[models.Model], obj: models.Model, action: str) -> bool:
    """For showing or hiding a button; the view still goes through access_* on submit."""
    return model.objects.restrict(user, action).filter(pk=obj.pk).exists()


def sees_records_of(user, unit) -> bool:
    return scope_for(user).sees_records_of(unit)


def record_units(user, action: str = "view"):
    """Units whose own records (people and what they own) the user may ``action``: not the
    units merely visible as structure. For choices such as where a person may move."""
    from organizations.models import Unit

    return Unit.objects.filter(scope_for(user).records_q("", action))


def access_unit_records(user, pk, action: str = "view"):
    """The unit, when the user may ``action`` its records (add a person ...), or 404."""
    from organizations.models import Unit

    try:
        return record_units(user, action).get(pk=pk)
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404("No unit matches the given query.") from None
