"""The circles and splits the alliances tests and the URL walk add to the cast's world.

The North Committee (Red Party) keeps two circles and has classified the Other Party (whose
secretary is the outsider) and Profile Org (kept by the coalition office); the Other Party's
congress keeps a circle with the Red Party in it. So the classified organizations' users
and the coalition office each have a classification about them that they must not reach.
Each party had a split, with a count on one of its organs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from alliances.actions import Assessment, do_add_circle, do_add_criterion, do_classify
from alliances.splits import OrganCount, do_record_split
from organizations.actions import do_create_organization

SINCE = date(2024, 3, 1)


def build_alliances(world: Any) -> None:
    north = world.units["north"]
    far = do_add_circle(acting_user=None, unit=north, name="Far circle",
                        description="Those who share the aim.")
    near = do_add_circle(acting_user=None, unit=north, name="Near circle",
                         requires_decision=False)
    aim = do_add_criterion(acting_user=None, circle=far, text="Proclaims proletarian revolution")
    do_add_criterion(acting_user=None, circle=near, text="In constant contact with us")
    do_classify(acting_user=None, circle=far, organization=world.orgs["op"], since=SINCE,
                assessments=[Assessment(criterion=aim, holds=True, why="Its programme")])
    do_classify(acting_user=None, circle=far, organization=world.orgs["profile"],
                since=SINCE, note="Met at the conference.")
    theirs = do_add_circle(acting_user=None, unit=world.units["op_congress"],
                           name="Other Party's circle")
    do_classify(acting_user=None, circle=theirs, organization=world.orgs["rp"], since=SINCE)
    world.circles = {"far": far, "near": near, "theirs": theirs}

    for key, unit_key in (("rp", "north"), ("op", "op_congress")):
        splinter = do_create_organization(acting_user=None, data={
            "name": f"{world.orgs[key].name} Splinter", "acronym": f"{key.upper()}S"})
        do_record_split(acting_user=None, organization=world.orgs[key],
                        new_organization=splinter, year=2020,
                        counts=[OrganCount(unit=world.units[unit_key], left=3, of=7,
                                           description="nearly half")])
