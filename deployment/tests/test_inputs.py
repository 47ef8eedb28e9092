"""Bad input is rejected with a clear message: capacities, field needs, plan options."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from deployment.actions import do_set_capacity, do_set_field_need
from deployment.forms import CapacityForm, NeedForm, PlanForm
from deployment.models import FieldNeed, MemberCapacity
from fieldwork.actions import do_create_contact

pytestmark = pytest.mark.django_db


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_it_rejects_negative_hours(north):
    errors = _errors(lambda: do_set_capacity(
        acting_user=north.planner, person=north.person("alias-north-2"),
        data={"hours_per_week": Decimal("-2")}))
    assert errors == {"hours_per_week": ["Hours per week cannot be negative."]}
    assert not MemberCapacity.objects.filter(person=north.person("alias-north-2")).exists()
    form = CapacityForm({"hours_per_week": "-2"}, user=north.planner,
                        person=north.person("alias-north-2"))
    assert form.errors["hours_per_week"] == ["Hours cannot be negative."]


def test_it_rejects_a_smallest_team_above_the_largest(north):
    errors = _errors(lambda: do_set_field_need(
        acting_user=north.planner, field=north.fields["depot"],
        data={"min_team": 3, "max_team": 2}))
    assert errors["max_team"] == [
        "The largest team (2) cannot be smaller than the smallest team (3)."]
    assert FieldNeed.objects.get(field=north.fields["depot"]).max_team == 1
    form = NeedForm({"min_team": 3, "max_team": 2, "hours_per_member": 2},
                    may_set_weight=False, user=north.planner, field=north.fields["steel"])
    assert "cannot be smaller than the smallest team" in form.errors["max_team"][0]


def test_it_rejects_hours_per_member_of_zero(north):
    errors = _errors(lambda: do_set_field_need(
        acting_user=north.planner, field=north.fields["depot"],
        data={"hours_per_member": Decimal("0")}))
    assert errors == {"hours_per_member": ["Hours per member must be more than 0."]}


def test_it_rejects_an_unknown_field_in_the_exclusions(north):
    person = north.person("alias-cella-1")
    errors = _errors(lambda: do_set_capacity(acting_user=north.planner, person=person,
                                             data={}, excluded_fields=[987654]))
    assert errors == {"excluded_fields": ["Unknown field: 987654."]}
    # A field the user may not see reads exactly the same.
    outside = north.world.units["cell_x"]
    from fieldwork.actions import do_create_field

    hidden = do_create_field(acting_user=None, unit=outside, data={"name": "Hidden Mine"})
    errors = _errors(lambda: do_set_capacity(acting_user=north.planner, person=person,
                                             data={}, excluded_fields=[hidden.pk]))
    assert errors == {"excluded_fields": [f"Unknown field: {hidden.pk}."]}
    form = CapacityForm({"hours_per_week": "3", "excluded_fields": [str(hidden.pk)]},
                        user=north.planner, person=person)
    assert "excluded_fields" in form.errors


def test_it_rejects_unknown_skills_and_language_codes(north):
    errors = _errors(lambda: do_set_capacity(
        acting_user=north.planner, person=north.person("alias-north-1"),
        data={"skills": "agitation, juggling", "languages": "fa, Persian!"}))
    assert errors["skills"] == ["Unknown skill: juggling."]
    assert errors["languages"][0].startswith("Not a language code: persian!")


def test_only_members_have_a_capacity(north):
    contact = do_create_contact(acting_user=None, field=north.fields["steel"],
                                alias="c-deploy-1").person
    errors = _errors(lambda: do_set_capacity(acting_user=north.planner, person=contact,
                                             data={"hours_per_week": Decimal("2")}))
    assert errors == {"person": ["Only a member has a capacity."]}


def test_only_the_responsible_committee_sets_a_weight(north):
    cell_secretary = north.world.user("cell_secretary")
    errors = _errors(lambda: do_set_field_need(
        acting_user=cell_secretary, field=north.fields["steel"],
        data={"weight_source": "own", "weight": Decimal("7")}))
    assert errors == {"weight": ["Only the responsible committee sets the weight of a field."]}
    need = do_set_field_need(acting_user=north.planner, field=north.fields["steel"],
                             data={"weight_source": "own", "weight": Decimal("7")})
    assert need.weight == Decimal("7")
    errors = _errors(lambda: do_set_field_need(
        acting_user=north.planner, field=north.fields["depot"],
        data={"weight_source": "own", "weight": None}))
    assert errors == {"weight": ["Give the field's own weight."]}


@pytest.mark.parametrize("limit", ["0", "-5", "601"])
def test_the_plan_form_rejects_a_time_limit_out_of_range(limit):
    form = PlanForm({"time_limit_s": limit, "stability_weight": "0.5"})
    assert not form.is_valid()
    assert "The time limit must be more than 0" in form.errors["time_limit_s"][0]


def test_it_audits_capacities_with_values_and_nothing_for_no_change(north):
    person = north.person("alias-cella-2")
    capacity = MemberCapacity.objects.get(person=person)
    created = AuditEvent.objects.get(model="deployment.MemberCapacity",
                                     object_id=capacity.pk, action="create")
    assert created.unit_id == person.unit_id
    assert created.changes["hours_per_week"] == [None, "4.00"]

    def updates():
        return AuditEvent.objects.filter(model="deployment.MemberCapacity",
                                         object_id=capacity.pk, action="update")

    # The same hours as a form sends them: no change, no new version.
    do_set_capacity(acting_user=north.planner, person=person,
                    data={"hours_per_week": Decimal("4"), "skills": "writing"})
    assert not updates().exists()
    assert MemberCapacity.objects.get(pk=capacity.pk).version == capacity.version
    do_set_capacity(acting_user=north.planner, person=person,
                    data={"hours_per_week": Decimal("5.5")},
                    excluded_fields=[north.fields["steel"].pk])
    event = updates().get()
    assert event.actor == north.planner and event.unit_id == person.unit_id
    assert event.changes == {"hours_per_week": ["4.00", "5.50"]}
    assert event.fields == ["excluded_fields", "hours_per_week"]
    # Only the exclusions change: one row naming the relation, and a new version.
    do_set_capacity(acting_user=north.planner, person=person, data={}, excluded_fields=[])
    assert updates().first().fields == ["excluded_fields"] and updates().count() == 2
    assert MemberCapacity.objects.get(pk=capacity.pk).version == capacity.version + 2
