"""Planner correctness: CP-SAT against brute force, constraints, greedy, stability."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from deployment.planner import (
    FieldNeed,
    Instance,
    Member,
    compare,
    solve,
    solve_exact,
    solve_greedy,
    violations,
)
from deployment.planner.model import haversine_km

SKILLS = ["union", "legal"]
LANGS = ["ku", "az"]
CENTER = (35.70, 51.40)


def _near(rng: random.Random) -> tuple[float, float]:
    return (CENTER[0] + rng.uniform(-0.1, 0.1), CENTER[1] + rng.uniform(-0.1, 0.1))


def random_instance(seed: int, n_members: int = 4, n_fields: int = 4) -> Instance:
    """Small instance; hours are quarter-hour multiples and weights have 1 decimal, so the
    solver's integer scaling is exact and the brute force optimum must be matched exactly."""
    rng = random.Random(seed)
    fields = []
    for i in range(n_fields):
        min_team = rng.choice([0, 0, 1, 2, 3])
        fields.append(
            FieldNeed(
                id=10 + i,
                weight=round(rng.uniform(0.5, 10), 1),
                min_team=min_team,
                max_team=max(1, min_team) + rng.choice([0, 1, 2]),
                hours_per_member=rng.choice([1.0, 1.5, 2.0, 2.25, 3.0]),
                required_skills=frozenset(rng.sample(SKILLS, rng.choice([0, 0, 1]))),
                required_languages=frozenset(rng.sample(LANGS, rng.choice([0, 0, 1]))),
                location=_near(rng) if rng.random() < 0.8 else None,
            )
        )
    ids = [f.id for f in fields]
    members = []
    for i in range(n_members):
        current = frozenset(rng.sample(ids, rng.choice([0, 0, 1])))
        excluded = frozenset(rng.sample(ids, rng.choice([0, 0, 0, 1]))) - current
        members.append(
            Member(
                id=i + 1,
                hours=rng.choice([0.0, 1.0, 2.0, 3.5, 4.0, 6.0]),
                skills=frozenset(s for s in SKILLS if rng.random() < 0.4),
                languages=frozenset(lang for lang in LANGS if rng.random() < 0.4),
                location=_near(rng) if rng.random() < 0.9 else None,
                max_distance_km=rng.choice([None, 5.0, 10.0, 25.0]),
                excluded_fields=excluded,
                current_fields=current,
            )
        )
    return Instance(
        members=members,
        fields=fields,
        stability_weight=rng.choice([0.0, 0.0, 0.5]),
        time_limit_s=5.0,
    )


def brute_force_optimum(inst: Instance) -> float:
    """Enumerate every combination of per-field teams (each field: nobody, or a valid team)."""
    teams_per_field = []
    for f in inst.fields:
        allowed = []
        for m in inst.members:
            if f.id in m.excluded_fields or f.hours_per_member > m.hours:
                continue
            if (
                m.location is not None
                and f.location is not None
                and m.max_distance_km is not None
                and haversine_km(m.location, f.location) > m.max_distance_km
            ):
                continue
            allowed.append(m)
        options: list[tuple[Member, ...]] = [()]
        for size in range(max(1, f.min_team), min(f.max_team, len(allowed)) + 1):
            for team in itertools.combinations(allowed, size):
                skills = frozenset().union(*(m.skills for m in team))
                langs = frozenset().union(*(m.languages for m in team))
                if f.required_skills <= skills and f.required_languages <= langs:
                    options.append(team)
        teams_per_field.append(options)
    best = 0.0
    for choice in itertools.product(*teams_per_field):
        used: dict[int, float] = {}
        value = 0.0
        for f, team in zip(inst.fields, choice, strict=True):
            if team:
                value += f.weight
            for m in team:
                used[m.id] = used.get(m.id, 0.0) + f.hours_per_member
                if f.id in m.current_fields:
                    value += inst.stability_weight
        if all(used[m.id] <= m.hours + 1e-9 for m in inst.members if m.id in used):
            best = max(best, value)
    return best


