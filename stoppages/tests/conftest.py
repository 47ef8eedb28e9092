"""Cell A works two fields: Steelworks, silent for 40 days (stopped), and Docks, worked
today. The committee above is North (the overseer, and a committee member without
oversight)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from fieldwork.actions import do_create_activity, do_create_field, ensure_default_scale
from fieldwork.models import Field
from tests.cast import World


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield
    translation.deactivate()


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def log_activity(world: World, field: Field, on: date):
    return do_create_activity(acting_user=world.user("cell_secretary"), unit=field.unit,
                              data={"kind": "home_visit", "date": on, "field": field},
                              members=[world.people["alias-cella-1"]])


@dataclass
class Work:
    world: World
    stopped: Field
    active: Field

    def user(self, name: str):
        return self.world.user(name)


@pytest.fixture
def work(world, settings) -> Work:
    settings.NUCLEUS_STALE_DAYS = 14
    ensure_default_scale(world.orgs["rp"])
    secretary = world.user("cell_secretary")
    stopped = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                              data={"name": "Steelworks", "headcount": 40})
    active = do_create_field(acting_user=secretary, unit=world.units["cell_a"],
                             data={"name": "Docks", "headcount": 30})
    log_activity(world, stopped, days(-40))
    log_activity(world, active, days(0))
    return Work(world=world, stopped=stopped, active=active)
