"""Reference MILP (HiGHS) on ALL allowed pairs: the "exact" yardstick for the benchmark.

Same model as cpsat.py, but without candidate pruning and without a greedy warm start, so its
objective/bound say how far the planner's pruning and time limit are from the true optimum.
"""

from __future__ import annotations

import dataclasses
import time

import highspy
import numpy as np

from .cpsat import usable
from .explain import explain_plan
from .feasibility import Arrays, Candidates, arrays_of, candidate_pairs
from .model import Assignment, Instance, Plan, StopReason, objective_of, validate

_STOPPED: dict[str, StopReason] = {"Optimal": "optimal", "Time limit reached": "time limit"}


def solve_exact(instance: Instance, time_limit_s: float | None = None) -> Plan:
    validate(instance)
    t0 = time.perf_counter()
    limit = instance.time_limit_s if time_limit_s is None else time_limit_s
    full = dataclasses.replace(instance, max_candidates_per_member=None)
    a = arrays_of(full)
    cand = usable(a, candidate_pairs(full, a), instance.stability_weight)
    return solve_milp(instance, a, cand, limit - (time.perf_counter() - t0), t0)


def solve_milp(instance: Instance, a: Arrays, cand: Candidates, limit: float, t0: float) -> Plan:
    """HiGHS on the given candidate pairs (all pairs for the exact reference)."""
    n = len(cand)
    if n == 0:
        return _plan(instance, set(), 0.0, "Optimal", t0)
    mi, fi = cand.member_idx, cand.field_idx
    fields, fpos = np.unique(fi, return_inverse=True)
    nf = len(fields)
    ks = np.arange(n)
    rows, cols, vals = [], [], []
    lo: list[np.ndarray] = []
    up: list[np.ndarray] = []
    inf = highspy.kHighsInf

    # Member hours (only members whose candidates could exceed their capacity).
    load = np.bincount(mi, weights=a.need[fi], minlength=len(a.member_ids))
    tight = load > a.cap
    row_of = np.cumsum(tight) - 1
    sel = tight[mi]
    rows.append(row_of[mi[sel]])
    cols.append(ks[sel])
    vals.append(a.need[fi[sel]].astype(float))
    nr = int(tight.sum())
    lo.append(np.full(nr, -inf))
    up.append(a.cap[tight].astype(float))

    # Team size: team*y <= sum x <= max_team*y, as two rows per field.
    for coef_y, low, high in ((-a.max_team[fields], -inf, 0.0), (-a.team[fields], 0.0, inf)):
        rows += [nr + fpos, nr + np.arange(nf)]
        cols += [ks, n + np.arange(nf)]
        vals += [np.ones(n), coef_y.astype(float)]
        lo.append(np.full(nf, low))
        up.append(np.full(nf, high))
        nr += nf

    # Coverage: for each required skill/language t of f, sum of holders' x >= y.
    for token, held in a.holders.items():
        needs = np.array([token in a.requirements[f] for f in fields], dtype=bool)
        if not needs.any():
            continue
        cov_row = np.full(nf, -1)
        cov_row[needs] = nr + np.arange(int(needs.sum()))
        sel = needs[fpos] & held[mi]
        rows += [cov_row[fpos[sel]], cov_row[needs]]
        cols += [ks[sel], n + np.nonzero(needs)[0]]
        vals += [np.ones(int(sel.sum())), -np.ones(int(needs.sum()))]
        lo.append(np.zeros(int(needs.sum())))
        up.append(np.full(int(needs.sum()), inf))
        nr += int(needs.sum())

    r = np.concatenate(rows)
    c = np.concatenate(cols)
    v = np.concatenate(vals)
    order = np.lexsort((r, c))
    r, c, v = r[order], c[order], v[order]
    ncol = n + nf
    is_cur = np.array(
        [(m, f) in a.current for m, f in zip(mi.tolist(), fi.tolist(), strict=True)], dtype=bool
    )
    cost = np.concatenate([is_cur * instance.stability_weight, a.weight[fields]])

    lp = highspy.HighsLp()
    lp.num_col_ = ncol
    lp.num_row_ = nr
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(ncol)
    lp.col_upper_ = np.ones(ncol)
    lp.row_lower_ = np.concatenate(lo)
    lp.row_upper_ = np.concatenate(up)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(c, np.arange(ncol + 1)).astype(np.int32)
    lp.a_matrix_.index_ = r.astype(np.int32)
    lp.a_matrix_.value_ = v
    lp.integrality_ = [highspy.HighsVarType.kInteger] * ncol

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(0.1, limit))
    h.setOptionValue("mip_rel_gap", 1e-6)
    h.setOptionValue("random_seed", 0)
    h.passModel(lp)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    bound = float(info.mip_dual_bound)
    if info.primal_solution_status != 2:  # no feasible point found in time
        return _plan(instance, None, bound, status, t0)
    x = np.asarray(h.getSolution().col_value[:n]) > 0.5
    chosen = {
        (int(a.member_ids[m]), int(a.field_ids[f])) for m, f in zip(mi[x], fi[x], strict=True)
    }
    return _plan(instance, chosen, bound, status, t0)


def _plan(
    instance: Instance, pairs: set[tuple[int, int]] | None, bound: float, status: str, t0: float
) -> Plan:
    obj = float("nan") if pairs is None else objective_of(instance, pairs)
    gap = (bound - obj) / max(abs(bound), 1e-9) if pairs is not None else float("nan")
    ids = sorted(pairs or ())
    plan = Plan(
        assignments=tuple(Assignment(m, f) for m, f in ids),
        staffed_fields=frozenset(f for _, f in ids),
        objective=obj,
        bound=bound,
        gap=max(0.0, gap) if gap == gap else gap,
        status=status,
        solve_seconds=time.perf_counter() - t0,
        # HiGHS returns by itself on a proof ("Optimal": its gap is below mip_rel_gap, 1e-6)
        # or at its time limit; no other status ends a search with a plan.
        proven_optimal=status == "Optimal",
        stopped_because=_STOPPED.get(status),
    )
    return explain_plan(instance, plan)
