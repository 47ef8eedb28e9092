"""The planner: CP-SAT on the (pruned) candidate pairs, warm-started from the greedy plan.

Model: x[m,f] = member m goes to field f, y[f] = field f is staffed.
  sum_f need[f] * x[m,f] <= cap[m]                 (hours, in quarter hours)
  team[f] * y[f] <= sum_m x[m,f] <= max_team[f] * y[f]   (all or nothing, and x only if y)
  sum_{m holds t} x[m,f] >= y[f]  for each required skill/language t
  maximize sum_f w[f] y[f] + stability * sum_{current (m,f)} x[m,f]
The greedy plan is added to the candidates and given as a complete hint; every later step
only accepts better plans, so the planner is never worse than greedy. Small independent
components (towns) are solved whole; big ones (cities) by spatial LNS (see lns.py), because
one CP-SAT model over a whole city hardly improves on the hint in a minute on two cores.
The reported bound is the smaller of the Lagrangian bound (bound.py) and CP-SAT's own bound
per component; both are bounds for the candidate pairs, i.e. after pruning.
The planner returns as soon as every component is proven optimal (by CP-SAT, or by a plan
worth its bound), after Instance.stall_s seconds of LNS without a better plan, or at the
time limit; Plan.stopped_because says which.
"""

from __future__ import annotations

import time

import numpy as np
from ortools.sat.python import cp_model

from .bound import lagrangian_bound
from .explain import explain_plan
from .feasibility import Arrays, Candidates, arrays_of, candidate_pairs, scan_fields
from .greedy import greedy_indices
from .lns import improve
from .model import (
    WEIGHT_SCALE,
    Assignment,
    Instance,
    Plan,
    StopReason,
    objective_of,
    validate,
)

NUM_WORKERS = 2
BOUND_SHARE = 0.1  # at most this share of the remaining time on the Lagrangian bound
PHASE1_SHARE = 0.6  # share of the remaining time for whole-group CP-SAT runs (then LNS)
SMALL_GROUP = 3000  # candidate pairs: groups up to this size get a whole CP-SAT run


def solve(instance: Instance) -> Plan:
    validate(instance)
    t0 = time.perf_counter()
    a = arrays_of(instance)
    scan = scan_fields(a, proposals=instance.max_candidates_per_member is not None)
    greedy = greedy_indices(instance, a, scan)
    cand = candidate_pairs(instance, a, extra=greedy, scan=scan)
    del scan  # the full eligibility lists can be large; free them before the search
    cand = usable(a, cand, instance.stability_weight)
    greedy_ids = _ids(a, greedy)
    greedy_obj = objective_of(instance, greedy_ids)
    if len(cand) == 0:
        return _plan(instance, set(), 0.0, "OPTIMAL", t0, "optimal")

    # Bound: Lagrangian relaxation (cheap, about as tight as the LP), split per component.
    # Phase 1: each small group of independent components (a town, a few villages) as one
    # CP-SAT model; these are often proven optimal, which also tightens their bound.
    # Phase 2: spatial LNS on everything not proven optimal, until the deadline.
    deadline = t0 + instance.time_limit_s
    stab = instance.stability_weight
    bound_deadline = time.perf_counter() + BOUND_SHARE * (deadline - time.perf_counter())
    _, m_part, f_part = lagrangian_bound(
        a, cand, stab, greedy_obj, bound_deadline, start=_greedy_prices(a, greedy)
    )
    in_greedy = set(greedy)
    on = np.array(
        [
            p in in_greedy
            for p in zip(cand.member_idx.tolist(), cand.field_idx.tolist(), strict=True)
        ]
    )
    open_pairs = np.ones(len(cand), dtype=bool)
    bound = 0.0
    groups, component = _groups(a, cand)
    small_left = sum(len(g) for g in groups if len(g) <= SMALL_GROUP)
    phase1_end = time.perf_counter() + PHASE1_SHARE * (deadline - time.perf_counter())
    for part in groups:
        mi, fi = cand.member_idx[part], cand.field_idx[part]
        part_bound = m_part[np.unique(mi)].sum() + f_part[np.unique(fi)].sum()
        optimal = False
        if len(part) <= SMALL_GROUP:
            # Smallest groups first, each with its share of what is left of phase 1.
            share = max(0.1, (phase1_end - time.perf_counter()) * len(part) / small_left)
            small_left -= len(part)
            sub = Candidates(mi, fi, cand.distance_km[part])
            sub_on, sub_bound, optimal = _solve_part(a, sub, on[part], stab, share)
            on[part] = sub_on
            part_bound = min(part_bound, sub_bound)
        # A plan worth its bound is optimal too (e.g. hours to spare: every field staffed).
        value = _value(a, cand, part, on[part], stab)
        if optimal or _proves(a, stab, part_bound, value):
            open_pairs[part], part_bound = False, value
        bound += part_bound
    reason: StopReason = "optimal"
    if open_pairs.any():
        on, reason = improve(a, cand, on, open_pairs, stab, deadline, NUM_WORKERS,
                             stall_s=instance.stall_s, component=component)
    proven = reason == "optimal"
    status = "OPTIMAL" if proven else "FEASIBLE"
    chosen_ids = _ids(
        a, list(zip(cand.member_idx[on].tolist(), cand.field_idx[on].tolist(), strict=True))
    )
    if objective_of(instance, chosen_ids) < greedy_obj:  # safety net, should not trigger
        fallback: StopReason = "time limit" if proven else reason
        return _plan(instance, greedy_ids, bound, "GREEDY_FALLBACK", t0, fallback)
    if proven:
        bound = objective_of(instance, chosen_ids)
    return _plan(instance, chosen_ids, bound, status, t0, reason)


