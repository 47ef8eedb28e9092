"""Shared by the deployment actions: the settable fields, validation and the audit row of a run."""

from __future__ import annotations

from collections.abc import Iterable

from audit.log import record, snapshot
from deployment.location import LOCATION_PARTS
from deployment.models import (
    PlanRun,
)
from fieldwork.actions import as_stored

# Sealed: the member's area (and old coordinates of where they live and work), and the notes
# about them (MemberCapacity).
SEALED_CAPACITY_FIELDS = (*LOCATION_PARTS, "area", "notes")
CAPACITY_FIELDS = ("hours_per_week", "skills", "languages", "max_distance_km",
                   *SEALED_CAPACITY_FIELDS)
NEED_FIELDS = ("min_team", "max_team", "hours_per_member", "required_skills",
               "required_languages", "weight_source", "weight", "area")
AREA_FIELDS = ("name", "kind", "latitude", "longitude")
WEIGHT_FIELDS = ("weight_source", "weight")
TEAM_FIELDS = ("name", "struggle", "needed_members", "hours_per_member", "max_member_hours",
               "start_date", "end_date", "required_skills", "required_languages")
EDIT_OPS = ("add", "remove", "remove_field")
# A run's planner input and results: large, and kept on the run itself. Its audit rows name
# them without copying them.
RUN_BULK = ("params", "diff", "unstaffed")


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated


def _set(obj, data: dict, allowed: Iterable[str]) -> None:
    """Set plain fields and validate."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"cannot be set here: {sorted(unknown)}")
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    as_stored(obj)


def _record_run(acting_user, run: PlanRun, before: dict, names: Iterable[str] = ()) -> None:
    """The audit row of a changed run: old and new values, but the bulky planner data (and
    ``names``, such as the planned assignments) by name only."""
    after = snapshot(run)
    bulky = [n for n in RUN_BULK if before.get(n) != after.get(n)]
    record(actor=acting_user, action="update", obj=run,
           before={**before, **{n: after[n] for n in bulky}}, fields=[*bulky, *names])


def _negative(errors: dict, data: dict, name: str, message: str, *, zero: bool = False) -> None:
    value = data.get(name)
    if value is not None and (value < 0 or (zero and value == 0)):
        errors[name] = message
