"""Spatial large-neighbourhood search: re-plan a few dozen nearby members at a time.

One CP-SAT model over a whole city is too big to improve much in a minute on two cores,
but a neighbourhood (the members nearest to a random member, with every other assignment
frozen) is solved to optimality in a fraction of a second. Repeating this moves the plan
towards the optimum; each step only accepts a strictly better neighbourhood plan, so the
objective never goes down and the plan stays feasible throughout. The search ends when
every component is proven optimal (see `improve`), after `stall_s` seconds without a better
plan, or at the deadline.
"""

from __future__ import annotations

import time

import numpy as np
from ortools.sat.python import cp_model

from .feasibility import Arrays, Candidates
from .model import WEIGHT_SCALE, StopReason

MIN_SIZE, START_SIZE, MAX_SIZE = 8, 40, 400  # members per neighbourhood
STEP_LIMIT, STEP_TARGET = 1.0, 0.25  # seconds per neighbourhood: hard limit, aim


def improve(
    a: Arrays,
    cand: Candidates,
    on: np.ndarray,
    open_pairs: np.ndarray,
    stability: float,
    deadline: float,
    num_workers: int,
    seed: int = 0,
    *,
    stall_s: float | None = None,
    component: np.ndarray | None = None,
) -> tuple[np.ndarray, StopReason]:
    """Improve the selection `on` (bool per candidate pair) until the deadline, a proof, or
    `stall_s` seconds without a better plan.

    Only members having an `open_pairs` pair are re-planned (components already proven
    optimal are left alone). `component` labels each member index with its independent
    component (members and fields sharing no candidate pair): a neighbourhood that holds all
    open members of a component and is solved to optimality proves that component, whose
    members then leave the search; when none is left, the plan is proven optimal.
    Returns (selection, why the search stopped)."""
    on = on.copy()
    rng = np.random.default_rng(seed)
    mi, fi = cand.member_idx, cand.field_idx
    by_m, m_start, m_end = _csr(mi, len(a.member_ids))
    by_f, f_start, f_end = _csr(fi, len(a.field_ids))
    active = np.unique(mi[open_pairs])
    if component is None:  # without labels, one neighbourhood must hold every open member
        component = np.zeros(len(a.member_ids), dtype=np.int64)
    is_cur = np.array([p in a.current for p in zip(mi.tolist(), fi.tolist(), strict=True)])
    stab = int(round(stability * WEIGHT_SCALE))
    size = START_SIZE
    last_gain = time.perf_counter()
    while len(active):
        now = time.perf_counter()
        if now >= deadline - 0.05:
            return on, "time limit"
        if stall_s is not None and now - last_gain >= stall_s:
            return on, "stall"
        seed_m = int(rng.choice(active))
        if a.m_loc[seed_m]:
            near = a.m_xyz[active] @ a.m_xyz[seed_m]
            near[~a.m_loc[active]] = -2.0
            near += rng.random(len(active)) * 1e-9  # break ties between co-located members
        else:
            near = rng.random(len(active))
        n = min(size, len(active))
        group = active[np.argpartition(-near, n - 1)[:n]]
        group = group[m_end[group] > m_start[group]]
        pos = np.concatenate([by_m[m_start[m] : m_end[m]] for m in group.tolist()])
        seg = np.concatenate([[0], np.cumsum(m_end[group] - m_start[group])])
        # Never past the deadline, nor (much) past the point where the search gives up.
        limit = min(STEP_LIMIT, deadline - time.perf_counter())
        if stall_s is not None:
            limit = min(limit, max(0.1, last_gain + stall_s - time.perf_counter()))
        if limit <= 0.05:
            continue  # the checks above end the loop
        result = _solve_neighbourhood(
            a,
            cand,
            on,
            pos,
            (group, seg),
            (by_f, f_start, f_end),
            is_cur,
            stab,
            limit,
            num_workers,
        )
        if result is None:
            size = max(MIN_SIZE, int(size * 0.7))
            continue
        new_on, optimal, seconds = result
        if (new_on != on[pos]).any():  # only strictly better plans are returned changed
            last_gain = time.perf_counter()
        on[pos] = new_on
        if optimal:
            active = _without_proven(active, group, component)
        # Aim at quick, proven-optimal steps: many small steps beat a few big ones.
        if optimal and seconds < STEP_TARGET:
            size = min(MAX_SIZE, int(size * 1.2) + 1)
        elif not optimal or seconds > 3 * STEP_TARGET:
            size = max(MIN_SIZE, int(size * 0.8))
    return on, "optimal"


