"""Benchmark of the deployment planner against greedy and the exact HiGHS MILP.

Usage (from the project root):
    .venv/bin/python bench/planner.py [--sizes 20x50,50x120,100x250,200x500,...]
                                      [--exact-timeout 600] [--seed 1] [--stall 5]
                                      [--no-stall-baseline]

Each size is planned twice in the same run: as configured (stopping at a proof or after
--stall seconds without a better plan) and, as the baseline, without the stall stop (a
proof or the time limit), to show what stopping early costs and saves.

Instances are random but seeded: members live in a few cities and accept fields 10-50 km
away; field weights are skewed (a few fields matter a lot); teams of 0-4; skills and
languages come from small sets. No network, no database.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import time
from pathlib import Path
from typing import NotRequired, TypedDict

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deployment.planner import (  # noqa: E402
    FieldNeed,
    Instance,
    Member,
    solve,
    solve_exact,
    solve_greedy,
    violations,
)
from deployment.planner.feasibility import arrays_of, scan_fields  # noqa: E402

CITIES = [  # (lat, lon, share of people)
    ((35.69, 51.39), 0.4),
    ((36.30, 59.60), 0.25),
    ((32.65, 51.67), 0.2),
    ((38.08, 46.29), 0.15),
]
SKILLS = ["union", "legal", "media", "safety", "care"]
LANGS = {"fa": 0.9, "az": 0.2, "ku": 0.1, "ar": 0.05, "en": 0.2}
# Planner settings per size: candidate pruning and the total time budget (seconds). The
# small sizes are not pruned, as the application prunes only above a million combinations
# (deployment.services.PRUNE_ABOVE): their proofs are proofs for the whole problem.
SETTINGS: dict[int, tuple[int | None, float]] = {
    20: (None, 20.0), 50: (None, 20.0), 100: (None, 20.0), 200: (20, 20.0),
    2000: (20, 30.0), 5000: (20, 50.0),
}
DEFAULT_SIZES = "20x50,50x120,100x250,200x500,5000x2000,2000x5000,5000x20000"


def _around(rng: np.random.Generator, n: int, sigma_km: float) -> tuple[np.ndarray, np.ndarray]:
    shares = np.array([s for _, s in CITIES])
    city = rng.choice(len(CITIES), size=n, p=shares / shares.sum())
    lat0 = np.array([CITIES[c][0][0] for c in city])
    lon0 = np.array([CITIES[c][0][1] for c in city])
    dlat = rng.normal(0, sigma_km, n) / 111.0
    dlon = rng.normal(0, sigma_km, n) / (111.0 * np.cos(np.radians(lat0)))
    return city, np.column_stack([lat0 + dlat, lon0 + dlon])


def make_instance(n_members: int, n_fields: int, seed: int) -> Instance:
    rng = np.random.default_rng(seed)
    f_city, f_loc = _around(rng, n_fields, 8.0)
    weights = np.round(np.exp(rng.normal(0.0, 1.0, n_fields)) * 10, 2)
    min_team = rng.choice(5, size=n_fields, p=[0.3, 0.2, 0.25, 0.15, 0.1])
    fields = []
    for i in range(n_fields):
        skills = frozenset(rng.choice(SKILLS, 1)) if rng.random() < 0.3 else frozenset()
        langs = (
            frozenset(rng.choice(["fa", "az", "ku", "ar"], 1, p=[0.5, 0.25, 0.15, 0.1]))
            if rng.random() < 0.25
            else frozenset()
        )
        mt = int(min_team[i])
        fields.append(
            FieldNeed(
                id=i + 1,
                weight=float(weights[i]),
                min_team=mt,
                max_team=max(mt, 1) + int(rng.integers(0, 4)),
                hours_per_member=float(rng.choice([1, 1.5, 2, 3, 4])),
                required_skills=skills,
                required_languages=langs,
                location=(float(f_loc[i, 0]), float(f_loc[i, 1])),
            )
        )
    m_city, m_loc = _around(rng, n_members, 6.0)
    by_city = [np.nonzero(f_city == c)[0] for c in range(len(CITIES))]
    members = []
    for i in range(n_members):
        maxd = float(rng.choice([10, 15, 20, 30, 50]))
        near = by_city[m_city[i]]
        d = _km(m_loc[i], f_loc[near])
        near = near[d <= maxd]
        current: frozenset[int] = frozenset()
        excluded: frozenset[int] = frozenset()
        if len(near) and rng.random() < 0.2:
            current = frozenset({int(rng.choice(near)) + 1})
        if len(near) > 1 and rng.random() < 0.05:
            excluded = frozenset(int(x) + 1 for x in rng.choice(near, 2)) - current
        members.append(
            Member(
                id=i + 1,
                hours=float(rng.choice([2, 3, 4, 5, 6, 8, 10])),
                skills=frozenset(s for s in SKILLS if rng.random() < 0.15),
                languages=frozenset(lang for lang, p in LANGS.items() if rng.random() < p),
                location=(float(m_loc[i, 0]), float(m_loc[i, 1])),
                max_distance_km=maxd,
                excluded_fields=excluded,
                current_fields=current,
            )
        )
    return Instance(members=members, fields=fields, stability_weight=0.5)


def _km(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    lat1, lon1 = np.radians(p)
    lat2, lon2 = np.radians(q[:, 0]), np.radians(q[:, 1])
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _fmt(v: float, spec: str = ".1f") -> str:
    bad = v is None or (isinstance(v, float) and not math.isfinite(v))
    return "-" if bad else format(v, spec)


class Row(TypedDict):
    """One size's measurements: one line of the table (format_row)."""

    size: str
    k: int | None
    limit: float
    plan_s: float
    stopped: str
    base_s: float  # the baseline: the same planner without the stall stop
    base_obj: float
    base_stopped: str
    obj: float
    bound: float
    gap: float
    status: str
    greedy_s: float
    greedy: float
    viol: int
    exact_s: float
    exact: float
    exact_bound: float
    exact_status: str
    pairs: NotRequired[int]  # set once the eligibility scan has run


