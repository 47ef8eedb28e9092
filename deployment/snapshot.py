"""The planner instance kept with a run (``PlanRun.params["instance"]``): what was planned,
so that edits and the apply step are checked against exactly that. Members' locations are
not kept (they are sealed); ``stored_instance`` decrypts them again under the access layer
(see ``deployment.sealed_inputs``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from deployment import planner
from deployment.models import PlannedAssignment
from deployment.planner.model import staffed
from deployment.sealed_inputs import member_locations

DEFAULT_TIME_LIMIT_S = 10.0


def instance_to_json(instance: planner.Instance) -> dict:
    """The instance kept with a run, without the members' locations: those are sealed and
    decrypted again when the plan is edited or applied (``stored_instance``)."""
    def point(p):
        return list(p) if p is not None else None

    return {
        "stability_weight": instance.stability_weight,
        "time_limit_s": instance.time_limit_s,
        "max_candidates_per_member": instance.max_candidates_per_member,
        "members": [{"id": m.id, "hours": m.hours, "skills": sorted(m.skills),
                     "languages": sorted(m.languages),
                     "max_distance_km": m.max_distance_km,
                     "excluded": sorted(m.excluded_fields), "current": sorted(m.current_fields)}
                    for m in instance.members],
        "fields": [{"id": f.id, "weight": f.weight, "min_team": f.min_team,
                    "max_team": f.max_team, "hours_per_member": f.hours_per_member,
                    "skills": sorted(f.required_skills), "languages": sorted(f.required_languages),
                    "location": point(f.location)} for f in instance.fields],
    }


def instance_from_json(data: dict, locations: dict[int, tuple[float, float]] | None = None
                       ) -> planner.Instance:
    """The stored instance; members' locations from ``locations`` (decrypted by the caller
    under the access layer), none otherwise."""
    def point(p):
        return tuple(p) if p is not None else None

    where = locations or {}
    return planner.Instance(
        members=[planner.Member(
            id=m["id"], hours=m["hours"], skills=frozenset(m["skills"]),
            languages=frozenset(m["languages"]), location=where.get(m["id"]),
            max_distance_km=m["max_distance_km"], excluded_fields=frozenset(m["excluded"]),
            current_fields=frozenset(m["current"])) for m in data.get("members", [])],
        fields=[planner.FieldNeed(
            id=f["id"], weight=f["weight"], min_team=f["min_team"], max_team=f["max_team"],
            hours_per_member=f["hours_per_member"], required_skills=frozenset(f["skills"]),
            required_languages=frozenset(f["languages"]), location=point(f["location"]))
            for f in data.get("fields", [])],
        stability_weight=data.get("stability_weight", 0.0),
        time_limit_s=data.get("time_limit_s", DEFAULT_TIME_LIMIT_S),
        max_candidates_per_member=data.get("max_candidates_per_member"))


def stored_instance(user, data: dict) -> planner.Instance:
    """A run's stored instance with the locations ``user`` may use, decrypted once."""
    ids = [m["id"] for m in data.get("members", [])]
    return instance_from_json(data, member_locations(user, ids).points if ids else None)


# --- a plan's worth in words ---

@dataclass(frozen=True)
class Coverage:
    """How many of the fields a plan was made for get a team: "covers 7 of 9 needs"."""

    covered: int
    needs: int


def coverages(runs: Iterable) -> dict[int, Coverage]:
    """The coverage of each finished run (by run id), from its stored instance and its
    planned assignments (one query for all of them)."""
    runs = [r for r in runs if r.params.get("instance")]
    pairs: dict[int, set[tuple[int, int]]] = defaultdict(set)
    rows = PlannedAssignment.objects.filter(run__in=runs).values_list("run_id", "member_id",
                                                                     "field_id")
    teams = {r.pk: r.team_field_id for r in runs}
    for run_id, member_id, field_id in rows:
        pairs[run_id].add((member_id, field_id if field_id is not None else teams[run_id] or 0))
    out = {}
    for r in runs:
        instance = instance_from_json(r.params["instance"])
        out[r.pk] = Coverage(len(staffed(instance, pairs[r.pk])), len(instance.fields))
    return out
