"""Plain-language reasons for each assignment, and a diff between a plan and the present."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from .model import Instance, Plan, haversine_km


def explain_plan(instance: Instance, plan: Plan) -> Plan:
    """Return the plan with one short explanation per (member id, field id)."""
    members = {m.id: m for m in instance.members}
    fields = {f.id: f for f in instance.fields}
    # Rank among all fields by weight, so "#3 of 500" tells how much the field matters.
    rank = {
        f.id: i + 1 for i, f in enumerate(sorted(instance.fields, key=lambda f: (-f.weight, f.id)))
    }
    used: dict[int, float] = defaultdict(float)
    for a in plan.assignments:
        used[a.member_id] += fields[a.field_id].hours_per_member
    out: dict[tuple[int, int], str] = {}
    for a in plan.assignments:
        m, f = members[a.member_id], fields[a.field_id]
        parts = [f"field {f.id} weight {f.weight:g} (#{rank[f.id]} of {len(fields)})"]
        covers = sorted(f.required_skills & m.skills) + sorted(f.required_languages & m.languages)
        if covers:
            parts.append("covers " + ", ".join(covers))
        if m.location is not None and f.location is not None:
            parts.append(f"{haversine_km(m.location, f.location):.1f} km away")
        parts.append("kept (current)" if f.id in m.current_fields else "new")
        left = m.hours - used[m.id]
        parts.append(f"{f.hours_per_member:g} h here, {left:g} of {m.hours:g} h left")
        out[(m.id, f.id)] = "; ".join(parts)
    return dataclasses.replace(plan, explanations=out)


def compare(current: set[tuple[int, int]], plan: Plan) -> dict[str, list[int]]:
    """What changes if the plan replaces the current (member id, field id) assignments."""
    new = plan.pairs()
    fields_before = {f for _, f in current}
    fields_after = {f for _, f in new}
    by_member_before: dict[int, set[int]] = defaultdict(set)
    by_member_after: dict[int, set[int]] = defaultdict(set)
    for m, f in current:
        by_member_before[m].add(f)
    for m, f in new:
        by_member_after[m].add(f)
    everyone = set(by_member_before) | set(by_member_after)
    moved = sorted(m for m in everyone if by_member_before[m] != by_member_after[m])
    kept = sorted(m for m in everyone if by_member_before[m] == by_member_after[m])
    return {
        "fields_gained": sorted(fields_after - fields_before),
        "fields_lost": sorted(fields_before - fields_after),
        "members_moved": moved,
        "members_kept": kept,
    }
