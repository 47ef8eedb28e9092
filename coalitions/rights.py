"""Who acts for an organization toward its coalitions (the international-work right).

A user drafts, sends and answers for an organization when they hold a role in force on one
of its units with ``international_work`` set by that unit's secretary, or are a secretary of
its top unit. The right gives no access to any unit's records; what is sent is a separate
copy that names the organization only (access/anchor.py ``COALITION_SENT``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from access.models import Role
from access.scope import SECRETARY
from organizations.models import Organization, Unit


def organizations_acting_for(user: Any) -> QuerySet[Organization]:
    """The organizations ``user`` may act for toward their coalitions (none when anonymous)."""
    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    roles = (Role.objects.filter(user=user).active(timezone.localdate())
             .filter(Q(international_work=True)
                     | Q(kind=SECRETARY, unit__parent__isnull=True)))
    return Organization.objects.filter(pk__in=roles.values("unit__organization_id"))


def acts_for(user: Any, organization: Organization) -> bool:
    return organizations_acting_for(user).filter(pk=organization.pk).exists()


def writing_unit(user: Any, organization: Organization) -> Unit:
    """The unit whose record a draft or report is: the writer's own unit in the organization
    (one with the international-work flag first), else the organization's top unit."""
    if user is not None:
        role = (Role.objects.active().filter(user=user, unit__organization=organization)
                .order_by("-international_work", "unit__path").select_related("unit").first())
        if role is not None:
            return role.unit
    return Unit.objects.get(organization=organization, parent__isnull=True)
