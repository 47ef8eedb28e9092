"""Planner inputs: validation messages, feasibility filtering and infeasibility reasons."""

from __future__ import annotations

import dataclasses
import re

import pytest

from deployment.planner import (
    FieldNeed,
    Instance,
    Member,
    PlanningInputError,
    candidate_pairs,
    explain_infeasible,
    solve,
    validate,
)
from deployment.planner.feasibility import arrays_of

TEHRAN = (35.70, 51.40)
KARAJ = (35.83, 50.99)  # about 40 km from Tehran


def _ok() -> Instance:
    return Instance(
        members=[Member(id=1, hours=4), Member(id=2, hours=2)],
        fields=[FieldNeed(id=10, weight=1), FieldNeed(id=11, weight=2, min_team=2, max_team=3)],
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda i: dataclasses.replace(i, time_limit_s=0), "time limit"),
        (lambda i: dataclasses.replace(i, stability_weight=-1), "stability weight"),
        (lambda i: dataclasses.replace(i, max_candidates_per_member=0), "max candidates"),
        (lambda i: dataclasses.replace(i, stall_s=0), "stall must be a positive"),
        (lambda i: dataclasses.replace(i, stall_s=float("nan")), "stall must be a positive"),
        (
            lambda i: dataclasses.replace(i, members=[Member(id=1, hours=-1)]),
            "member 1: hours must be >= 0",
        ),
        (
            lambda i: dataclasses.replace(i, members=[Member(id=1, hours=1)] * 2),
            "duplicate member id 1",
        ),
        (
            lambda i: dataclasses.replace(i, fields=[FieldNeed(id=3, weight=1)] * 2),
            "duplicate field id 3",
        ),
        (
            lambda i: dataclasses.replace(i, fields=[FieldNeed(id=3, weight=1, min_team=4)]),
            "field 3: min team 4 is larger than max team 1",
        ),
        (
            lambda i: dataclasses.replace(
                i, fields=[FieldNeed(id=3, weight=1, hours_per_member=0)]
            ),
            "field 3: hours per member must be > 0",
        ),
        (
            lambda i: dataclasses.replace(
                i, members=[Member(id=1, hours=1, excluded_fields=frozenset({99}))]
            ),
            "member 1: unknown excluded field ids [99]",
        ),
        (
            lambda i: dataclasses.replace(
                i, members=[Member(id=1, hours=1, current_fields=frozenset({98}))]
            ),
            "member 1: unknown current field ids [98]",
        ),
        (
            lambda i: dataclasses.replace(i, members=[Member(id=1, hours=1, location=(95.0, 0.0))]),
            "is not a (latitude, longitude)",
        ),
        (
            lambda i: dataclasses.replace(i, members=[Member(id=1, hours=1, max_distance_km=-5)]),
            "max distance must be >= 0 km",
        ),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(change, message: str) -> None:
    validate(_ok())
    bad = change(_ok())
    with pytest.raises(PlanningInputError, match=re.escape(message)):
        validate(bad)
    with pytest.raises(PlanningInputError):
        solve(bad)


def test_candidate_pairs_respect_exclusion_distance_and_hours() -> None:
    members = [
        Member(id=1, hours=4, location=TEHRAN, max_distance_km=10),  # Karaj too far
        Member(id=2, hours=4, location=TEHRAN, max_distance_km=50),
        Member(id=3, hours=1, location=TEHRAN),  # not enough hours for field 20
        Member(id=4, hours=4, excluded_fields=frozenset({10})),
    ]
    fields = [
        FieldNeed(id=10, weight=1, location=TEHRAN),
        FieldNeed(id=20, weight=1, location=KARAJ, hours_per_member=2),
    ]
    inst = Instance(members=members, fields=fields)
    a = arrays_of(inst)
    pairs = candidate_pairs(inst).id_pairs(a)
    assert pairs == {(1, 10), (2, 10), (2, 20), (3, 10), (4, 20)}


def test_pruning_always_keeps_current_assignments() -> None:
    fields = [FieldNeed(id=i, weight=float(i)) for i in range(1, 30)]
    members = [Member(id=1, hours=10, current_fields=frozenset({1}))]
    inst = Instance(members=members, fields=fields, max_candidates_per_member=3)
    pairs = candidate_pairs(inst).id_pairs(arrays_of(inst))
    assert (1, 1) in pairs
    assert len(pairs) <= 4


def test_infeasible_request_names_the_blocking_constraint() -> None:
    members = [
        Member(id=1, hours=4, languages=frozenset({"ku"}), location=TEHRAN, max_distance_km=20),
        Member(id=2, hours=4, location=TEHRAN, max_distance_km=20),
        Member(id=3, hours=4, location=KARAJ, max_distance_km=10),  # too far
        Member(id=4, hours=1, location=TEHRAN),  # short of hours
        Member(id=5, hours=4, skills=frozenset({"union"}), excluded_fields=frozenset({1})),
    ]
    fields = [
        FieldNeed(
            id=1,
            weight=9,
            min_team=4,
            max_team=5,
            hours_per_member=2,
            required_skills=frozenset({"union"}),
            required_languages=frozenset({"ku"}),
            location=TEHRAN,
        )
    ]
    inst = Instance(members=members, fields=fields)
    reasons = explain_infeasible(inst, 1)
    text = " | ".join(reasons)
    assert "min team 4 but only 2 eligible members" in text
    assert "1 too far" in text and "1 excluded" in text and "1 short of hours" in text
    assert "skill 'union' not held by any eligible member" in text
    assert not any("'ku'" in r for r in reasons)  # member 1 speaks ku and is eligible
    plan = solve(inst)
    assert plan.staffed_fields == frozenset() and plan.objective == 0


def test_explain_infeasible_on_a_staffable_field_is_empty_and_max_team_cover() -> None:
    members = [
        Member(id=1, hours=4, skills=frozenset({"a"})),
        Member(id=2, hours=4, skills=frozenset({"b"})),
    ]
    ok = FieldNeed(id=1, weight=1, max_team=2, required_skills=frozenset({"a", "b"}))
    tight = FieldNeed(id=2, weight=1, max_team=1, required_skills=frozenset({"a", "b"}))
    inst = Instance(members=members, fields=[ok, tight])
    assert explain_infeasible(inst, 1) == []
    assert "max team 1 is too small" in explain_infeasible(inst, 2)[0]
    assert explain_infeasible(inst, 3) == ["unknown field id 3"]
