"""The planner: CP-SAT on the candidate pairs, warm-started from the greedy plan.

Model: x[m,f] = member m goes to field f, y[f] = field f is staffed.
  sum_f need[f] * x[m,f] <= cap[m]                 (hours, in quarter hours)
  team[f] * y[f] <= sum_m x[m,f] <= max_team[f] * y[f]   (all or nothing, and x only if y)
  sum_{m holds t} x[m,f] >= y[f]  for each required skill/language t
  maximize sum_f w[f] y[f] + stability * sum_{current (m,f)} x[m,f]
The greedy plan is added to the candidates and given as a complete hint, and it is returned
if CP-SAT finds nothing better, so the planner is never worse than greedy.
"""

from __future__ import annotations

import time

import numpy as np
from ortools.sat.python import cp_model

from .explain import explain_plan
from .feasibility import Arrays, Candidates, arrays_of, candidate_pairs
from .greedy import greedy_indices
from .model import WEIGHT_SCALE, Assignment, Instance, Plan, objective_of, validate

NUM_WORKERS = 2


def solve(instance: Instance) -> Plan:
    validate(instance)
    t0 = time.perf_counter()
    a = arrays_of(instance)
    greedy = greedy_indices(instance, a)
    cand = usable(a, candidate_pairs(instance, a, extra=greedy), instance.stability_weight)
    greedy_ids = _ids(a, greedy)
    greedy_obj = objective_of(instance, greedy_ids)
    if len(cand) == 0:
        return _plan(instance, set(), 0.0, "OPTIMAL", t0)

    model, x, y_of = build_model(a, cand, instance.stability_weight)
    in_greedy = set(greedy)
    for k, (m, f) in enumerate(zip(cand.member_idx.tolist(), cand.field_idx.tolist(),
                                   strict=True)):
        model.add_hint(x[k], (m, f) in in_greedy)
    staffed_g = {f for _, f in greedy}
    for f, yv in y_of.items():
        model.add_hint(yv, f in staffed_g)

    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = NUM_WORKERS
    p.random_seed = 0
    # The time limit is the whole budget: what is left after preparing goes to the search.
    p.max_time_in_seconds = max(0.5, instance.time_limit_s - (time.perf_counter() - t0))
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE:  # cannot happen: all-zero is feasible
            raise RuntimeError("CP-SAT reported the planning model infeasible")
        return _plan(instance, greedy_ids, float("nan"), "GREEDY_FALLBACK", t0)
    values = np.array(solver.response_proto.solution, dtype=np.int64)[: len(cand)]
    on = np.nonzero(values)[0]
    chosen = _ids(a, list(zip(cand.member_idx[on].tolist(), cand.field_idx[on].tolist(),
                              strict=True)))
    bound = solver.best_objective_bound / WEIGHT_SCALE
    if objective_of(instance, chosen) < greedy_obj:
        return _plan(instance, greedy_ids, bound, "GREEDY_FALLBACK", t0)
    return _plan(instance, chosen, bound, name, t0)


def usable(a: Arrays, cand: Candidates, stability: float) -> Candidates:
    """Drop pairs to fields that can never pay off or never be staffed from these pairs."""
    mi, fi = cand.member_idx, cand.field_idx
    is_cur = np.array([(m, f) in a.current for m, f in zip(mi.tolist(), fi.tolist(),
                                                            strict=True)], dtype=bool)
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
            model.add(cp_model.LinearExpr.weighted_sum([x[k] for k in grp], need.tolist())
                      <= int(a.cap[m]))

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
        cur = [k for k, (m, f) in enumerate(zip(mi.tolist(), fi.tolist(), strict=True))
               if (m, f) in a.current]
        terms += [x[k] for k in cur]
        wf += [stab] * len(cur)
    model.maximize(cp_model.LinearExpr.weighted_sum(terms, wf))
    return model, x, y_of


def _ids(a: Arrays, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(int(a.member_ids[m]), int(a.field_ids[f])) for m, f in pairs}


def _plan(
    instance: Instance, pairs: set[tuple[int, int]], bound: float, status: str, t0: float
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
    )
    return explain_plan(instance, plan)
