"""The planner stops when done: at a proof of optimality, or after a stall, well before a
generous time limit, and says why (Plan.proven_optimal, stopped_because, stop_reason)."""

from __future__ import annotations

import dataclasses
import random
import time

from deployment.planner import (
    FieldNeed,
    Instance,
    Member,
    solve,
    solve_exact,
    solve_greedy,
    violations,
)
from deployment.planner.explain import reason_text

LIMIT_S = 60.0  # generous: a planner that ignores its proof would run all of it
CENTER = (35.70, 51.40)


def _town(seed: int, n_members: int = 20, n_fields: int = 40) -> Instance:
    """A town: members and fields within a few km, hours short of every field's need."""
    rng = random.Random(seed)

    def near() -> tuple[float, float]:
        return (CENTER[0] + rng.uniform(-0.05, 0.05), CENTER[1] + rng.uniform(-0.05, 0.05))

    fields = [
        FieldNeed(id=100 + i, weight=round(rng.uniform(1, 20), 2), min_team=rng.choice([0, 2]),
                  max_team=3, hours_per_member=rng.choice([1.0, 2.0, 3.0]), location=near())
        for i in range(n_fields)
    ]
    members = [
        Member(id=i + 1, hours=rng.choice([2.0, 3.0, 4.0, 6.0]), location=near(),
               max_distance_km=rng.choice([3.0, 5.0, 10.0]))
        for i in range(n_members)
    ]
    return Instance(members=members, fields=fields, time_limit_s=LIMIT_S)


def _timed(instance: Instance):
    started = time.perf_counter()
    plan = solve(instance)
    return plan, time.perf_counter() - started


def test_it_returns_a_proven_optimal_plan_well_before_the_time_limit() -> None:
    inst = _town(1)
    plan, elapsed = _timed(inst)
    assert plan.proven_optimal and plan.stopped_because == "optimal"
    assert plan.status == "OPTIMAL" and plan.gap == 0
    assert elapsed < LIMIT_S / 4, elapsed
    exact = solve_exact(inst)  # HiGHS on all pairs agrees, and says it proved it too
    assert exact.proven_optimal and exact.stopped_because == "optimal"
    assert abs(plan.objective - exact.objective) < 1e-6
    assert reason_text(plan.stop_reason) == "proven the best plan among the assignments considered"


def test_it_stops_when_the_plan_is_worth_its_bound() -> None:
    # Hours to spare: greedy staffs every field, which is exactly the bound. One component of
    # 27,000 pairs and 450 members: too big for a whole CP-SAT run and for one LNS
    # neighbourhood (at most 400 members), so nothing else proves it (without this check
    # the planner searched its whole time limit, measured 10.2 s of 10 s).
    members = [Member(id=i, hours=100) for i in range(1, 451)]
    fields = [FieldNeed(id=1000 + i, weight=1 + i % 7, max_team=2) for i in range(60)]
    inst = Instance(members=members, fields=fields, time_limit_s=LIMIT_S)
    plan, elapsed = _timed(inst)
    assert plan.stopped_because == "optimal" and plan.proven_optimal
    assert plan.staffed_fields == frozenset(f.id for f in fields)
    assert plan.objective == plan.bound == sum(f.weight for f in fields)
    assert elapsed < LIMIT_S / 4, elapsed


def _line(n_members: int = 450) -> Instance:
    """One long chain of members and fields along a parallel, 1 km apart: each member
    reaches ~8 fields, so it is one component of > 3,000 pairs (searched by LNS) with more
    members than a neighbourhood holds (no proof). Each member can staff one field (4 h,
    3 h a field) and there are two fields per member, so the optimum is n_members, while
    the bound (hours / 3 h) says 4/3 of that."""
    km = 1 / 111.0
    members = [Member(id=i + 1, hours=4, location=(CENTER[0] + i * km, CENTER[1]),
                      max_distance_km=2.1) for i in range(n_members)]
    fields = [FieldNeed(id=10_000 + j, weight=1, hours_per_member=3,
                        location=(CENTER[0] + j * km / 2, CENTER[1] + 0.001))
              for j in range(2 * n_members)]
    return Instance(members=members, fields=fields, time_limit_s=LIMIT_S, stall_s=1.0)


def test_a_stall_stops_the_search_before_the_time_limit() -> None:
    inst = _line()
    assert solve_greedy(inst).objective == len(inst.members)  # no improvement possible
    plan, elapsed = _timed(inst)
    assert violations(inst, plan) == []
    assert plan.objective == len(inst.members)  # every member on a field: nothing better
    assert plan.stopped_because == "stall" and not plan.proven_optimal
    assert plan.status == "FEASIBLE" and plan.gap > 0
    assert elapsed < LIMIT_S / 4, elapsed
    assert reason_text(plan.stop_reason) == "stopped early: no better plan found in 1 s"


def test_without_a_stall_setting_it_searches_until_the_time_limit() -> None:
    inst = dataclasses.replace(_line(), time_limit_s=3.0, stall_s=None)
    plan, elapsed = _timed(inst)
    assert plan.stopped_because == "time limit" and not plan.proven_optimal
    assert elapsed >= 2.9
    assert reason_text(plan.stop_reason) == "stopped at the time limit, not proven the best"
