"""The seats a delegate key gives each sending unit.

Members are counted, never listed: a key's page shows "Cell – Sanandaj textile mill: 4
members → 2 seats" to the convening unit, which counts the units below it like every
aggregate that flows up (docs/architecture.md, "Access model")."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from congresses.models import DelegateKey
from organizations.models import Unit
from people.models import Person


@dataclass(frozen=True)
class Seats:
    unit: Unit
    members: int | None  # None under a key of named units: members are not what counts
    seats: int


def seats_for_members(members: int, per_delegate: int, rounding: str) -> int:
    """Seats for a number of voting members: rounded as the key says, at least one for a
    unit with a voting member, none for a unit without."""
    if members <= 0:
        return 0
    exact = Decimal(members) / Decimal(per_delegate)
    if rounding == DelegateKey.Rounding.DOWN:
        seats = math.floor(exact)
    elif rounding == DelegateKey.Rounding.NEAREST:
        seats = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        seats = math.ceil(exact)
    return max(1, seats)


def voting_members(unit: Unit, *, subtree: bool) -> int:
    """Members with the vote (status member; candidates have a voice, no vote)."""
    people = Person.objects.filter(kind=Person.Kind.MEMBER, status=Person.Status.MEMBER)
    if subtree:
        return people.filter(unit__path__startswith=unit.path).count()
    return people.filter(unit=unit).count()


def sending_units(key: DelegateKey) -> list[Unit]:
    convening = key.congress.unit
    if key.kind == DelegateKey.Kind.NAMED:
        return [seat.unit for seat in key.seats.select_related("unit")]
    below = Unit.objects.filter(path__startswith=convening.path).exclude(pk=convening.pk)
    if key.kind == DelegateKey.Kind.PER_MEMBERS_CELLS:
        return list(below.filter(kind=Unit.Kind.CELL))
    return list(convening.children.all())


def seat_table(key: DelegateKey) -> list[Seats]:
    """Every sending unit with its voting members and seats, in tree order."""
    if key.kind == DelegateKey.Kind.NAMED:
        return [Seats(seat.unit, None, seat.seats) for seat in key.seats.select_related("unit")]
    subtree = key.kind == DelegateKey.Kind.PER_MEMBERS_BELOW
    per = key.members_per_delegate or 1
    table = []
    for unit in sending_units(key):
        members = voting_members(unit, subtree=subtree)
        table.append(Seats(unit, members, seats_for_members(members, per, key.rounding)))
    return table


def seats_of(key: DelegateKey, unit: Unit) -> int:
    """The seats of one unit (0 when it sends no delegate under this key); counts only that
    unit's members, which its own secretary may count too."""
    if key.kind == DelegateKey.Kind.NAMED:
        seat = key.seats.filter(unit=unit).first()
        return seat.seats if seat is not None else 0
    if unit.pk not in {u.pk for u in sending_units(key)}:
        return 0
    subtree = key.kind == DelegateKey.Kind.PER_MEMBERS_BELOW
    return seats_for_members(voting_members(unit, subtree=subtree),
                             key.members_per_delegate or 1, key.rounding)
