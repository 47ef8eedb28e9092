"""Progress of conversation assignments, in a constant number of queries.

A contact of the list counts once it has a recorded activity naming both it and the
assignment's member, dated within the period. One query over the list's rows answers for
every assignment on a page at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch

from people.models import Person
from tasks.models import Assignment


@dataclass
class Progress:
    goal: int
    talked_to: set[int] = field(default_factory=set)

    @property
    def done(self) -> int:
        return len(self.talked_to)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.goal)) if self.goal else 0


def talked_to(assignments: Iterable[Assignment]) -> dict[int, set[int]]:
    """Assignment id -> ids of its contacts talked to by its member within its period."""
    ids = [a.pk for a in assignments]
    rows = Assignment.contacts.through.objects.filter(
        assignment_id__in=ids,
        # One filter() call: the same activity names the contact and the member, in period.
        person__activities_as_contact__members=F("assignment__member"),
        person__activities_as_contact__date__gte=F("assignment__starts_on"),
        person__activities_as_contact__date__lte=F("assignment__ends_on"),
    ).values_list("assignment_id", "person_id").distinct()
    found: dict[int, set[int]] = defaultdict(set)
    for assignment_id, person_id in rows:
        found[assignment_id].add(person_id)
    return found


def with_progress(assignments: list[Assignment]) -> list[Assignment]:
    """Set ``progress`` (a ``Progress``) on each assignment."""
    found = talked_to(assignments)
    for assignment in assignments:
        assignment.progress = Progress(  # type: ignore[attr-defined]  # for the page
            goal=assignment.goal, talked_to=found.get(assignment.pk, set()))
    return assignments


def listed(user: Any, queryset: Any) -> list[Assignment]:
    """Assignments with their member and contacts as ``user`` may see them (someone who moved
    away is not named), each contact's field loaded for the record-a-conversation link, and
    their progress: four queries whatever their number."""
    people = Person.objects.restrict(user).select_related("contact_profile__field")
    rows = list(queryset.select_related("unit").prefetch_related(
        Prefetch("contacts", queryset=people.order_by("alias"), to_attr="visible_contacts")))
    members = {p.pk: p for p in Person.objects.restrict(user).filter(
        pk__in={a.member_id for a in rows})}
    for assignment in rows:
        assignment.visible_member = members.get(assignment.member_id)  # type: ignore[attr-defined]
    return with_progress(rows)
