"""Upper bound on the planning objective by Lagrangian relaxation of member hours.

Pricing each member's hour at lambda[m] >= 0 makes fields independent: a field is worth
weight + the best team value, where each member costs lambda[m] * hours (minus the
stability bonus). Dropping the skill/language rules only makes the bound larger, so any
lambda gives a valid upper bound; subgradient steps make it tight (about the LP bound).
It costs a few vectorized passes over the candidate pairs, unlike an LP over a whole city.
"""

from __future__ import annotations

import time

import numpy as np

from .feasibility import Arrays, Candidates


def lagrangian_bound(
    a: Arrays,
    cand: Candidates,
    stability: float,
    lower: float,
    deadline: float,
    start: np.ndarray | None = None,
    iterations: int = 300,
) -> tuple[float, np.ndarray, np.ndarray]:
    """(bound, per-member part, per-field part) on the candidate pairs: the bound is
    the sum of both parts, so it can be split by independent components. `start` is an
    initial price per quarter hour for each member (e.g. from the greedy plan)."""
    mi, fi = cand.member_idx, cand.field_idx
    n_m = len(a.member_ids)
    need = a.need[fi].astype(float)
    cur = np.array([p in a.current for p in zip(mi.tolist(), fi.tolist(), strict=True)])
    bonus = stability * cur
    cap = a.cap.astype(float)
    if start is None:  # each member's value per hour of its best field, scaled down
        start = np.zeros(n_m)
        np.maximum.at(start, mi, a.density[fi] * 0.5)
    lam = start.astype(float).copy()
    # Free hours first: where members have hours to spare this is the optimum's value (every
    # field that can be staffed), which the subgradient steps below approach only slowly.
    value, m_part, f_part, _ = _evaluate(a, mi, fi, need, bonus, cap, np.zeros(n_m))
    best = (value, m_part, f_part)
    theta = 0.5
    stall = 0
    for _ in range(iterations):
        if time.perf_counter() > deadline:
            break
        value, m_part, f_part, x = _evaluate(a, mi, fi, need, bonus, cap, lam)
        if value < best[0] - 1e-9:
            best = (value, m_part, f_part)
            stall = 0
        else:
            stall += 1
            if stall >= 5:  # halve the step when the bound stops improving
                theta, stall = theta / 2, 0
                if theta < 1e-4:
                    break
        g = cap - np.bincount(mi, weights=need * x, minlength=n_m)
        norm = float(g @ g)
        if norm == 0:
            break
        step = theta * max(value - lower, 1e-6 * abs(value)) / norm
        lam = np.maximum(0.0, lam - step * g)
    return best


def _evaluate(
    a: Arrays,
    mi: np.ndarray,
    fi: np.ndarray,
    need: np.ndarray,
    bonus: np.ndarray,
    cap: np.ndarray,
    lam: np.ndarray,
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    n_f = len(a.field_ids)
    v = bonus - lam[mi] * need
    order = np.lexsort((-v, fi))
    f_sorted = fi[order]
    rank = np.arange(len(order)) - np.searchsorted(f_sorted, f_sorted)
    v_sorted = v[order]
    team = a.team[f_sorted]
    take = (rank < team) | ((rank < a.max_team[f_sorted]) & (v_sorted > 0))
    have = np.bincount(fi, minlength=n_f)
    worth = a.weight + np.bincount(f_sorted, weights=v_sorted * take, minlength=n_f)
    staffed = (worth > 0) & (have >= a.team)
    x = np.zeros(len(v))
    x[order] = take & staffed[f_sorted]
    f_part = np.where(staffed, worth, 0.0)
    m_part = lam * cap
    return float(f_part.sum() + m_part.sum()), m_part, f_part, x
