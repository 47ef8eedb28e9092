"""URL patterns of jobs (see tests/url_walk.py), and a finished job of each of Cell A, Cell B
and Cell X, started by its secretary (the tests' own kind)."""

from __future__ import annotations

from jobs.actions import do_enqueue_job
from jobs.models import Job
from jobs.tests import kinds
from tests.url_walk import Case

CASES = {
    "jobs:my_jobs": Case(model=None),
    "jobs:job_detail": Case(model=Job),
    # Who started it or may change the unit's records (jobs.actions.may_act_on).
    "jobs:job_cancel": Case(model=Job, action="change"),
}

SECRETARIES = (("cell_a", "cell_secretary"), ("cell_b", "sibling_secretary"),
               ("cell_x", "outsider"))


def extend_world(world) -> None:
    for unit, user in SECRETARIES:
        do_enqueue_job(acting_user=world.user(user), kind=kinds.KIND, unit=world.units[unit],
                       params={"steps": 1})