def _proves(a: Arrays, stability: float, bound: float, value: float) -> bool:
    """Whether no plan can be worth more than `value`, given the upper bound `bound`. When
    every weight has at most three decimals (as the CP-SAT model keeps them), objectives are
    multiples of 1/WEIGHT_SCALE, so a bound below value + 1/WEIGHT_SCALE suffices: the
    Lagrangian bound comes within a hair of the optimum but seldom onto it."""
    scaled = np.append(a.weight, stability) * WEIGHT_SCALE
    if np.all(np.abs(scaled - np.round(scaled)) < 1e-6):
        # The margin keeps the bound's rounding errors (far below 1e-6 here) from counting.
        return bool(bound * WEIGHT_SCALE < round(value * WEIGHT_SCALE) + 1 - 1e-6)
    return bound <= value + 1e-9 * max(1.0, abs(value))


def _value(a: Arrays, cand: Candidates, part: np.ndarray, on: np.ndarray, stab: float) -> float:
    """Objective of the selection `on` of the pairs `part` (a feasible plan: a field with
    anyone on it is staffed)."""
    mi, fi = cand.member_idx[part][on], cand.field_idx[part][on]
    kept = sum(p in a.current for p in zip(mi.tolist(), fi.tolist(), strict=True))
    return float(a.weight[np.unique(fi)].sum()) + stab * kept


def _greedy_prices(a: Arrays, greedy: list[tuple[int, int]]) -> np.ndarray:
    """Value per quarter hour of the weakest field each member staffs in the greedy plan:
    a good first guess of what an hour of that member is worth (the LP dual)."""
    price = np.full(len(a.member_ids), np.inf)
    if greedy:
        g = np.array(greedy, dtype=np.int64)
        np.minimum.at(price, g[:, 0], a.density[g[:, 1]])
    return np.where(np.isfinite(price), price, 0.0)


def _solve_part(
    a: Arrays, cand: Candidates, hint: np.ndarray, stability: float, limit: float
) -> tuple[np.ndarray, float, bool]:
    """CP-SAT on one group of independent components, warm-started from `hint`.
    Returns (selected pairs, upper bound, proven optimal)."""
    model, x, y_of = build_model(a, cand, stability)
    for k, h in enumerate(hint.tolist()):
        model.add_hint(x[k], h)
    staffed = set(cand.field_idx[hint].tolist())
    for f, yv in y_of.items():
        model.add_hint(yv, f in staffed)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = NUM_WORKERS
    p.random_seed = 0
    p.max_time_in_seconds = limit
    # One full search with the strongest LP relaxation (the LP bound of this model is within
    # a fraction of a percent of the optimum), the other thread runs LNS from the hint.
    p.subsolvers.append("max_lp")
    status = solver.solve(model)
    if status == cp_model.OPTIMAL or status == cp_model.FEASIBLE:
        values = np.array(solver.response_proto.solution, dtype=np.int64)[: len(cand)]
        bound = solver.best_objective_bound / WEIGHT_SCALE
        return values.astype(bool), bound, status == cp_model.OPTIMAL
    if status == cp_model.INFEASIBLE:  # cannot happen: sending nobody is always feasible
        raise RuntimeError("CP-SAT reported the planning model infeasible")
    # No answer in time: keep the hint; a trivial bound is every field staffed.
    fields = np.unique(cand.field_idx)
    cur = sum(
        p in a.current for p in zip(cand.member_idx.tolist(), cand.field_idx.tolist(), strict=True)
    )
    return hint, float(a.weight[fields].sum()) + stability * cur, False


