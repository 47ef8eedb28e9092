"""Plain data model of the deployment-of-forces planner (no Django, no solver imports).

The planner answers one question: given limited member hours, which fields (workplaces,
neighbourhoods...) should be staffed, and by whom, so the organization concentrates its
forces on the most valuable fields instead of dispersing them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

# Hours are handled by the solvers in whole quarter hours so CP-SAT can use integers.
HOUR_UNITS = 4
# Weights are scaled to integers for CP-SAT; three decimals are kept exactly.
WEIGHT_SCALE = 1000
EARTH_RADIUS_KM = 6371.0088
# Seconds of LNS without a better plan after which the search gives up (Instance.stall_s).
# On the 200 x 500 benchmark the LNS found a better plan every 0.3-3 s until its time was
# up; 5 s leaves room for that, and for slow steps on a loaded machine.
DEFAULT_STALL_S = 5.0

Point = tuple[float, float]  # (latitude, longitude) in degrees


class PlanningInputError(ValueError):
    """The instance cannot be planned as given; the message says what to fix."""


@dataclass(frozen=True)
class Member:
    id: int
    hours: float  # weekly capacity
    skills: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    location: Point | None = None
    max_distance_km: float | None = None
    excluded_fields: frozenset[int] = frozenset()
    current_fields: frozenset[int] = frozenset()


@dataclass(frozen=True)
class FieldNeed:
    id: int
    weight: float  # value gained if the field is staffed
    min_team: int = 0  # 0: any team >= 1 counts; k > 0: either nobody or at least k
    max_team: int = 1
    hours_per_member: float = 1.0
    required_skills: frozenset[str] = frozenset()
    required_languages: frozenset[str] = frozenset()
    location: Point | None = None

    @property
    def team_needed(self) -> int:
        """Smallest team that makes the field count as staffed."""
        return max(1, self.min_team)


@dataclass(frozen=True)
class Instance:
    members: Sequence[Member]
    fields: Sequence[FieldNeed]
    stability_weight: float = 0.0  # bonus per kept current assignment
    time_limit_s: float = 10.0
    max_candidates_per_member: int | None = None  # None: no pruning
    # Stop when the search has found no better plan for this long; None: search until the
    # plan is proven optimal or the time limit. A proof always stops the search at once.
    stall_s: float | None = DEFAULT_STALL_S


@dataclass(frozen=True)
class Assignment:
    member_id: int
    field_id: int


# Why a member is on a field, as parts to translate: ((template, params), ...) (explain.py).
Reason = tuple[tuple[str, dict[str, Any]], ...]
# Why the search returned: its plan is proven optimal (for the candidate pairs), it found
# nothing better for Instance.stall_s seconds, or its time was up.
StopReason = Literal["optimal", "stall", "time limit"]


@dataclass(frozen=True)
class Plan:
    """A plan and how good it is. objective is unscaled. bound, gap and status refer to the
    problem the solver saw: the candidate pairs, i.e. after pruning when
    max_candidates_per_member is set ("OPTIMAL" = optimal among the candidates)."""

    assignments: tuple[Assignment, ...]
    staffed_fields: frozenset[int]
    objective: float
    bound: float
    gap: float
    status: str
    solve_seconds: float
    explanations: dict[tuple[int, int], str] = field(default_factory=dict)
    # The same as parts to translate: ((template, params), ...) per pair (explain.py).
    reasons: dict[tuple[int, int], Reason] = field(default_factory=dict)
    # Set by the searches (CP-SAT, HiGHS); None for plans that are not one (greedy, edited).
    proven_optimal: bool = False
    stopped_because: StopReason | None = None
    # Why the search stopped, as parts to translate (explain.py); () when it is not a search.
    stop_reason: Reason = ()

    def pairs(self) -> set[tuple[int, int]]:
        return {(a.member_id, a.field_id) for a in self.assignments}


def hour_units_capacity(hours: float) -> int:
    """Member capacity rounded down to quarter hours (never promises more than given)."""
    return math.floor(hours * HOUR_UNITS + 1e-9)


def hour_units_need(hours: float) -> int:
    """Per-member field hours rounded up to quarter hours (never under-counts load)."""
    return math.ceil(hours * HOUR_UNITS - 1e-9)


def haversine_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def objective_of(instance: Instance, pairs: set[tuple[int, int]]) -> float:
    """Objective of a set of assignments, counting only fields that are really staffed."""
    fields = {f.id: f for f in instance.fields}
    members = {m.id: m for m in instance.members}
    total = 0.0
    for fid in staffed(instance, pairs):
        total += fields[fid].weight
    kept = sum(1 for (m, f) in pairs if f in members[m].current_fields)
    return total + instance.stability_weight * kept


def staffed(instance: Instance, pairs: set[tuple[int, int]]) -> set[int]:
    """Fields whose team is large enough and covers every required skill and language."""
    members = {m.id: m for m in instance.members}
    teams: dict[int, list[Member]] = {}
    for mid, fid in pairs:
        teams.setdefault(fid, []).append(members[mid])
    out = set()
    for f in instance.fields:
        team = teams.get(f.id, [])
        if len(team) < f.team_needed:
            continue
        skills = frozenset().union(*(m.skills for m in team))
        langs = frozenset().union(*(m.languages for m in team))
        if f.required_skills <= skills and f.required_languages <= langs:
            out.add(f.id)
    return out


def _check_point(what: str, p: Point | None) -> None:
    if p is None:
        return
    if len(p) != 2 or not all(math.isfinite(v) for v in p):
        raise PlanningInputError(f"{what}: location must be two finite numbers, got {p!r}")
    if not (-90 <= p[0] <= 90 and -180 <= p[1] <= 180):
        raise PlanningInputError(f"{what}: location {p!r} is not a (latitude, longitude)")


def validate(instance: Instance) -> None:
    """Raise PlanningInputError with a precise message for the first problem found."""
    if not (math.isfinite(instance.time_limit_s) and instance.time_limit_s > 0):
        raise PlanningInputError(
            f"time limit must be a positive number of seconds, got {instance.time_limit_s}"
        )
    if not math.isfinite(instance.stability_weight) or instance.stability_weight < 0:
        raise PlanningInputError(f"stability weight must be >= 0, got {instance.stability_weight}")
    stall = instance.stall_s
    if stall is not None and not (math.isfinite(stall) and stall > 0):
        raise PlanningInputError(
            f"stall must be a positive number of seconds or None, got {stall}"
        )
    k = instance.max_candidates_per_member
    if k is not None and k < 1:
        raise PlanningInputError(f"max candidates per member must be >= 1 or None, got {k}")
    field_ids: set[int] = set()
    for f in instance.fields:
        if f.id in field_ids:
            raise PlanningInputError(f"duplicate field id {f.id}")
        field_ids.add(f.id)
        if not math.isfinite(f.weight) or f.weight < 0:
            raise PlanningInputError(f"field {f.id}: weight must be >= 0, got {f.weight}")
        if f.min_team < 0:
            raise PlanningInputError(f"field {f.id}: min team must be >= 0, got {f.min_team}")
        if f.max_team < 1:
            raise PlanningInputError(f"field {f.id}: max team must be >= 1, got {f.max_team}")
        if f.min_team > f.max_team:
            raise PlanningInputError(
                f"field {f.id}: min team {f.min_team} is larger than max team {f.max_team}"
            )
        if not math.isfinite(f.hours_per_member) or f.hours_per_member <= 0:
            raise PlanningInputError(
                f"field {f.id}: hours per member must be > 0, got {f.hours_per_member}"
            )
        _check_point(f"field {f.id}", f.location)
    member_ids: set[int] = set()
    for m in instance.members:
        if m.id in member_ids:
            raise PlanningInputError(f"duplicate member id {m.id}")
        member_ids.add(m.id)
        if not math.isfinite(m.hours) or m.hours < 0:
            raise PlanningInputError(f"member {m.id}: hours must be >= 0, got {m.hours}")
        if m.max_distance_km is not None and not m.max_distance_km >= 0:
            raise PlanningInputError(
                f"member {m.id}: max distance must be >= 0 km, got {m.max_distance_km}"
            )
        _check_point(f"member {m.id}", m.location)
        for label, ids in (("excluded", m.excluded_fields), ("current", m.current_fields)):
            unknown = sorted(ids - field_ids)
            if unknown:
                raise PlanningInputError(f"member {m.id}: unknown {label} field ids {unknown}")
        clash = sorted(m.excluded_fields & m.current_fields)
        if clash:
            raise PlanningInputError(
                f"member {m.id}: fields {clash} are both current and excluded; drop one"
            )
