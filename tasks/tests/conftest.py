"""A workplace of Cell A with two contacts, and the cell member's login linked to the member
alias-cella-1 (a task's owner is a person; its login is told and sees it on the home page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from fieldwork.actions import do_create_contact, do_create_field, ensure_default_scale
from fieldwork.models import Field
from people.models import Person
from tests.cast import World


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield
    translation.deactivate()


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


@dataclass
class Work:
    world: World
    field: Field
    contacts: list[Person]

    @property
    def secretary(self):
        return self.world.user("cell_secretary")

    @property
    def member_user(self):
        return self.world.user("cell_member")

    @property
    def member(self) -> Person:
        return self.world.people["alias-cella-1"]

    @property
    def other_member(self) -> Person:
        return self.world.people["alias-cella-2"]

    @property
    def unit(self):
        return self.field.unit


@pytest.fixture
def work(world) -> Work:
    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    field = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                            data={"name": "Steelworks", "headcount": 40})
    contacts = [do_create_contact(acting_user=secretary, field=field, alias=alias).person
                for alias in ("c-tasks-1", "c-tasks-2")]
    member_user = world.user("cell_member")
    member_user.person = world.people["alias-cella-1"]
    member_user.save(update_fields=["person"])
    return Work(world=world, field=field, contacts=contacts)
