"""Which member may go to which field, computed with numpy so large instances stay cheap.

A 5,000 x 20,000 instance has 100M member-field combinations; we never build them as
Python objects. Fields are processed in spatial blocks against the members that can reach
the block (grid bucketing), with one matrix product per block (unit vectors on the sphere:
the dot product orders great-circle distances, no trigonometry per pair).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .model import (
    EARTH_RADIUS_KM,
    Instance,
    hour_units_capacity,
    hour_units_need,
)

# Pruning: each field proposes its team size + FIELD_SPARE nearest eligible members, and the
# HOLDER_SPARE nearest holders of each skill/language it requires.
FIELD_SPARE = 2
HOLDER_SPARE = 3


@dataclass(frozen=True)
class Arrays:
    """Column-oriented view of an instance (index = position in instance.members/fields)."""

    member_ids: np.ndarray
    field_ids: np.ndarray
    cap: np.ndarray  # member capacity, quarter hours
    need: np.ndarray  # field hours per member, quarter hours
    m_xyz: np.ndarray
    m_loc: np.ndarray
    m_latlon: np.ndarray  # degrees, (0, 0) when unknown
    m_maxd: np.ndarray  # inf when the member has no distance limit
    f_xyz: np.ndarray
    f_loc: np.ndarray
    f_latlon: np.ndarray
    weight: np.ndarray
    team: np.ndarray  # smallest team that counts as staffed
    max_team: np.ndarray
    density: np.ndarray  # weight per quarter hour of the smallest team
    excluded: dict[int, np.ndarray]  # member index -> excluded field indices
    excluded_by_field: dict[int, np.ndarray]  # field index -> member indices excluding it
    current: set[tuple[int, int]]  # (member index, field index)
    holders: dict[tuple[str, str], np.ndarray]  # ("skill"|"language", token) -> bool mask
    requirements: list[list[tuple[str, str]]]  # per field, the tokens it needs covered


def _xyz(points: list[tuple[float, float] | None]) -> tuple[np.ndarray, np.ndarray]:
    has = np.array([p is not None for p in points], dtype=bool)
    lat = np.radians(np.array([p[0] if p else 0.0 for p in points], dtype=float))
    lon = np.radians(np.array([p[1] if p else 0.0 for p in points], dtype=float))
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    return xyz.reshape(len(points), 3), has


def arrays_of(instance: Instance) -> Arrays:
    members, fields = list(instance.members), list(instance.fields)
    f_index = {f.id: i for i, f in enumerate(fields)}
    m_xyz, m_loc = _xyz([m.location for m in members])
    f_xyz, f_loc = _xyz([f.location for f in fields])
    need = np.array([hour_units_need(f.hours_per_member) for f in fields], dtype=np.int64)
    team = np.array([f.team_needed for f in fields], dtype=np.int64)
    weight = np.array([f.weight for f in fields], dtype=float)
    holders: dict[tuple[str, str], np.ndarray] = {}
    requirements = []
    by_field: dict[int, list[int]] = {}
    for i, m in enumerate(members):
        for x in m.excluded_fields:
            by_field.setdefault(f_index[x], []).append(i)
    for f in fields:
        reqs = [("skill", s) for s in sorted(f.required_skills)]
        reqs += [("language", lang) for lang in sorted(f.required_languages)]
        requirements.append(reqs)
        for kind, token in reqs:
            if (kind, token) not in holders:
                attr = "skills" if kind == "skill" else "languages"
                holders[kind, token] = np.array(
                    [token in getattr(m, attr) for m in members], dtype=bool
                )
    return Arrays(
        member_ids=np.array([m.id for m in members], dtype=np.int64),
        field_ids=np.array([f.id for f in fields], dtype=np.int64),
        cap=np.array([hour_units_capacity(m.hours) for m in members], dtype=np.int64),
        need=need,
        m_xyz=m_xyz,
        m_loc=m_loc,
        m_latlon=np.array([m.location or (0.0, 0.0) for m in members], dtype=float).reshape(-1, 2),
        m_maxd=np.array(
            [np.inf if m.max_distance_km is None else m.max_distance_km for m in members],
            dtype=float,
        ),
        f_xyz=f_xyz,
        f_loc=f_loc,
        f_latlon=np.array([f.location or (0.0, 0.0) for f in fields], dtype=float).reshape(-1, 2),
        weight=weight,
        team=team,
        max_team=np.array([f.max_team for f in fields], dtype=np.int64),
        density=weight / (team * need),
        excluded={
            i: np.array(sorted(f_index[x] for x in m.excluded_fields), dtype=np.int64)
            for i, m in enumerate(members)
            if m.excluded_fields
        },
        excluded_by_field={f: np.array(v, dtype=np.int64) for f, v in by_field.items()},
        current={(i, f_index[x]) for i, m in enumerate(members) for x in m.current_fields},
        holders=holders,
        requirements=requirements,
    )


def distances_km(a: Arrays, mi: np.ndarray, fi: np.ndarray) -> np.ndarray:
    """Distance matrix (len(mi) x len(fi)); NaN where either side has no location."""
    dot = a.m_xyz[mi] @ a.f_xyz[fi].T
    chord = np.sqrt(np.clip(2.0 - 2.0 * dot, 0.0, 4.0))
    dist: np.ndarray = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))
    dist[~(a.m_loc[mi][:, None] & a.f_loc[fi][None, :])] = np.nan
    return dist


@dataclass(frozen=True)
class Candidates:
    """Allowed member-field pairs as parallel index arrays (positions, not ids)."""

    member_idx: np.ndarray
    field_idx: np.ndarray
    distance_km: np.ndarray  # NaN when unknown

    def __len__(self) -> int:
        return len(self.member_idx)

    def id_pairs(self, a: Arrays) -> set[tuple[int, int]]:
        return set(
            zip(
                a.member_ids[self.member_idx].tolist(),
                a.field_ids[self.field_idx].tolist(),
                strict=True,
            )
        )


def _union(a: Arrays, parts: list[tuple[np.ndarray, np.ndarray]]) -> Candidates:
    mi = np.concatenate([p[0] for p in parts]).astype(np.int64)
    fi = np.concatenate([p[1] for p in parts]).astype(np.int64)
    key = np.unique(mi * len(a.field_ids) + fi)
    mi, fi = key // len(a.field_ids), key % len(a.field_ids)
    dist = np.full(len(mi), np.nan)
    both = a.m_loc[mi] & a.f_loc[fi]
    dot = np.einsum("ij,ij->i", a.m_xyz[mi[both]], a.f_xyz[fi[both]])
    chord = np.sqrt(np.clip(2.0 - 2.0 * dot, 0.0, 4.0))
    dist[both] = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))
    return Candidates(mi, fi, dist)


@dataclass(frozen=True)
class FieldScan:
    """Eligible members of every field and the pruning proposals."""

    start: np.ndarray  # members of field f are members[start[f]:start[f] + count[f]]
    count: np.ndarray
    members: np.ndarray
    proposals: list[tuple[np.ndarray, np.ndarray]]  # (member idx, field idx) parts

    def of(self, f: int) -> np.ndarray:
        return self.members[self.start[f] : self.start[f] + self.count[f]]

    def all_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        fields = np.repeat(np.arange(len(self.count)), self.count)
        starts = np.repeat(self.start, self.count)
        within = np.arange(len(fields)) - np.repeat(np.cumsum(self.count) - self.count, self.count)
        return self.members[starts + within].astype(np.int64), fields


def scan_fields(a: Arrays, proposals: bool = True, block: int = 512) -> FieldScan:
    """One blocked pass over fields x members: who may go where (exclusions, distance,
    hours) and, for pruning, each field's nearest members and nearest holders of each need.
    Each field proposes its team size + FIELD_SPARE nearest members, so every field can still
    get a team and members are spread over all fields instead of all listing the same top
    fields.

    Fields are visited in spatial order and each block only looks at members whose reach
    can touch the block's bounding box (grid bucketing), so cities far apart cost nothing.
    """
    n_m, n_f = len(a.member_ids), len(a.field_ids)
    start = np.zeros(n_f, dtype=np.int64)
    count = np.zeros(n_f, dtype=np.int64)
    chunks: list[np.ndarray] = []
    props: list[tuple[np.ndarray, np.ndarray]] = []
    # Distance test in dot-product space (no trigonometry per cell): for unit vectors,
    # great-circle distance <= d  <=>  dot >= 1 - 2 sin^2(d / 2R).
    half_angle = np.sin(np.minimum(a.m_maxd, np.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM))
    thr = np.where(np.isfinite(a.m_maxd) & a.m_loc, 1.0 - 2.0 * half_angle**2, -np.inf)
    limited = np.isfinite(thr)
    # Reach in degrees (+1% and a little more for safety; the exact test is the dot product).
    reach_lat = np.where(limited, a.m_maxd / 111.0 * 1.01 + 1e-3, np.inf)
    cell = np.floor(a.f_latlon / 0.1)
    order = np.lexsort((cell[:, 1], cell[:, 0], ~a.f_loc))  # located fields first, by cell
    offset = 0
    for s in range(0, n_f, block):
        fb = order[s : s + block]
        located = a.f_loc[fb]
        if located.all():
            lat, lon = a.f_latlon[fb, 0], a.f_latlon[fb, 1]
            cos_min = np.cos(np.radians(min(89.0, float(np.abs(lat).max()) + 1.0)))
            m_lat, m_lon = a.m_latlon[:, 0], a.m_latlon[:, 1]
            near_lat = (m_lat >= lat.min() - reach_lat) & (m_lat <= lat.max() + reach_lat)
            mid = (lon.min() + lon.max()) / 2
            dlon = np.abs((m_lon - mid + 180.0) % 360.0 - 180.0)
            near_lon = dlon <= (lon.max() - lon.min()) / 2 + reach_lat / cos_min
            ms = np.nonzero(near_lat & near_lon | ~limited)[0]
        else:
            ms = np.arange(n_m)
        dot = a.f_xyz[fb] @ a.m_xyz[ms].T  # fields x members
        if not located.all() or not a.m_loc[ms].all():
            # Unknown locations never block and count as "near" for the proposals.
            dot[~located, :] = 1.0
            dot[:, ~a.m_loc[ms]] = 1.0
        ok = dot >= thr[ms][None, :]
        ok &= a.need[fb][:, None] <= a.cap[ms][None, :]
        col = None
        for r, f in enumerate(fb.tolist()):
            ex = a.excluded_by_field.get(f)
            if ex is not None:
                if col is None:
                    col = np.full(n_m, -1)
                    col[ms] = np.arange(len(ms))
                c = col[ex]
                ok[r, c[c >= 0]] = False
        cnt = ok.sum(axis=1)
        count[fb] = cnt
        start[fb] = offset + np.cumsum(cnt) - cnt
        offset += int(cnt.sum())
        flat = np.flatnonzero(ok)
        chunks.append(ms[flat % len(ms)].astype(np.int32) if len(ms) else flat.astype(np.int32))
        if not proposals or len(ms) == 0:
            continue
        d = np.where(ok, -dot, np.inf)  # smaller = nearer
        useful = a.weight[fb] > 0
        for team in np.unique(a.team[fb]):
            rows = (a.team[fb] == team) & useful
            if rows.any():
                props.append(_nearest(d[rows], fb[rows], ms, int(team) + FIELD_SPARE))
        for token, mask in a.holders.items():
            rows = np.array([token in a.requirements[f] for f in fb], dtype=bool) & useful
            if rows.any():
                dt = np.where(mask[ms][None, :], d[rows], np.inf)
                props.append(_nearest(dt, fb[rows], ms, HOLDER_SPARE))
    members = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
    return FieldScan(start, count, members, props)


def candidate_pairs(
    instance: Instance,
    arrays: Arrays | None = None,
    extra: list[tuple[int, int]] | None = None,
    scan: FieldScan | None = None,
) -> Candidates:
    """Member-field pairs allowed by exclusions, distance and hours.

    With instance.max_candidates_per_member = k the set is pruned, because the solver only
    needs pairs a good plan could use: every field worth something proposes its nearest
    eligible members (a few more than its team needs) and nearest holders of each required
    skill or language (see scan_fields); then each member keeps only its k best proposals
    (value per hour, discounted by distance). Current assignments and `extra` index pairs
    (e.g. a greedy plan, so the solver can never do worse than it) are always kept when
    allowed.
    """
    a = arrays or arrays_of(instance)
    k = instance.max_candidates_per_member
    if scan is None or (k is not None and not scan.proposals):
        scan = scan_fields(a, proposals=k is not None)
    kept: list[tuple[np.ndarray, np.ndarray]] = [
        (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    ]
    if a.current:
        cur = np.array(sorted(a.current), dtype=np.int64)
        ok, _ = allowed_pairs(a, cur[:, 0], cur[:, 1])
        kept.append((cur[ok, 0], cur[ok, 1]))
    if extra:
        ex = np.array(extra, dtype=np.int64).reshape(-1, 2)
        kept.append((ex[:, 0], ex[:, 1]))
    if k is None:
        kept.append(scan.all_pairs())
        return _union(a, kept)
    proposed = _union(a, scan.proposals or kept[:1])
    mi, fi = proposed.member_idx, proposed.field_idx
    half = np.where(np.isfinite(a.m_maxd[mi]), a.m_maxd[mi] / 2.0, 10.0)
    score = a.density[fi] * np.exp2(-np.nan_to_num(proposed.distance_km, nan=0.0) / half)
    order = np.lexsort((-score, mi))
    mi, fi = mi[order], fi[order]
    first = np.searchsorted(mi, mi)  # position of each member's first proposal
    best = np.arange(len(mi)) - first < k
    kept.append((mi[best], fi[best]))
    return _union(a, kept)


def _nearest(
    d: np.ndarray, fields: np.ndarray, ms: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The n smallest finite entries of each row of d: (member idx, field idx)."""
    n = min(n, d.shape[1])
    top = np.argpartition(d, n - 1, axis=1)[:, :n]
    keep = np.isfinite(np.take_along_axis(d, top, axis=1))
    return ms[top[keep]], np.repeat(fields[:, None], n, axis=1)[keep]


