"""Who may send a report for which organization, and which of its units keeps its record.

The right is the coalitions app's (``coalitions.rights.organizations_acting_for``: a role
with the international-work flag on one of the organization's units, or a secretary of its
top unit)."""

from __future__ import annotations

from typing import Any

from access.models import Role
from coalitions.rights import organizations_acting_for
from organizations.models import Coalition, CoalitionMembership, Organization, Unit

__all__ = ["organizations_acting_for", "is_sending_member", "writing_unit", "SENDING_STATUSES"]

SENDING_STATUSES = (CoalitionMembership.Status.MEMBER, CoalitionMembership.Status.SIGNATORY)


def is_sending_member(organization: Organization, coalition: Coalition) -> bool:
    return CoalitionMembership.objects.filter(coalition=coalition, organization=organization,
                                              status__in=SENDING_STATUSES).exists()


def writing_unit(user: Any, organization: Organization) -> Unit:
    """The unit whose record the report is: the sender's own unit in the organization (one
    with the international-work flag first), else the organization's top unit."""
    if user is not None:
        role = (Role.objects.active().filter(user=user, unit__organization=organization)
                .order_by("-international_work", "unit__path").select_related("unit").first())
        if role is not None:
            return role.unit
    return Unit.objects.get(organization=organization, parent__isnull=True)
