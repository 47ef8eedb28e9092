"""Who may send a report for which organization, and which of its units keeps the copy.

The right is the coalitions app's (``coalitions.rights.organizations_acting_for``: a role
with the international-work flag on one of the organization's units, or a secretary of its
top unit). Until that app is merged here the secretaries of a top unit alone act for it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from access.models import Role
from organizations.models import Coalition, CoalitionMembership, Organization, Unit

SENDING_STATUSES = (CoalitionMembership.Status.MEMBER, CoalitionMembership.Status.SIGNATORY)


def organizations_acting_for(user: Any) -> QuerySet[Organization]:
    try:
        from coalitions.rights import (  # type: ignore[import-not-found]
            organizations_acting_for as acting,
        )
    except ImportError:
        return Organization.objects.filter(
            units__parent__isnull=True, units__roles__user=user,
            units__roles__kind=Role.Kind.SECRETARY,
            units__roles__in=Role.objects.active()).distinct()
    return acting(user)


def is_sending_member(organization: Organization, coalition: Coalition) -> bool:
    return CoalitionMembership.objects.filter(coalition=coalition, organization=organization,
                                              status__in=SENDING_STATUSES).exists()


def writing_unit(user: Any, organization: Organization) -> Unit:
    """The unit whose record the report is: the sender's own unit in the organization (one
    with the international-work flag first), else the organization's top unit."""
    roles = Role.objects.active().filter(user=user, unit__organization=organization)
    if hasattr(Role, "international_work"):
        roles = roles.order_by("-international_work", "unit__path")
    else:
        roles = roles.order_by("unit__path")
    role = roles.select_related("unit").first() if user is not None else None
    if role is not None:
        return role.unit
    return Unit.objects.filter(organization=organization, parent__isnull=True).order_by(
        "path").first() or Unit.objects.get(organization=organization, parent__isnull=True)