def _without_proven(active: np.ndarray, group: np.ndarray, component: np.ndarray) -> np.ndarray:
    """`active` without the components whose open members all were in `group`, a
    neighbourhood just solved to optimality: nothing outside a component touches its fields,
    so the neighbourhood's optimum is optimal for each component it holds whole."""
    comps = np.unique(component[group])
    in_group = np.isin(active, group)
    whole = [c for c in comps.tolist() if in_group[component[active] == c].all()]
    return active[~np.isin(component[active], whole)]


def _csr(keys: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    start = np.searchsorted(keys[order], np.arange(n), side="left")
    end = np.searchsorted(keys[order], np.arange(n), side="right")
    return order, start, end


def _solve_neighbourhood(
    a: Arrays,
    cand: Candidates,
    on: np.ndarray,
    pos: np.ndarray,
    members: tuple[np.ndarray, np.ndarray],
    field_csr: tuple[np.ndarray, np.ndarray, np.ndarray],
    is_cur: np.ndarray,
    stab: int,
    limit: float,
    num_workers: int,
) -> tuple[np.ndarray, bool, float] | None:
    """Best re-plan of the pairs `pos` with all other pairs frozen; None if no better."""
    by_f, f_start, f_end = field_csr
    group, seg = members  # pairs of group[i] are pos[seg[i]:seg[i + 1]]
    mi, fi = cand.member_idx, cand.field_idx
    in_group = np.zeros(len(a.member_ids), dtype=bool)
    in_group[group] = True
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in range(len(pos))]
    for k, p in enumerate(pos.tolist()):
        model.add_hint(x[k], bool(on[p]))
    terms: list[cp_model.IntVar] = []
    coefs: list[int] = []
    hint_value = 0
    local_f = fi[pos]
    order = np.argsort(local_f, kind="stable")
    for grp in np.split(order, np.nonzero(np.diff(local_f[order]))[0] + 1):
        if len(grp) == 0:
            continue
        f = int(local_f[grp[0]])
        xs = [x[k] for k in grp.tolist()]
        everyone = by_f[f_start[f] : f_end[f]]
        outside = everyone[on[everyone] & ~in_group[mi[everyone]]]
        n_out = len(outside)
        tokens = [t for t in a.requirements[f] if not a.holders[t][mi[outside]].any()]
        total = cp_model.LinearExpr.sum(xs)
        if n_out:
            # Members outside the neighbourhood stay, so the field must stay staffed.
            model.add(total <= int(a.max_team[f]) - n_out)
            if a.team[f] > n_out:
                model.add(total >= int(a.team[f]) - n_out)
            for t in tokens:
                model.add_bool_or([x[k] for k in grp.tolist() if a.holders[t][mi[pos[k]]]])
        else:
            y = model.new_bool_var("")
            staffed = bool(on[pos[grp]].any())
            model.add_hint(y, staffed)
            model.add(total <= int(a.max_team[f]) * y)
            model.add(total >= int(a.team[f]) * y)
            for t in tokens:
                held = [x[k] for k in grp.tolist() if a.holders[t][mi[pos[k]]]]
                model.add_bool_or([*held, ~y])
            w = int(round(a.weight[f] * WEIGHT_SCALE))
            terms.append(y)
            coefs.append(w)
            hint_value += w * staffed
    for i, m in enumerate(group.tolist()):
        need = a.need[fi[pos[seg[i] : seg[i + 1]]]]
        if need.sum() > a.cap[m]:
            xs = x[seg[i] : seg[i + 1]]
            model.add(cp_model.LinearExpr.weighted_sum(xs, need.tolist()) <= int(a.cap[m]))
    if stab:
        for k in np.nonzero(is_cur[pos])[0].tolist():
            terms.append(x[k])
            coefs.append(stab)
            hint_value += stab * bool(on[pos[k]])
    model.maximize(cp_model.LinearExpr.weighted_sum(terms, coefs))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = limit
    # The LP with every constraint linearized closes these small models quickly (measured
    # ~15x faster than the default first worker on 800-pair neighbourhoods).
    solver.parameters.subsolvers.append("max_lp")
    started = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    optimal = status == cp_model.OPTIMAL
    if solver.objective_value <= hint_value:
        return (on[pos].copy(), optimal, seconds)
    values = np.array(solver.response_proto.solution, dtype=np.int64)[: len(pos)]
    return values.astype(bool), optimal, seconds