def _groups(
    a: Arrays, cand: Candidates, min_size: int = 200
) -> tuple[list[np.ndarray], np.ndarray]:
    """Pair positions split into independent components (members and fields sharing no pair),
    small ones batched together, smallest first. Separate cities become separate models,
    which CP-SAT solves much better than one big model in the same time. Also returns the
    component of each member index (the LNS proves components one by one)."""
    n_m = len(a.member_ids)
    parent = np.arange(n_m + len(a.field_ids))

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for m, f in zip(cand.member_idx.tolist(), cand.field_idx.tolist(), strict=True):
        rm, rf = find(m), find(n_m + f)
        if rm != rf:
            parent[rm] = rf
    component = np.array([find(m) for m in range(n_m)], dtype=np.int64)
    roots = component[cand.member_idx]
    _, label, sizes = np.unique(roots, return_inverse=True, return_counts=True)
    by_label = np.argsort(label, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)])
    groups: list[np.ndarray] = []
    batch: list[np.ndarray] = []
    for comp in np.argsort(sizes, kind="stable"):
        batch.append(by_label[starts[comp] : starts[comp + 1]])
        if sum(len(b) for b in batch) >= min_size:
            groups.append(np.concatenate(batch))
            batch = []
    if batch:
        groups.append(np.concatenate(batch))
    return groups, component


def usable(a: Arrays, cand: Candidates, stability: float) -> Candidates:
    """Drop pairs to fields that can never pay off or never be staffed from these pairs."""
    mi, fi = cand.member_idx, cand.field_idx
    is_cur = np.array(
        [(m, f) in a.current for m, f in zip(mi.tolist(), fi.tolist(), strict=True)], dtype=bool
    )
    keep = (a.weight[fi] > 0) | (is_cur & (stability > 0))
    count = np.bincount(fi[keep], minlength=len(a.field_ids))
    keep &= count[fi] >= a.team[fi]
    for token, mask in a.holders.items():
        needs = np.array([token in r for r in a.requirements], dtype=bool)
        if needs.any():
            held = np.bincount(fi[keep & mask[mi]], minlength=len(a.field_ids)) > 0
            keep &= ~(needs[fi] & ~held[fi])
    return Candidates(mi[keep], fi[keep], cand.distance_km[keep])


def build_model(
    a: Arrays, cand: Candidates, stability: float
) -> tuple[cp_model.CpModel, list[cp_model.IntVar], dict[int, cp_model.IntVar]]:
    model = cp_model.CpModel()
    n = len(cand)
    mi, fi = cand.member_idx, cand.field_idx
    x = [model.new_bool_var("") for _ in range(n)]  # created first: indices 0..n-1
    fields = np.unique(fi)
    y_of = {int(f): model.new_bool_var("") for f in fields}

    order = np.argsort(mi, kind="stable")
    for grp in np.split(order, np.nonzero(np.diff(mi[order]))[0] + 1):
        m = int(mi[grp[0]])
        need = a.need[fi[grp]]
        if need.sum() > a.cap[m]:  # skip constraints that can never bind
            model.add(
                cp_model.LinearExpr.weighted_sum([x[k] for k in grp], need.tolist())
                <= int(a.cap[m])
            )

    order = np.argsort(fi, kind="stable")
    for grp in np.split(order, np.nonzero(np.diff(fi[order]))[0] + 1):
        f = int(fi[grp[0]])
        y = y_of[f]
        xs = [x[k] for k in grp]
        total = cp_model.LinearExpr.sum(xs)
        model.add(total <= int(min(a.max_team[f], len(xs))) * y)
        model.add(total >= int(a.team[f]) * y)
        for token in a.requirements[f]:
            held = [x[k] for k in grp if a.holders[token][mi[k]]]
            model.add_bool_or([*held, ~y])

    wf = [int(round(a.weight[f] * WEIGHT_SCALE)) for f in y_of]
    terms = list(y_of.values())
    stab = int(round(stability * WEIGHT_SCALE))
    if stab:
        cur = [
            k
            for k, (m, f) in enumerate(zip(mi.tolist(), fi.tolist(), strict=True))
            if (m, f) in a.current
        ]
        terms += [x[k] for k in cur]
        wf += [stab] * len(cur)
    model.maximize(cp_model.LinearExpr.weighted_sum(terms, wf))
    return model, x, y_of


def _ids(a: Arrays, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(int(a.member_ids[m]), int(a.field_ids[f])) for m, f in pairs}


def _plan(
    instance: Instance,
    pairs: set[tuple[int, int]],
    bound: float,
    status: str,
    t0: float,
    stopped: StopReason,
) -> Plan:
    obj = objective_of(instance, pairs)
    if np.isnan(bound):
        gap = float("nan")
    else:
        bound = max(bound, obj)  # rounding of scaled weights must not show a negative gap
        gap = (bound - obj) / max(abs(bound), 1e-9)
    ids = sorted(pairs)
    plan = Plan(
        assignments=tuple(Assignment(m, f) for m, f in ids),
        staffed_fields=frozenset(f for _, f in ids),
        objective=obj,
        bound=bound,
        gap=gap,
        status=status,
        solve_seconds=time.perf_counter() - t0,
        proven_optimal=stopped == "optimal",
        stopped_because=stopped,
    )
    return explain_plan(instance, plan)
