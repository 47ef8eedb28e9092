"""services.build_instance: a committee plans only with its own members and fields."""

from decimal import Decimal

import pytest

from deployment.actions import do_assign_member, do_set_capacity
from deployment.models import TemporaryTeam
from deployment.services import build_instance, team_field_id

pytestmark = pytest.mark.django_db


def _ids(north, *aliases):
    return {north.person(a).pk for a in aliases}


def test_it_takes_only_the_committees_members_and_fields(north):
    pi = build_instance(north.planner, north.unit)
    members = {m.id for m in pi.instance.members}
    assert members == _ids(north, "alias-cella-1", "alias-cella-2", "alias-cellb-1",
                           "alias-north-1")
    assert north.person("alias-cellc-1").pk not in members
    fields = {f.id for f in pi.instance.fields}
    assert fields == {north.fields[k].pk for k in ("steel", "depot", "print")}
    # Members in the subtree without a recorded capacity are counted, not planned.
    assert pi.without_capacity == 2


def test_an_overseer_of_north_never_gets_cell_cs_members(north):
    pi = build_instance(north.planner, north.world.units["south"])
    assert not pi.instance.members and not pi.instance.fields
    pi = build_instance(north.planner, north.world.units["rp_cc"])
    assert north.person("alias-cellc-1").pk not in {m.id for m in pi.instance.members}
    assert north.fields["port"].pk not in {f.id for f in pi.instance.fields}


def test_a_viewer_without_change_rights_plans_with_nobody(north):
    pi = build_instance(north.world.user("overseer"), north.unit)
    assert not pi.instance.members and not pi.instance.fields


def test_a_cell_secretary_plans_with_their_cell_only(north):
    pi = build_instance(north.world.user("cell_secretary"), north.unit)
    assert {m.id for m in pi.instance.members} == _ids(north, "alias-cella-1", "alias-cella-2")
    assert {f.id for f in pi.instance.fields} == {north.fields["steel"].pk}


def test_it_carries_needs_weights_and_the_deployment_in_force(north):
    pi = build_instance(north.planner, north.unit, stability_weight=0.25, time_limit_s=3)
    fields = {f.id: f for f in pi.instance.fields}
    steel = fields[north.fields["steel"].pk]
    assert (steel.weight, steel.min_team, steel.max_team, steel.hours_per_member) == (5, 2, 2, 3)
    assert steel.required_skills == {"agitation"} and steel.location is not None
    members = {m.id: m for m in pi.instance.members}
    cellb = members[north.person("alias-cellb-1").pk]
    assert cellb.current_fields == {north.fields["print"].pk}
    assert members[north.person("alias-cella-1").pk].languages == {"fa", "az"}
    assert pi.instance.stability_weight == 0.25 and pi.instance.time_limit_s == 3


def test_hours_given_outside_the_committee_are_taken_off(north):
    member = north.person("alias-cella-2")
    do_assign_member(acting_user=None, member=member, field=north.fields["port"])
    pi = build_instance(north.planner, north.unit)
    hours = {m.id: m.hours for m in pi.instance.members}
    assert hours[member.pk] == 4 - 2  # South Port has the default 2 h per member


def test_exclusions_stay_within_the_instance(north):
    member = north.person("alias-cella-1")
    do_set_capacity(acting_user=None, person=member, data={}, excluded_fields=[
        north.fields["steel"], north.fields["port"]])
    pi = build_instance(north.planner, north.unit)
    m = next(m for m in pi.instance.members if m.id == member.pk)
    assert m.excluded_fields == {north.fields["steel"].pk}


def test_a_temporary_team_is_a_field_above_all_others(north):
    team = TemporaryTeam.objects.create(
        unit=north.unit, name="Strike support", needed_members=2,
        hours_per_member=Decimal("2"), max_member_hours=Decimal("4"),
        start_date="2030-01-01", end_date="2030-01-10", required_skills="agitation")
    pi = build_instance(north.planner, north.unit, stability_weight=0.5, team=team)
    fields = {f.id: f for f in pi.instance.fields}
    need = fields[team_field_id(team)]
    others = sum(f.weight for f in pi.instance.fields if f.id != need.id)
    assert need.weight > others + 0.5 * len(pi.current)
    assert (need.min_team, need.max_team, need.hours_per_member) == (2, 2, 2)
    assert need.required_skills == {"agitation"}
