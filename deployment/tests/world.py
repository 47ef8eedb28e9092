"""Deployment objects on top of the named cast (tests/cast.py), written through the actions.

``add_deployment_world(world)`` gives every deployment page an object inside some users'
scope and one outside: fields worked by Cell A, Cell C and the Other Party's Cell X, member
capacities, an assignment in force, and a finished plan for Cell A and for Cell X. The URL
walk (tests/test_url_access.py) needs it, through ``deployment.tests.url_cases.extend_world``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from deployment.actions import (
    do_assign_member,
    do_create_area,
    do_set_capacity,
    do_set_field_need,
    do_start_run,
)
from deployment.models import Area, PlanRun
from fieldwork.actions import do_create_field, do_set_field_priority
from fieldwork.models import Field

CENTER = (35.70, 51.40)


@dataclass
class DeploymentWorld:
    fields: dict[str, Field] = field(default_factory=dict)
    runs: dict[str, PlanRun] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)


def near(dlat: float = 0.0, dlon: float = 0.0) -> dict:
    return {"latitude": Decimal(f"{CENTER[0] + dlat:.6f}"),
            "longitude": Decimal(f"{CENTER[1] + dlon:.6f}")}


def add_deployment_world(world) -> DeploymentWorld:
    out = DeploymentWorld()
    secretary, outsider = world.user("cell_secretary"), world.user("outsider")
    for key, unit, name, priority, user in [
        ("tractor", "cell_a", "Walk Tractor Works", 5, secretary),
        ("school", "cell_b", "Walk North School", 3, secretary),
        ("market", "cell_c", "Walk South Market", 4, secretary),
        ("village", "cell_x", "Walk X Village", 2, outsider),
    ]:
        f = do_create_field(acting_user=user, unit=world.units[unit],
                            data={"name": name, "headcount": 400, **near()})
        out.fields[key] = do_set_field_priority(acting_user=None, field=f, priority=priority)
    do_set_field_need(acting_user=None, field=out.fields["tractor"],
                      data={"min_team": 2, "max_team": 2, "hours_per_member": Decimal("3")})
    for alias, hours in [("alias-cella-1", 6), ("alias-cella-2", 4), ("alias-cellc-1", 5),
                         ("alias-cellx-1", 5), ("alias-cellx-2", 3)]:
        do_set_capacity(acting_user=None, person=world.people[alias],
                        data={"hours_per_week": Decimal(hours), "skills": "agitation"})
    do_assign_member(acting_user=None, member=world.people["alias-cella-1"],
                     field=out.fields["tractor"])
    for key, org, name in [("rp", "rp", "Walk Town"), ("op", "op", "Walk X Town")]:
        out.areas[key] = do_create_area(acting_user=None, organization=world.orgs[org], data={
            "name": name, "kind": "town", **near()})
    out.runs["cell_a"] = do_start_run(acting_user=secretary, unit=world.units["cell_a"],
                                      time_limit_s=2, inline=True)
    out.runs["cell_x"] = do_start_run(acting_user=outsider, unit=world.units["cell_x"],
                                      time_limit_s=2, inline=True)
    return out
