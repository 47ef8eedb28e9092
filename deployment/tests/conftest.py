"""A North Committee that plans its forces, on top of the named cast (tests/cast.py).

``north_planner`` is secretary of the North Committee with oversight (may change the records
of North, Cell A and Cell B); the cast's ``overseer`` only views them. Fields and capacities:

    Steel Mill   (Cell A) priority 5, exactly 2 members of 3 h, one with agitation
    Bus Depot    (Cell B) priority 3, 1 member of 2 h
    Print Shop   (North)  priority 1, 1 member of 2 h; alias-cellb-1 works it now
    South Port   (Cell C) priority 5, outside North

Everything is written through the actions. Plans run inline (the jobs' immediate backend).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from access.actions import do_grant_role
from accounts.models import User
from deployment.actions import (
    do_assign_member,
    do_set_capacity,
    do_set_field_need,
    do_start_run,
)
from deployment.models import PlanRun
from deployment.tests.world import near
from fieldwork.actions import do_create_field, do_set_field_priority
from fieldwork.models import Field
from people.models import Person
from tests.cast import World


@pytest.fixture(autouse=True)
def _english():
    """These tests read English messages; a Persian page rendered by an earlier test leaves
    Persian active in the thread (LocaleMiddleware does not reset it)."""
    translation.activate("en")
    yield
    translation.deactivate()


@dataclass
class North:
    world: World
    planner: User
    fields: dict[str, Field]

    def person(self, alias: str) -> Person:
        return self.world.people[alias]

    @property
    def unit(self):
        return self.world.units["north"]

    def plan(self, user=None, unit=None, **options) -> PlanRun:
        options.setdefault("time_limit_s", 5)
        return do_start_run(acting_user=user or self.planner, unit=unit or self.unit,
                            **options)


CAPACITIES: dict[str, dict[str, Any]] = {
    "alias-cella-1": {"hours_per_week": Decimal("6"), "skills": "agitation",
                      "languages": "fa, az"},
    "alias-cella-2": {"hours_per_week": Decimal("4"), "skills": "writing"},
    "alias-cellb-1": {"hours_per_week": Decimal("3"), "skills": "education"},
    "alias-north-1": {"hours_per_week": Decimal("2")},
    "alias-cellc-1": {"hours_per_week": Decimal("10"), "skills": "agitation"},
}


@pytest.fixture
def north(world) -> North:
    founder = User.objects.get(username="founder")
    planner = User.objects.create_user("north_planner", password="correct horse battery")
    do_grant_role(acting_user=founder, user=planner, unit=world.units["north"],
                  kind="secretary", oversight=True)
    fields = {}
    for key, unit, name, priority in [("steel", "cell_a", "Steel Mill", 5),
                                      ("depot", "cell_b", "Bus Depot", 3),
                                      ("print", "north", "Print Shop", 1),
                                      ("port", "cell_c", "South Port", 5)]:
        f = do_create_field(acting_user=None, unit=world.units[unit],
                            data={"name": name, "headcount": 300, **near()})
        fields[key] = do_set_field_priority(acting_user=None, field=f, priority=priority)
    do_set_field_need(acting_user=None, field=fields["steel"], data={
        "min_team": 2, "max_team": 2, "hours_per_member": Decimal("3"),
        "required_skills": "agitation"})
    do_set_field_need(acting_user=None, field=fields["depot"], data={
        "min_team": 0, "max_team": 1, "hours_per_member": Decimal("2")})
    do_set_field_need(acting_user=None, field=fields["print"], data={
        "min_team": 0, "max_team": 1, "hours_per_member": Decimal("2")})
    for alias, data in CAPACITIES.items():
        do_set_capacity(acting_user=None, person=world.people[alias], data=data)
    do_assign_member(acting_user=None, member=world.people["alias-cellb-1"],
                     field=fields["print"])
    return North(world=world, planner=planner, fields=fields)
