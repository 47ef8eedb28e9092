"""Jobs of Cell A started by its secretary (the tests' own kind, jobs/tests/kinds.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from jobs.actions import do_enqueue_job
from jobs.tests import kinds


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def enqueue(world):
    def _enqueue(user="cell_secretary", unit="cell_a", **params):
        return do_enqueue_job(acting_user=world.user(user), kind=kinds.KIND,
                              unit=world.units[unit], params=params)
    return _enqueue
