"""The planner's sealed inputs: where members are (``MemberCapacity.location_sealed``): the
area they chose, whose public reference point distances are measured from, or, recorded
before areas, where they live and work.

The rule: the planner measures distances only from the locations of members the planning
user may both plan for (change their records) and reveal (the identity right on their unit),
exactly as the access layer answers ``restrict(user, "change")`` and ``restrict(user,
"reveal")``. Those are decrypted once per run (or once per edit or apply of a plan), in one
query, and live only in memory: the run's stored instance, its planned assignments and its
messages keep no member coordinates. A member whose location the user may not reveal is
planned as if no location were recorded (no distance limit, no distance in the reasons), and
the run says how many were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from deployment.models import Area, MemberCapacity

Point = tuple[float, float]


@dataclass(frozen=True)
class MemberLocations:
    points: dict[int, Point]
    # Members with a recorded location the user may not reveal: planned without it.
    withheld: int = 0


def member_locations(user, person_ids: Iterable[int]) -> MemberLocations:
    """The point of each of these members that the user may plan for and reveal, by person
    id: their area's reference point (an area of their own organization), else the old
    coordinates (home, else work)."""
    ids = list(person_ids)
    sealed = MemberCapacity.objects.filter(person_id__in=ids).exclude(location_sealed="")
    allowed = (sealed.restrict(user, "reveal").filter(person__in=_changeable(user, ids))
               .only("pk", "uid", "person_id", "location_sealed", "person__unit__organization_id")
               .select_related("person__unit"))
    located = [(c.person_id, c.person.unit.organization_id, c.unseal_location())
               for c in allowed]
    chosen = {loc.area for _p, _o, loc in located if loc.area is not None}
    # An area counts only in the member's own organization's catalogue.
    areas: dict[tuple[int, UUID | None], Point] = {
        (a.organization_id, a.uid): a.point for a in Area.objects.filter(uid__in=chosen)}
    points: dict[int, Point] = {}
    for person_id, organization_id, location in located:
        point = areas.get((organization_id, location.area)) or location.point
        if point is not None:
            points[person_id] = point
    withheld = sealed.exclude(person_id__in=list(points)).count()
    return MemberLocations(points=points, withheld=withheld)


def _changeable(user, ids: list[int]):
    from people.models import Person

    return Person.objects.restrict(user, "change").filter(pk__in=ids).values("pk")
