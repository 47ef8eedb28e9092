"""The deployment of forces in the demo: areas for the cells' towns (districts, a town, an
industrial zone, each with a public reference point), the cells' fields placed in them
through their needs, and what a few members can give (their area sealed with the capacity),
so that the planning page has something to plan with.

Everything goes through the deployment actions. The step runs once: when the areas exist it
leaves everything as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from demo.fieldwork import COLOGNE_FIELD, MILL, NEIGHBOURHOOD
from deployment.actions import do_create_area, do_set_capacity, do_set_field_need
from deployment.models import Area
from fieldwork.models import Field
from organizations.models import Unit
from people.models import Person

# (name, kind, latitude, longitude): public places (a town's centre, a zone's gate).
AREAS = (
    ("Sanandaj", "town", "35.314400", "46.992300"),
    ("Sanandaj industrial zone", "industrial_zone", "35.268000", "47.043000"),
    ("Mahabad", "town", "36.763100", "45.722200"),
    ("Cologne-Kalk", "district", "50.940000", "7.000000"),
)
# Where each demo field sits.
FIELD_AREAS = {MILL: "Sanandaj industrial zone", NEIGHBOURHOOD: "Mahabad",
               COLOGNE_FIELD: "Cologne-Kalk"}
# (member, hours a week, skills, area, how far they travel in km).
CAPACITIES = (
    ("Cell-Sara", "6", "agitation", "Sanandaj", "15"),
    ("Cell-Hiwa", "4", "writing, agitation", "Sanandaj", "15"),
    ("Cell-Leyla", "3", "education", "Sanandaj industrial zone", "10"),
    ("Cell-Rojin", "4", "agitation", "Mahabad", "5"),
)


def build_deployment(units: dict[str, Unit], people: dict[str, Person],
                     say: Callable[[str], None]) -> int:
    """Create the demo's areas, place its fields and record a few capacities; returns how
    many records it created (0 when present)."""
    org = units["sanandaj"].organization
    if Area.objects.filter(organization=org).exists():
        return 0
    areas = {name: do_create_area(acting_user=None, organization=org, data={
        "name": name, "kind": kind, "latitude": Decimal(lat), "longitude": Decimal(lon)})
        for name, kind, lat, lon in AREAS}
    count = len(areas)
    for field in Field.objects.filter(unit__organization=org, name__in=list(FIELD_AREAS)):
        do_set_field_need(acting_user=None, field=field,
                          data={"area": areas[FIELD_AREAS[field.name]]})
        count += 1
    for alias, hours, skills, area, km in CAPACITIES:
        if alias in people:
            do_set_capacity(acting_user=None, person=people[alias], data={
                "hours_per_week": Decimal(hours), "skills": skills, "area": areas[area],
                "max_distance_km": Decimal(km)})
            count += 1
    say(f"Deployment: {len(areas)} areas, {count - len(areas)} needs and capacities.")
    return count
