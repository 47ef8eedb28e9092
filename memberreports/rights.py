"""Who may send a report for which organization, and which of its units keeps its record.

The right is the coalitions app's (``coalitions.rights.organizations_acting_for``: a role
with the international-work flag on one of the organization's units, or a secretary of its
top unit)."""

from __future__ import annotations

from coalitions.rights import organizations_acting_for, writing_unit
from organizations.models import Coalition, CoalitionMembership, Organization

__all__ = ["organizations_acting_for", "is_sending_member", "writing_unit", "SENDING_STATUSES"]

SENDING_STATUSES = (CoalitionMembership.Status.MEMBER, CoalitionMembership.Status.SIGNATORY)


def is_sending_member(organization: Organization, coalition: Coalition) -> bool:
    return CoalitionMembership.objects.filter(coalition=coalition, organization=organization,
                                              status__in=SENDING_STATUSES).exists()