def test_it_matches_brute_force_on_small_instances() -> None:
    for seed in range(40):
        inst = random_instance(seed, n_members=4, n_fields=4)
        plan = solve(inst)
        assert violations(inst, plan) == [], seed
        assert plan.status == "OPTIMAL", seed
        assert abs(plan.objective - brute_force_optimum(inst)) < 1e-6, seed


def test_exact_milp_matches_brute_force_on_small_instances() -> None:
    for seed in range(100, 115):
        inst = random_instance(seed, n_members=4, n_fields=3)
        plan = solve_exact(inst)
        assert violations(inst, plan) == [], seed
        assert abs(plan.objective - brute_force_optimum(inst)) < 1e-6, seed


def test_pruned_candidates_still_match_brute_force_when_k_is_large() -> None:
    for seed in range(200, 215):
        inst = random_instance(seed, n_members=4, n_fields=4)
        pruned = Instance(**{**inst.__dict__, "max_candidates_per_member": 4})
        assert abs(solve(pruned).objective - brute_force_optimum(inst)) < 1e-6, seed


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_members=st.integers(1, 8),
    n_fields=st.integers(1, 8),
    k=st.sampled_from([None, 1, 2, 5]),
)
def test_plans_never_violate_constraints_and_beat_greedy(
    seed: int, n_members: int, n_fields: int, k: int | None
) -> None:
    base = random_instance(seed, n_members, n_fields)
    inst = Instance(**{**base.__dict__, "max_candidates_per_member": k, "time_limit_s": 2.0})
    plan = solve(inst)
    greedy = solve_greedy(inst)
    assert violations(inst, plan) == []
    assert violations(inst, greedy) == []
    assert plan.objective >= greedy.objective - 1e-9
    assert plan.bound >= plan.objective - 1e-6
    assert set(plan.explanations) == plan.pairs()


def test_stability_weight_keeps_current_assignments_when_values_tie() -> None:
    # Two identical members, one field that needs one of them: without stability the choice
    # is arbitrary; with it the planner keeps the member already working there.
    for current_member in (1, 2):
        members = [
            Member(id=i, hours=2, current_fields=frozenset({7} if i == current_member else ()))
            for i in (1, 2)
        ]
        field = FieldNeed(id=7, weight=5, min_team=1, max_team=1, hours_per_member=2)
        inst = Instance(members=members, fields=[field], stability_weight=0.1)
        plan = solve(inst)
        assert plan.pairs() == {(current_member, 7)}
        assert abs(plan.objective - 5.1) < 1e-9
        assert "kept (current)" in plan.explanations[(current_member, 7)]
        diff = compare({(current_member, 7)}, plan)
        assert diff["members_moved"] == [] and diff["fields_lost"] == []


def test_compare_reports_gains_losses_and_moves() -> None:
    members = [Member(id=1, hours=4, current_fields=frozenset({1})), Member(id=2, hours=4)]
    fields = [FieldNeed(id=1, weight=1), FieldNeed(id=2, weight=10)]
    plan = solve(Instance(members=members, fields=fields))
    assert plan.staffed_fields == frozenset({1, 2})  # both fit: 1 h each, 4 h available
    diff = compare({(1, 1)}, plan)
    assert diff["fields_gained"] == [2]
    assert diff["fields_lost"] == []
    tight = [Member(id=1, hours=1, current_fields=frozenset({1}))]
    plan = solve(Instance(members=tight, fields=fields))
    diff = compare({(1, 1)}, plan)
    assert diff == {
        "fields_gained": [2],
        "fields_lost": [1],
        "members_moved": [1],
        "members_kept": [],
    }


def test_all_or_nothing_min_team_is_never_partially_staffed() -> None:
    members = [Member(id=i, hours=10) for i in range(1, 4)]
    fields = [
        FieldNeed(id=1, weight=100, min_team=4, max_team=5),  # cannot be staffed: 3 members
        FieldNeed(id=2, weight=1, min_team=3, max_team=3),
    ]
    inst = Instance(members=members, fields=fields)
    for plan in (solve(inst), solve_greedy(inst), solve_exact(inst)):
        assert violations(inst, plan) == []
        assert plan.staffed_fields == frozenset({2})
        assert {f for _, f in plan.pairs()} == {2}
