"""What the pages show: the dated signatory list, who has not answered, the approvals over
time, the reminders of a user acting for organizations. Every read goes through the access
layer (``restrict``) or starts from a record already loaded through it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from coalitions.actions import threshold_of
from coalitions.models import Answer, Circulation, CoalitionResolution, Signatory
from coalitions.rights import organizations_acting_for
from organizations.models import Organization


@dataclass(frozen=True)
class SignatoryList:
    """Signatories in the order they signed. ``as_of`` is the date of the last signature the
    list counts (the adoption day until a later signatory signs): a list is only ever "as of"
    a signature, never as of the day it is read."""

    signatories: list[Signatory]
    later: list[Signatory]
    as_of: datetime.date | None


def signatory_list(user: Any, resolution: CoalitionResolution) -> SignatoryList:
    rows = list(Signatory.objects.restrict(user).filter(resolution=resolution)
                .select_related("organization").order_by("signed_on", "organization__name"))
    return SignatoryList([s for s in rows if not s.later], [s for s in rows if s.later],
                         max((s.signed_on for s in rows), default=None))


def current_answers(user: Any, circulation: Circulation) -> list[Answer]:
    return list(Answer.objects.restrict(user).filter(circulation=circulation,
                                                     replaced_at__isnull=True)
                .select_related("organization").order_by("organization__name"))


def not_answered(circulation: Circulation) -> list[Organization]:
    """The organizations asked that have no current answer (for the office's page)."""
    answered = circulation.answers.filter(replaced_at__isnull=True).values("organization_id")
    return list(circulation.organizations.exclude(pk__in=answered).order_by("name"))


@dataclass(frozen=True)
class ApprovalCurve:
    points: list[tuple[datetime.date, int]]
    threshold: int


def approvals_over_time(circulation: Circulation) -> ApprovalCurve:
    """Approvals counted per day (current answers), cumulated, from the circulation on."""
    days: dict[datetime.date, int] = {circulation.circulated_on: 0}
    for on in circulation.answers.filter(replaced_at__isnull=True, vote=Answer.Vote.APPROVE
                                         ).values_list("answered_on", flat=True):
        days[on] = days.get(on, 0) + 1
    total, points = 0, []
    for on in sorted(days):
        total += days[on]
        points.append((on, total))
    return ApprovalCurve(points, threshold_of(circulation))


@dataclass(frozen=True)
class Reminder:
    resolution: CoalitionResolution
    organization: Organization
    deadline: datetime.date


def reminders(user: Any) -> list[Reminder]:
    """Circulated resolutions an organization the user acts for was asked about and has not
    answered, open today, soonest deadline first."""
    acting = list(organizations_acting_for(user))
    if not acting:
        return []
    today = timezone.localdate()
    open_ones = (Circulation.objects.restrict(user)
                 .filter(resolution__status=CoalitionResolution.Status.CIRCULATED,
                         circulated_on__lte=today, deadline__gte=today,
                         organizations__in=acting)
                 .distinct().select_related("resolution").order_by("deadline"))
    found = []
    for circulation in open_ones:
        answered = set(circulation.answers.filter(replaced_at__isnull=True)
                       .values_list("organization_id", flat=True))
        for org in circulation.organizations.filter(pk__in=[o.pk for o in acting]):
            if org.pk not in answered:
                found.append(Reminder(circulation.resolution, org, circulation.deadline))
    return found
