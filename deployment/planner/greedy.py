"""Greedy baseline: what a careful organizer would do by hand, field by field.

Fields are taken by value per hour of their smallest team (highest first). A field gets a
team only if the whole team can be formed right away (size and every required skill and
language); otherwise nobody is sent there, so no field is ever left half staffed.
"""

from __future__ import annotations

import time

import numpy as np

from .explain import explain_plan
from .feasibility import Arrays, arrays_of, eligible_for_field
from .model import Assignment, Instance, Plan, objective_of, validate


def greedy_indices(instance: Instance, a: Arrays) -> list[tuple[int, int]]:
    """Greedy plan as (member index, field index) pairs."""
    remaining = a.cap.copy()
    n_f = len(a.field_ids)
    current_by_field: dict[int, np.ndarray] = {}
    for m, f in a.current:
        current_by_field.setdefault(f, np.zeros(len(a.member_ids), dtype=bool))[m] = True
    stab = instance.stability_weight
    order = sorted(range(n_f), key=lambda f: (-a.density[f], -a.weight[f], int(a.field_ids[f])))
    # Fields are visited cheapest-need-last; once nobody has hours left for even the smallest
    # remaining need, the rest of the list cannot be staffed.
    suffix_min_need = np.minimum.accumulate(a.need[order][::-1])[::-1]
    out: list[tuple[int, int]] = []
    for pos, f in enumerate(order):
        if remaining.max(initial=0) < suffix_min_need[pos]:
            break
        if a.weight[f] <= 0 and f not in current_by_field:
            continue
        ok, _, _ = eligible_for_field(a, f)
        ok &= remaining >= a.need[f]
        if ok.sum() < a.team[f]:
            continue
        is_current = current_by_field.get(f, np.zeros(len(a.member_ids), dtype=bool))
        team = _pick_team(a, f, ok, remaining, is_current)
        if team is None:
            continue
        gain = a.weight[f] + stab * int(is_current[team].sum())
        if gain <= 0:
            continue
        remaining[team] -= a.need[f]
        out.extend((int(m), f) for m in team)
    if stab > 0:
        # Keep current members on fields that are staffed anyway when hours allow.
        staffed = {f for _, f in out}
        size = {f: sum(1 for _, g in out if g == f) for f in staffed}
        chosen = set(out)
        for m, f in sorted(a.current):
            if f in staffed and (m, f) not in chosen and size[f] < a.max_team[f]:
                ok, _, _ = eligible_for_field(a, f)
                if ok[m] and remaining[m] >= a.need[f]:
                    remaining[m] -= a.need[f]
                    size[f] += 1
                    out.append((m, f))
    return out


def _pick_team(
    a: Arrays, f: int, ok: np.ndarray, remaining: np.ndarray, is_current: np.ndarray
) -> np.ndarray | None:
    """Smallest team covering the field's needs; None if it cannot be formed."""
    pool = ok.copy()
    team: list[int] = []
    uncovered = list(a.requirements[f])
    while uncovered:
        # Member covering most uncovered needs; ties go to current members, then to hours.
        covers = np.zeros(len(pool), dtype=np.int64)
        for token in uncovered:
            covers += a.holders[token]
        covers[~pool] = 0
        if covers.max(initial=0) == 0:
            return None
        best = np.lexsort((-remaining, -is_current.astype(np.int64), -covers))[0]
        team.append(int(best))
        pool[best] = False
        uncovered = [t for t in uncovered if not a.holders[t][best]]
    missing = int(a.team[f]) - len(team)
    if len(team) > a.max_team[f]:
        return None
    if missing > 0:
        idx = np.nonzero(pool)[0]
        if len(idx) < missing:
            return None
        # Current members first (stability), then those with most hours left.
        rank = np.lexsort((-remaining[idx], -is_current[idx].astype(np.int64)))
        team.extend(int(m) for m in idx[rank[:missing]])
    return np.array(team, dtype=np.int64)


def solve_greedy(instance: Instance) -> Plan:
    """Greedy plan for the whole instance (no pruning), as a Plan."""
    validate(instance)
    t0 = time.perf_counter()
    a = arrays_of(instance)
    pairs = greedy_indices(instance, a)
    ids = sorted((int(a.member_ids[m]), int(a.field_ids[f])) for m, f in pairs)
    obj = objective_of(instance, set(ids))
    plan = Plan(
        assignments=tuple(Assignment(m, f) for m, f in ids),
        staffed_fields=frozenset(f for _, f in ids),
        objective=obj,
        bound=float("nan"),
        gap=float("nan"),
        status="HEURISTIC",
        solve_seconds=time.perf_counter() - t0,
    )
    return explain_plan(instance, plan)
