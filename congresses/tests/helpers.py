"""Shared set-up of the congresses tests: a conference of the North Committee taking one
delegate per voting member of each cell, and a secretary of the committee (the credentials
committee)."""

from __future__ import annotations

from datetime import date

from access.actions import do_grant_role
from accounts.models import User
from congresses.actions import do_create_congress, do_set_key
from congresses.catalogue import ensure_default_positions
from congresses.models import ClassPosition, Congress
from people.actions import do_create_person, do_update_person
from people.models import Person
from tests.cast import PASSWORD


def conference(world, *, per: int = 1) -> Congress:
    congress = do_create_congress(acting_user=None, unit=world.units["north"], data={
        "kind": "conference", "number": 2, "starts_on": date(2026, 3, 1)})
    do_set_key(acting_user=None, congress=congress, data={
        "kind": "per_members_cells", "members_per_delegate": per})
    return congress


def committee_secretary(world) -> User:
    user = User.objects.create_user("north-secretary", password=PASSWORD)
    do_grant_role(acting_user=None, user=user, unit=world.units["north"], kind="secretary")
    return user


def positions(world, org: str = "rp") -> dict[str, ClassPosition]:
    return {p.label: p for p in ensure_default_positions(world.orgs[org])}


def place(person: Person, entry: ClassPosition | None, sector: str = "") -> None:
    do_update_person(acting_user=None, person=person, data={}, identity_changes={
        "class_position": str(entry.uid) if entry else "", "sector": sector})


def members(world, unit: str, n: int, prefix: str) -> list[Person]:
    return [do_create_person(acting_user=None, unit=world.units[unit],
                             data={"alias": f"{prefix}-{i}", "status": "member"})
            for i in range(n)]