def allowed_pairs(a: Arrays, mi: np.ndarray, fi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(allowed, distance) for explicit parallel pairs (mi[k], fi[k])."""
    dist = np.full(len(mi), np.nan)
    both = a.m_loc[mi] & a.f_loc[fi]
    dot = np.einsum("ij,ij->i", a.m_xyz[mi[both]], a.f_xyz[fi[both]])
    chord = np.sqrt(np.clip(2.0 - 2.0 * dot, 0.0, 4.0))
    dist[both] = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))
    ok = ~(dist > a.m_maxd[mi]) & (a.need[fi] <= a.cap[mi])
    for k, (m, f) in enumerate(zip(mi.tolist(), fi.tolist(), strict=True)):
        ex = a.excluded_by_field.get(f)
        if ex is not None and m in ex:
            ok[k] = False
    return ok, dist


def eligible_for_field(a: Arrays, f: int) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """(eligible mask over members, distances, counts of members blocked per reason)."""
    all_m = np.arange(len(a.member_ids))
    dist = distances_km(a, all_m, np.array([f]))[:, 0]
    far = dist > a.m_maxd
    short = a.need[f] > a.cap
    excl = np.zeros(len(all_m), dtype=bool)
    excl[a.excluded_by_field.get(f, np.zeros(0, dtype=np.int64))] = True
    ok = ~far & ~short & ~excl
    return (
        ok,
        dist,
        {
            "too far": int(far.sum()),
            "excluded": int(excl.sum()),
            "short of hours": int((short & ~far & ~excl).sum()),
        },
    )


def explain_infeasible(instance: Instance, field_id: int) -> list[str]:
    """Human-readable reasons why a field cannot be staffed at all, even on its own."""
    a = arrays_of(instance)
    idx = {int(v): i for i, v in enumerate(a.field_ids)}
    if field_id not in idx:
        return [f"unknown field id {field_id}"]
    f = idx[field_id]
    fn = instance.fields[f]
    ok, _, blocked = eligible_for_field(a, f)
    n_ok = int(ok.sum())
    why = ", ".join(f"{n} {r}" for r, n in blocked.items() if n)
    reasons = []
    if n_ok < fn.team_needed:
        what = "min team" if fn.min_team else "needs at least"
        reasons.append(
            f"{what} {fn.team_needed} but only {n_ok} eligible member"
            f"{'' if n_ok == 1 else 's'}" + (f" ({why})" if why else "")
        )
    sigs = []
    for kind, token in a.requirements[f]:
        held = a.holders[kind, token]
        n_in = int((held & ok).sum())
        if n_in == 0:
            verb = "held by" if kind == "skill" else "spoken by"
            n_out = int(held.sum())
            reasons.append(
                f"{kind} '{token}' not {verb} any eligible member"
                + (
                    f" ({n_out} member{'s' if n_out != 1 else ''} have it but are out of reach)"
                    if n_out
                    else ""
                )
            )
        sigs.append(held & ok)
    if not reasons and sigs and fn.max_team < len(sigs):
        # Coverage could need more people than the team allows; check the smallest cover.
        cover = _min_cover(np.array(sigs).T[ok])
        if cover is None or cover > fn.max_team:
            needs = ", ".join(f"'{t}'" for _, t in a.requirements[f])
            reasons.append(
                f"max team {fn.max_team} is too small: covering {needs} takes "
                f"{cover} eligible members"
            )
    if fn.weight <= 0 and not reasons:
        reasons.append("weight is 0: staffing it gains nothing")
    return reasons


def _min_cover(rows: np.ndarray) -> int | None:
    """Fewest rows whose OR is all True (rows are member coverage signatures)."""
    sigs = {tuple(r) for r in rows.tolist()}
    need = rows.shape[1]
    for size in range(1, need + 1):
        for combo in itertools.combinations(sigs, size):
            if all(any(s[j] for s in combo) for j in range(need)):
                return size
    return None
