"""Fixtures of the alliances tests: the cast's world with the circles and splits of
alliances/tests/world.py, and a secretary of the North Committee (the organ that keeps the
Red Party's circles in these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from access.actions import do_grant_role
from accounts.models import User
from alliances.tests.world import build_alliances
from organs.actions import do_record_decision
from organs.models import Decision
from tests.cast import PASSWORD


@pytest.fixture
def allied(world):
    build_alliances(world)
    return world


@pytest.fixture
def north_secretary(allied) -> User:
    user = User.objects.create_user("north-secretary", password=PASSWORD)
    do_grant_role(acting_user=None, user=user, unit=allied.units["north"], kind="secretary")
    return user


def decision_of(unit, title: str = "Admit them to the nearest circle") -> Decision:
    return do_record_decision(acting_user=None, unit=unit, data={
        "decided_on": date(2024, 5, 1), "title": title, "text": ""})
