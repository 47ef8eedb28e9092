"""The review figure read from the deployment of forces: member hours planned on priority
fields against elsewhere — the concentration of forces that 004 §28–29 asks for.

What is measured is what the deployment records: the assignments of the unit's members that
were in force during the period (``DeploymentAssignment``, from ``since`` to the day it
ended), each worth the hours a week the field asks of each member (its recorded need, or the
planner's default) or the temporary team's hours, for the days it was in force. These are
planned hours, not hours worked; the needs are today's. Assignments are records of the
members' units, only counted here; a field the user does not see is neither named nor sorted
by its priority: its hours are counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from deployment.models import DeploymentAssignment
from deployment.services import need_of
from fieldwork.models import Field
from organizations.models import Unit
from reviews.figures import FigureProvider, Period, register

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """One assignment: on a field (with its priority, None when the user does not see the
    field) or on a temporary team (no field)."""

    field_id: int | None
    priority: int | None
    hours_per_week: Decimal
    since: date
    until: date | None  # the day it ended (not in force that day); None: still in force


def days_in_force(span: Span, period: Period) -> int:
    first = max(span.since, period.start)
    last = min(span.until - ONE_DAY, period.end) if span.until else period.end
    return max(0, (last - first).days + 1)


@dataclass
class Hours:
    priority: Decimal  # on fields with a priority above 0
    no_priority: Decimal  # on fields without one
    teams: Decimal  # on temporary teams
    unseen: Decimal  # on fields the user does not see (their priority untold)
    per_field: dict[int, Decimal]

    @property
    def total(self) -> Decimal:
        return self.priority + self.no_priority + self.teams + self.unseen


def member_hours(spans: Iterable[Span], period: Period) -> Hours:
    """Planned member-hours in the period: hours a week × days in force / 7."""
    hours = Hours(Decimal(0), Decimal(0), Decimal(0), Decimal(0), defaultdict(Decimal))
    for span in spans:
        worth = span.hours_per_week * days_in_force(span, period) / 7
        if not worth:
            continue
        if span.field_id is None:
            hours.teams += worth
            continue
        if span.priority is None:
            hours.unseen += worth
            continue
        hours.per_field[span.field_id] += worth
        if span.priority:
            hours.priority += worth
        else:
            hours.no_priority += worth
    return hours


def _h(value: Decimal) -> float:
    return float(round(value, 1))


def spans_of(user: Any, unit: Unit, period: Period) -> list[Span]:
    """The assignments of members of the unit and the units below it in force at some time
    in the period (counted through the access layer)."""
    assignments = (DeploymentAssignment.objects.countable(user)
                   .filter(member__unit__path__startswith=unit.path, since__lte=period.end)
                   .filter(Q(until__isnull=True) | Q(until__gt=period.start))
                   .select_related("field__need", "temporary_team"))
    seen = set(Field.objects.restrict(user).filter(
        pk__in=[a.field_id for a in assignments if a.field_id]).values_list("pk", flat=True))
    spans = []
    for a in assignments:
        if a.field is not None:
            # A member's hours count wherever they go (as the planner counts them); the
            # priority only of a field the user sees.
            priority = a.field.priority if a.field_id in seen else None
            spans.append(Span(a.field_id, priority, need_of(a.field).hours_per_member,
                              a.since, a.until))
        elif a.temporary_team is not None:
            spans.append(Span(None, None, a.temporary_team.hours_per_member, a.since, a.until))
    return spans


def concentration(user: Any, unit: Unit, period: Period, today: date) -> dict[str, Any]:
    hours = member_hours(spans_of(user, unit, period), period)
    visible = {f.pk: f for f in Field.objects.restrict(user).filter(pk__in=hours.per_field)
               .select_related("unit")}
    rows: list[dict[str, Any]] = []
    for field_id, worth in hours.per_field.items():
        field = visible[field_id]
        rows.append({"uid": str(field.uid), "name": field.name, "unit": field.unit.name,
                     "priority": field.priority, "hours": _h(worth)})
    rows.sort(key=lambda r: (-r["priority"], -r["hours"], r["name"]))
    total = hours.total
    return {"total": _h(total), "priority": _h(hours.priority),
            "no_priority": _h(hours.no_priority), "teams": _h(hours.teams),
            "priority_share": float(hours.priority / total) if total else None,
            "unseen": _h(hours.unseen), "rows": rows}


register(FigureProvider(
    key="concentration", order=20, compute=concentration,
    title=_("Member hours on priority fields and elsewhere"),
    explains=_("Planned hours of the unit's members in the period, from the assignments in "
               "force: the hours a week each field asks of a member (or a temporary team's), "
               "for the days the assignment was in force. Planned hours, not hours worked.")))
