"""do_edit_plan: remove or add planned assignments, re-checked against every rule."""

import pytest
from django.core.exceptions import ValidationError

from deployment.actions import do_edit_plan
from deployment.models import PlannedAssignment

pytestmark = pytest.mark.django_db


def _pairs(run):
    return set(PlannedAssignment.objects.filter(run=run).values_list("member_id", "field_id"))


def test_it_takes_a_whole_field_out_and_recomputes_the_objective(north):
    run = north.plan()
    depot = north.fields["depot"].pk
    do_edit_plan(acting_user=north.planner, run=run, op="remove_field", field_id=depot)
    run.refresh_from_db()
    assert run.objective == pytest.approx(9.5 - 3) and run.edited and run.revision == 1
    assert depot not in {f for _, f in _pairs(run)}
    assert depot in run.diff["fields_lost"] or depot not in run.diff["fields_gained"]
    assert run.unstaffed[str(depot)] == ["taken out of the plan by hand"]
    assert run.gap > 0


def test_it_refuses_an_edit_that_leaves_a_token_team(north):
    run = north.plan()
    before = _pairs(run)
    member = north.person("alias-cella-1").pk
    with pytest.raises(ValidationError) as error:
        do_edit_plan(acting_user=north.planner, run=run, op="remove", member_id=member,
                     field_id=north.fields["steel"].pk)
    text = " ".join(error.value.messages)
    assert "breaks a rule" in text and "“Steel Mill” team 1 below min team 2" in text
    run.refresh_from_db()
    assert _pairs(run) == before and run.revision == 0 and not run.edited


def test_it_refuses_adding_a_member_beyond_their_hours(north):
    run = north.plan()
    depot, steel = north.fields["depot"].pk, north.fields["steel"].pk
    member = north.person("alias-cella-2").pk
    # Only alias-cella-1 and alias-cella-2 have 3 h for the Steel Mill (besides other work).
    assert (member, steel) in _pairs(run)
    do_edit_plan(acting_user=north.planner, run=run, op="remove_field", field_id=depot)
    with pytest.raises(ValidationError, match="alias-cella-2 works 5 h, capacity 4 h"):
        do_edit_plan(acting_user=north.planner, run=run, op="add", member_id=member,
                     field_id=depot)


def test_it_adds_a_member_within_the_rules(north):
    run = north.plan()
    depot = north.fields["depot"].pk
    do_edit_plan(acting_user=north.planner, run=run, op="remove_field", field_id=depot)
    run.refresh_from_db()
    free = [m.id for m in _members(run) if not {f for mm, f in _pairs(run) if mm == m.id}
            and m.hours >= 2]
    do_edit_plan(acting_user=north.planner, run=run, op="add", member_id=free[0],
                 field_id=depot)
    run.refresh_from_db()
    assert (free[0], depot) in _pairs(run) and run.objective == pytest.approx(9.5)
    added = PlannedAssignment.objects.get(run=run, member_id=free[0], field_id=depot)
    assert "weight 3" in added.explanation and not added.kept


def _members(run):
    from deployment.services import instance_from_json

    return instance_from_json(run.params["instance"]).members


def test_it_refuses_members_and_fields_outside_the_plan(north):
    run = north.plan()
    with pytest.raises(ValidationError, match="field is not part of the plan"):
        do_edit_plan(acting_user=north.planner, run=run, op="add",
                     member_id=north.person("alias-cella-1").pk,
                     field_id=north.fields["port"].pk)
    with pytest.raises(ValidationError, match="member is not part of the plan"):
        do_edit_plan(acting_user=north.planner, run=run, op="add",
                     member_id=north.person("alias-cellc-1").pk,
                     field_id=north.fields["depot"].pk)
    # Someone who may change only Cell A cannot touch the Bus Depot (Cell B).
    with pytest.raises(ValidationError, match="field is not part of the plan"):
        do_edit_plan(acting_user=north.world.user("cell_secretary"), run=run,
                     op="remove_field", field_id=north.fields["depot"].pk)


def test_an_applied_plan_cannot_be_edited(north):
    from deployment.actions import do_apply_plan

    run = north.plan()
    do_apply_plan(acting_user=north.planner, run=run)
    with pytest.raises(ValidationError, match="can be changed"):
        do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                     field_id=north.fields["depot"].pk)
