"""Independent constraint checker: re-derives every rule from the instance, in plain Python.

It deliberately shares no code with the solvers (only the data classes and the scalar
haversine), so a bug in the vectorized feasibility code cannot hide itself here.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .model import Instance, Plan, haversine_km

_EPS_H = 1e-6
_EPS_KM = 1e-6


def violations(instance: Instance, plan: Plan) -> list[str]:
    members = {m.id: m for m in instance.members}
    fields = {f.id: f for f in instance.fields}
    out: list[str] = []
    pairs = [(a.member_id, a.field_id) for a in plan.assignments]
    if len(set(pairs)) != len(pairs):
        out.append("duplicate assignments")
    teams: dict[int, list[int]] = defaultdict(list)
    hours: dict[int, float] = defaultdict(float)
    for m_id, f_id in set(pairs):
        if m_id not in members or f_id not in fields:
            out.append(f"assignment ({m_id}, {f_id}) names an unknown member or field")
            continue
        m, f = members[m_id], fields[f_id]
        teams[f_id].append(m_id)
        hours[m_id] += f.hours_per_member
        if f_id in m.excluded_fields:
            out.append(f"member {m_id} assigned to excluded field {f_id}")
        if (
            m.location is not None
            and f.location is not None
            and m.max_distance_km is not None
            and haversine_km(m.location, f.location) > m.max_distance_km + _EPS_KM
        ):
            d = haversine_km(m.location, f.location)
            out.append(f"member {m_id} is {d:.2f} km from field {f_id} (max {m.max_distance_km})")
    for m_id, h in hours.items():
        if h > members[m_id].hours + _EPS_H:
            out.append(f"member {m_id} works {h:g} h, capacity {members[m_id].hours:g} h")
    staffed = set()
    for f_id, team in teams.items():
        f = fields[f_id]
        if len(team) > f.max_team:
            out.append(f"field {f_id} team {len(team)} exceeds max team {f.max_team}")
        if len(team) < max(1, f.min_team):
            out.append(f"field {f_id} team {len(team)} below min team {f.min_team}")
        skills = set().union(*(members[m].skills for m in team))
        langs = set().union(*(members[m].languages for m in team))
        for s in sorted(f.required_skills - skills):
            out.append(f"field {f_id} staffed without skill '{s}'")
        for lang in sorted(f.required_languages - langs):
            out.append(f"field {f_id} staffed without language '{lang}'")
        if (
            len(team) >= max(1, f.min_team)
            and f.required_skills <= skills
            and f.required_languages <= langs
        ):
            staffed.add(f_id)
    if set(plan.staffed_fields) != staffed:
        out.append(
            f"staffed_fields {sorted(plan.staffed_fields)} != actually staffed {sorted(staffed)}"
        )
    expected = sum(fields[f].weight for f in staffed) + instance.stability_weight * sum(
        1 for m, f in set(pairs) if m in members and f in members[m].current_fields
    )
    if not math.isclose(plan.objective, expected, rel_tol=1e-9, abs_tol=1e-6):
        out.append(f"objective {plan.objective} != recomputed {expected}")
    return out