def run(
    size: str, exact_timeout: float, exact_max_pairs: int, seed: int, stall: float | None,
    baseline: bool,
) -> Row:
    n_m, n_f = (int(v) for v in size.lower().split("x"))
    k, limit = SETTINGS.get(n_m, (20, 50.0))
    inst = make_instance(n_m, n_f, seed)
    inst = dataclasses.replace(inst, max_candidates_per_member=k, time_limit_s=limit)
    if stall is not None:
        inst = dataclasses.replace(inst, stall_s=stall)
    t = time.perf_counter()
    plan = solve(inst)
    t_plan = time.perf_counter() - t
    base_s, base_obj, base_stopped = math.nan, math.nan, "skipped"
    if baseline:
        t = time.perf_counter()
        base = solve(dataclasses.replace(inst, stall_s=None))
        base_s, base_obj = time.perf_counter() - t, base.objective
        base_stopped = str(base.stopped_because)
    t = time.perf_counter()
    greedy = solve_greedy(inst)
    t_greedy = time.perf_counter() - t
    row: Row = {
        "size": f"{n_m}x{n_f}",
        "k": k,
        "limit": limit,
        "plan_s": t_plan,
        "stopped": str(plan.stopped_because),
        "base_s": base_s,
        "base_obj": base_obj,
        "base_stopped": base_stopped,
        "obj": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "status": plan.status,
        "greedy_s": t_greedy,
        "greedy": greedy.objective,
        "viol": len(violations(inst, plan)) + len(violations(inst, greedy)),
        "exact_s": math.nan,
        "exact": math.nan,
        "exact_bound": math.nan,
        "exact_status": "skipped",
    }
    n_pairs = len(scan_fields(arrays_of(inst), proposals=False).members)
    row["pairs"] = n_pairs
    if exact_timeout > 0 and n_pairs > exact_max_pairs:
        row["exact_status"] = f"skipped: {n_pairs / 1e6:.1f}M pairs > --exact-max-pairs"
    elif exact_timeout > 0:
        t = time.perf_counter()
        ex = solve_exact(inst, time_limit_s=exact_timeout)
        row.update({
            "exact_s": time.perf_counter() - t,
            "exact": ex.objective,
            "exact_bound": ex.bound,
            "exact_status": ex.status,
        })
        row["viol"] += len(violations(inst, ex)) if ex.assignments else 0
    return row


HEADER = (
    "| size | allowed pairs | K | limit s | planner s | stopped because | objective | bound "
    "| gap | status | no-stall s | no-stall stopped | no-stall obj | obj/no-stall obj "
    "| greedy s | greedy obj | exact s | exact obj | exact bound | exact status | obj/greedy "
    "| obj/exact | obj/exact bound | exact s / planner s | violations |"
)


def format_row(r: Row) -> str:
    obj, gr, ex, eb = r["obj"], r["greedy"], r["exact"], r["exact_bound"]
    cells = [
        r["size"],
        f"{int(r['pairs']):,}",
        r["k"] or "all",
        _fmt(r["limit"], "g"),
        _fmt(r["plan_s"]),
        r["stopped"],
        _fmt(obj, ".2f"),
        _fmt(r["bound"], ".2f"),
        _fmt(100 * r["gap"], ".2f") + "%",
        r["status"],
        _fmt(r["base_s"]),
        r["base_stopped"],
        _fmt(r["base_obj"], ".2f"),
        _fmt(obj / r["base_obj"] if r["base_obj"] else math.nan, ".4f"),
        _fmt(r["greedy_s"]),
        _fmt(gr, ".2f"),
        _fmt(r["exact_s"]),
        _fmt(ex, ".2f"),
        _fmt(eb, ".2f"),
        r["exact_status"],
        _fmt(obj / gr, ".4f"),
        _fmt(obj / ex if ex else math.nan, ".4f"),
        _fmt(obj / eb if eb and math.isfinite(eb) else math.nan, ".4f"),
        _fmt(r["exact_s"] / r["plan_s"], ".1f"),
        r["viol"],
    ]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default=DEFAULT_SIZES)
    ap.add_argument(
        "--exact-timeout",
        type=float,
        default=600.0,
        help="time limit of the exact MILP in seconds (0 skips it)",
    )
    ap.add_argument(
        "--exact-max-pairs",
        type=int,
        default=5_000_000,
        help="skip the exact MILP above this many allowed member-field pairs (memory)",
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--stall",
        type=float,
        default=None,
        help="seconds without a better plan before the planner stops (default: the planner's)",
    )
    ap.add_argument(
        "--no-stall-baseline",
        dest="baseline",
        action="store_false",
        help="skip the second planner run without the stall stop",
    )
    args = ap.parse_args()
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for size in args.sizes.split(","):
        row = run(size, args.exact_timeout, args.exact_max_pairs, args.seed, args.stall,
                  args.baseline)
        print(format_row(row), flush=True)


if __name__ == "__main__":
    main()
