"""Which member may go to which field, computed with numpy so large instances stay cheap.

A 5,000 x 20,000 instance has 100M member-field combinations; we never build them as
Python objects. Members are processed in blocks against all fields with one matrix product
(unit vectors on the sphere: the dot product gives the great-circle distance).
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

_BLOCK_CELLS = 4_000_000  # member x field cells handled per numpy block (~100 MB peak)


@dataclass(frozen=True)
class Arrays:
    """Column-oriented view of an instance (index = position in instance.members/fields)."""

    member_ids: np.ndarray
    field_ids: np.ndarray
    cap: np.ndarray  # member capacity, quarter hours
    need: np.ndarray  # field hours per member, quarter hours
    m_xyz: np.ndarray
    m_loc: np.ndarray
    m_maxd: np.ndarray  # inf when the member has no distance limit
    f_xyz: np.ndarray
    f_loc: np.ndarray
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
        m_maxd=np.array(
            [np.inf if m.max_distance_km is None else m.max_distance_km for m in members],
            dtype=float,
        ),
        f_xyz=f_xyz,
        f_loc=f_loc,
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
    dist = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2.0))
    dist[~(a.m_loc[mi][:, None] & a.f_loc[fi][None, :])] = np.nan
    return dist


def allowed_block(a: Arrays, mi: np.ndarray, fi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(allowed mask, distance) for members mi x fields fi: exclusions, distance and hours."""
    dist = distances_km(a, mi, fi)
    # NaN distance (unknown location) never blocks: the comparison below is False for NaN.
    ok = ~(dist > a.m_maxd[mi][:, None])
    ok &= a.need[fi][None, :] <= a.cap[mi][:, None]
    if a.excluded:
        col = np.full(len(a.field_ids), -1, dtype=np.int64)
        col[fi] = np.arange(len(fi))
        for r, m in enumerate(mi):
            ex = a.excluded.get(int(m))
            if ex is not None:
                c = col[ex]
                ok[r, c[c >= 0]] = False
    return ok, dist


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


def _blocks(n: int, width: int) -> list[np.ndarray]:
    size = max(1, _BLOCK_CELLS // max(1, width))
    return [np.arange(s, min(n, s + size)) for s in range(0, n, size)]


def candidate_pairs(
    instance: Instance,
    arrays: Arrays | None = None,
    extra: list[tuple[int, int]] | None = None,
) -> Candidates:
    """Member-field pairs allowed by exclusions, distance and hours.

    With instance.max_candidates_per_member = k the set is pruned, because the solver only
    needs the pairs a good plan could use. Kept: each member's k best fields by value per hour
    discounted by distance (nearby fields differ from member to member, which spreads the
    lists over many fields instead of everyone listing the same top fields); for every field
    that made some list, its nearest members and nearest holders of each required skill or
    language (so its team and coverage can still be formed); current assignments; and
    `extra` pairs (index pairs, e.g. a greedy plan so the solver can never do worse).
    """
    a = arrays or arrays_of(instance)
    n_m, n_f = len(a.member_ids), len(a.field_ids)
    k = instance.max_candidates_per_member
    parts: list[tuple[np.ndarray, np.ndarray]] = [
        (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    ]
    if a.current:
        cur = np.array(sorted(a.current), dtype=np.int64)
        ok, _ = allowed_pairs(a, cur[:, 0], cur[:, 1])
        parts.append((cur[ok, 0], cur[ok, 1]))
    if extra:
        ex = np.array(extra, dtype=np.int64).reshape(-1, 2)
        parts.append((ex[:, 0], ex[:, 1]))
    all_f = np.arange(n_f)
    if k is None or k >= n_f:
        for mi in _blocks(n_m, n_f):
            ok, _ = allowed_block(a, mi, all_f)
            r, c = np.nonzero(ok)
            parts.append((mi[r], c))
        return _union(a, parts)
    touched = np.zeros(n_f, dtype=bool)
    useful = a.weight > 0
    for mi in _blocks(n_m, n_f):
        ok, dist = allowed_block(a, mi, all_f)
        ok &= useful[None, :]
        # Value per hour, halved every `half` km, so each member favours strong fields nearby.
        half = np.where(np.isfinite(a.m_maxd[mi]), a.m_maxd[mi] / 2.0, 10.0)[:, None]
        score = a.density[None, :] * np.exp2(-np.nan_to_num(dist, nan=0.0) / half)
        score[~ok] = -1.0
        top = np.argpartition(-score, k - 1, axis=1)[:, :k]
        keep = np.take_along_axis(score, top, axis=1) >= 0
        r = np.repeat(mi[:, None], k, axis=1)[keep]
        c = top[keep]
        parts.append((r, c))
        touched[c] = True
    parts.extend(_field_side(a, np.nonzero(touched)[0]))
    return _union(a, parts)


def _field_side(a: Arrays, fields: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each field, its nearest eligible members and nearest holders of each need."""
    out: list[tuple[np.ndarray, np.ndarray]] = []
    n_m = len(a.member_ids)
    all_m = np.arange(n_m)
    for fi in _blocks(len(fields), n_m):
        fb = fields[fi]
        ok, dist = allowed_block(a, all_m, fb)
        d = np.where(ok, np.nan_to_num(dist, nan=0.0), np.inf).T  # fields x members
        keep_n = min(n_m, int(a.team[fb].max()) * 2 + 2)
        out.append(_nearest(d, fb, keep_n))
        for token, mask in a.holders.items():
            rows = np.array([token in a.requirements[f] for f in fb], dtype=bool)
            if rows.any():
                dt = np.where(mask[None, :], d[rows], np.inf)
                out.append(_nearest(dt, fb[rows], min(n_m, 3)))
    return out


def _nearest(d: np.ndarray, fields: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    top = np.argpartition(d, n - 1, axis=1)[:, :n]
    keep = np.isfinite(np.take_along_axis(d, top, axis=1))
    return top[keep], np.repeat(fields[:, None], n, axis=1)[keep]


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
    return ok, dist, {"too far": int(far.sum()), "excluded": int(excl.sum()),
                      "short of hours": int((short & ~far & ~excl).sum())}


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
                + (f" ({n_out} member{'s' if n_out != 1 else ''} have it but are out of reach)"
                   if n_out else "")
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
