"""Plain-language reasons for each assignment, and a diff between a plan and the present."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from .model import Instance, Plan, Reason, haversine_km


def gettext_noop(message: str) -> str:
    """Marks a message for the translators (makemessages finds this name) without importing
    Django here: the application translates each part when it shows it."""
    return message


# The parts of an explanation, in English; params are JSON values. "field" is a field id,
# written "field 12" here and replaced by the field's name where it is shown.
WEIGHT = gettext_noop("%(field)s weight %(weight)s (#%(rank)s of %(of)s)")
COVERS = gettext_noop("covers %(what)s")
DISTANCE = gettext_noop("%(km)s km away")
KEPT = gettext_noop("kept (current)")
NEW = gettext_noop("new")
HOURS = gettext_noop("%(hours)s h here, %(left)s of %(capacity)s h left")
# Why the search stopped (Plan.stop_reason): one of these per plan. Where the plan is shown
# its solving time and time limit are shown beside it.
STOPPED_OPTIMAL = gettext_noop("proven the best plan among the assignments considered")
STOPPED_STALL = gettext_noop("stopped early: no better plan found in %(stall)s s")
STOPPED_TIME = gettext_noop("stopped at the time limit, not proven the best")
_STOPPED = {"optimal": STOPPED_OPTIMAL, "stall": STOPPED_STALL, "time limit": STOPPED_TIME}


def reason_text(reason: Reason) -> str:
    """The English text of a reason ('field 12 weight 3 (#1 of 9); new; ...')."""
    return "; ".join(template % ({**params, "field": f"field {params['field']}"}
                                 if "field" in params else params)
                     for template, params in reason)


def stop_reason(instance: Instance, plan: Plan) -> Reason:
    """Why the search returned, as parts to translate; () for a plan that is no search."""
    if plan.stopped_because is None:
        return ()
    params = {"stall": f"{instance.stall_s:g}"} if plan.stopped_because == "stall" else {}
    return ((_STOPPED[plan.stopped_because], params),)


def explain_plan(instance: Instance, plan: Plan) -> Plan:
    """Return the plan with one short reason per (member id, field id), as parts to
    translate (``reasons``) and as English text (``explanations``), and why the search
    stopped (``stop_reason``)."""
    members = {m.id: m for m in instance.members}
    fields = {f.id: f for f in instance.fields}
    # Rank among all fields by weight, so "#3 of 500" tells how much the field matters.
    rank = {
        f.id: i + 1 for i, f in enumerate(sorted(instance.fields, key=lambda f: (-f.weight, f.id)))
    }
    used: dict[int, float] = defaultdict(float)
    for a in plan.assignments:
        used[a.member_id] += fields[a.field_id].hours_per_member
    reasons: dict[tuple[int, int], Reason] = {}
    for a in plan.assignments:
        m, f = members[a.member_id], fields[a.field_id]
        parts = [(WEIGHT, {"field": f.id, "weight": f"{f.weight:g}", "rank": rank[f.id],
                           "of": len(fields)})]
        covers = sorted(f.required_skills & m.skills) + sorted(f.required_languages & m.languages)
        if covers:
            parts.append((COVERS, {"what": ", ".join(covers)}))
        if m.location is not None and f.location is not None:
            parts.append((DISTANCE, {"km": f"{haversine_km(m.location, f.location):.1f}"}))
        parts.append((KEPT, {}) if f.id in m.current_fields else (NEW, {}))
        left = m.hours - used[m.id]
        parts.append((HOURS, {"hours": f"{f.hours_per_member:g}", "left": f"{left:g}",
                              "capacity": f"{m.hours:g}"}))
        reasons[(m.id, f.id)] = tuple(parts)
    return dataclasses.replace(plan, reasons=reasons, stop_reason=stop_reason(instance, plan),
                               explanations={k: reason_text(r) for k, r in reasons.items()})


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
