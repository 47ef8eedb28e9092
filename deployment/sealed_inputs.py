"""The planner's sealed inputs: where members live and work (``MemberCapacity.location_sealed``).

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

from deployment.models import MemberCapacity

Point = tuple[float, float]


@dataclass(frozen=True)
class MemberLocations:
    points: dict[int, Point]
    # Members with a recorded location the user may not reveal: planned without it.
    withheld: int = 0


def member_locations(user, person_ids: Iterable[int]) -> MemberLocations:
    """The decrypted location (home, else work) of each of these members that the user may
    plan for and reveal, by person id."""
    ids = list(person_ids)
    sealed = MemberCapacity.objects.filter(person_id__in=ids).exclude(location_sealed="")
    allowed = (sealed.restrict(user, "reveal").filter(person__in=_changeable(user, ids))
               .only("pk", "uid", "person_id", "location_sealed"))
    points: dict[int, Point] = {}
    for capacity in allowed:
        point = capacity.unseal_location().point
        if point is not None:
            points[capacity.person_id] = point
    withheld = sealed.exclude(person_id__in=list(points)).count()
    return MemberLocations(points=points, withheld=withheld)


def _changeable(user, ids: list[int]):
    from people.models import Person

    return Person.objects.restrict(user, "change").filter(pk__in=ids).values("pk")
