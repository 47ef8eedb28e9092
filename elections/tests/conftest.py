"""Fixtures of the election tests: a chair election of Cell A (``chair``) among the cast's
two full members of the cell, and a way to add members (``member``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from elections.actions import do_create_election
from elections.models import Election
from people.actions import do_create_person
from people.models import Person


@pytest.fixture
def member(world) -> Callable[..., Person]:
    def make(alias: str, unit: str = "cell_a", status: str = "member",
             kind: str = "member") -> Person:
        return do_create_person(acting_user=None, unit=world.units[unit],
                                data={"alias": alias, "status": status, "kind": kind})
    return make


@pytest.fixture
def chair(world) -> Election:
    today = timezone.localdate()
    return do_create_election(acting_user=world.user("cell_secretary"),
                              unit=world.units["cell_a"], data={
                                  "kind": "office", "title": "Chairperson",
                                  "method": "plurality", "sole_candidate_rule": True,
                                  "role_kind": "secretary",
                                  "nominations_close": today + timedelta(days=3),
                                  "held_on": today + timedelta(days=3)})


@pytest.fixture
def elections(world):
    from elections.tests.world import add_election_world

    return add_election_world(world).elections
