"""Voters for the ballot tests: members of a unit of the cast's world, each with a login."""

from __future__ import annotations

from accounts.models import User
from ballots.actions import do_open_box
from ballots.electorate import organ_voter_keys
from ballots.models import BallotBox
from people.actions import do_create_person
from tests.cast import PASSWORD

OPTIONS = [{"key": "k-ana", "label": "Ana"}, {"key": "k-bo", "label": "Bo"},
           {"key": "k-cy", "label": "Cy"}, {"key": "k-dee", "label": "Dee"}]


def make_voters(world, unit_key: str = "cell_a", n: int = 5, prefix: str = "voter") -> list[User]:
    unit = world.units[unit_key]
    users = []
    for i in range(n):
        person = do_create_person(acting_user=None, unit=unit,
                                  data={"alias": f"{prefix}-{unit_key}-{i}", "status": "member"})
        users.append(User.objects.create_user(f"{prefix}{unit_key}{i}", password=PASSWORD,
                                              person=person))
    return users


def open_box(world, method: str = "stv", unit_key: str = "cell_a", seats: int = 2,
             rule: str = "", options=OPTIONS, label: str = "Cell bureau") -> BallotBox:
    unit = world.units[unit_key]
    return do_open_box(acting_user=world.user("cell_secretary"), unit=unit, label=label,
                       method=method, electorate=organ_voter_keys(unit), options=options,
                       seats=seats, rule=rule)
