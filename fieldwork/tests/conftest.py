"""A workplace worked by Cell A of the cast (tests/cast.py), with two parts and the default
assessment scale of the Red Party. Everything is written through the actions, as the cell
secretary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from fieldwork.actions import (
    do_assess,
    do_create_activity,
    do_create_contact,
    do_create_field,
    do_create_field_part,
    ensure_default_demands,
    ensure_default_scale,
)
from fieldwork.models import Activity, Field, FieldPart
from people.models import Identity, Person
from tests.cast import World


@pytest.fixture(autouse=True)
def _english():
    """These tests read English messages; a Persian page rendered by an earlier test leaves
    Persian active in the thread (LocaleMiddleware does not reset it)."""
    translation.activate("en")
    yield
    translation.deactivate()


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@dataclass
class Fieldwork:
    world: World
    field: Field
    parts: dict[str, FieldPart]

    @property
    def secretary(self):
        return self.world.user("cell_secretary")

    @property
    def member(self) -> Person:
        return self.world.people["alias-cella-1"]

    def contact(self, alias: str, part: str | None = None, field: Field | None = None,
                identity: Identity | None = None, **profile) -> Person:
        if part is not None:
            profile["part"] = self.parts[part]
        return do_create_contact(acting_user=self.secretary, field=field or self.field,
                                 alias=alias, profile=profile, identity=identity).person

    def assess(self, person: Person, value: int, on: date | None = None):
        return do_assess(acting_user=self.secretary, person=person, level_value=value,
                         assessed_on=on or timezone.localdate())

    def activity(self, on: date, field: Field | None = None, contacts=(), **data) -> Activity:
        field = field or self.field
        return do_create_activity(acting_user=self.secretary, unit=field.unit,
                                  data={"kind": "agitation_meeting", "date": on,
                                        "field": field, **data},
                                  members=[], contacts=contacts)

    def new_field(self, name: str, unit_key: str = "cell_a", **data) -> Field:
        return do_create_field(acting_user=None, unit=self.world.units[unit_key],
                               data={"name": name, **data})


@pytest.fixture
def fw(world) -> Fieldwork:
    rp = world.orgs["rp"]
    ensure_default_scale(rp)
    ensure_default_demands(rp)
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"], data={
        "name": "Steelworks", "kind": "workplace", "employer": "Steel Co",
        "sector": "metal", "headcount": 20})
    parts = {name: do_create_field_part(acting_user=secretary, field=field,
                                        data={"name": name, "kind": kind, "headcount": hc})
             for name, kind, hc in (("Rolling mill", "department", 10),
                                    ("Night shift", "shift", 6))}
    return Fieldwork(world=world, field=field, parts=parts)
