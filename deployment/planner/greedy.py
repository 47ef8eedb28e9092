"""Greedy baseline: what a careful organizer would do by hand, field by field.

Fields are taken by value per hour of their smallest team (highest first). A field gets a
team only if the whole team can be formed right away (size and every required skill and
language); otherwise nobody is sent there, so no field is ever left half staffed.
"""

from __future__ import annotations

import time

import numpy as np

from .explain import explain_plan
from .feasibility import Arrays, FieldScan, arrays_of, scan_fields
from .model import Assignment, Instance, Plan, objective_of, validate


def greedy_indices(
    instance: Instance, a: Arrays, scan: FieldScan | None = None
) -> list[tuple[int, int]]:
    """Greedy plan as (member index, field index) pairs."""
    scan = scan or scan_fields(a, proposals=False)
    remaining = a.cap.copy()
    current_by_field: dict[int, set[int]] = {}
    for m, f in a.current:
        current_by_field.setdefault(f, set()).add(m)
    stab = instance.stability_weight
    order = np.lexsort((a.field_ids, -a.weight, -a.density))
    # Once nobody has hours left for the smallest remaining need, nothing else can be staffed.
    suffix_min_need = np.minimum.accumulate(a.need[order][::-1])[::-1]
    out: list[tuple[int, int]] = []
    for pos, f in enumerate(order.tolist()):
        if remaining.max(initial=0) < suffix_min_need[pos]:
            break
        cur = current_by_field.get(f, set())
        if a.weight[f] <= 0 and not (cur and stab > 0):
            continue
        pool = scan.of(f)
        pool = pool[remaining[pool] >= a.need[f]]
        if len(pool) < a.team[f]:
            continue
        team = _pick_team(a, f, pool, remaining, cur)
        if team is None or (a.weight[f] <= 0 and not cur.intersection(team.tolist())):
            continue
        remaining[team] -= a.need[f]
        out.extend((int(m), f) for m in team)
    if stab > 0:
        # Keep current members on fields that are staffed anyway when hours allow.
        size: dict[int, int] = {}
        for _, f in out:
            size[f] = size.get(f, 0) + 1
        chosen = set(out)
        for m, f in sorted(a.current):
            if f in size and (m, f) not in chosen and size[f] < a.max_team[f]:
                if m in set(scan.of(f).tolist()) and remaining[m] >= a.need[f]:
                    remaining[m] -= a.need[f]
                    size[f] += 1
                    out.append((m, f))
    return out


def _pick_team(
    a: Arrays, f: int, pool: np.ndarray, remaining: np.ndarray, current: set[int]
) -> np.ndarray | None:
    """Smallest team covering the field's needs; None if it cannot be formed."""
    is_cur = (
        np.array([int(m) in current for m in pool], dtype=np.int64)
        if current
        else (np.zeros(len(pool), dtype=np.int64))
    )
    free = np.ones(len(pool), dtype=bool)
    team: list[int] = []
    uncovered = list(a.requirements[f])
    while uncovered:
        # Member covering most uncovered needs; ties go to current members, then to hours.
        covers = np.zeros(len(pool), dtype=np.int64)
        for token in uncovered:
            covers += a.holders[token][pool]
        covers[~free] = 0
        if covers.max(initial=0) == 0:
            return None
        best = int(np.lexsort((-remaining[pool], -is_cur, -covers))[0])
        team.append(int(pool[best]))
        free[best] = False
        uncovered = [t for t in uncovered if not a.holders[t][pool[best]]]
    if len(team) > a.max_team[f]:
        return None
    missing = int(a.team[f]) - len(team)
    if missing > 0:
        idx = np.nonzero(free)[0]
        if len(idx) < missing:
            return None
        # Current members first (stability), then those with most hours left.
        rank = np.lexsort((-remaining[pool[idx]], -is_cur[idx]))
        team.extend(int(m) for m in pool[idx[rank[:missing]]])
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
