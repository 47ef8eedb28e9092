"""Fields and their parts: validation, priority by the responsible committee, access."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from access.helpers import access_object
from accounts.models import User
from audit.models import AuditEvent
from fieldwork.actions import (
    do_create_field,
    do_create_field_part,
    do_set_field_priority,
    do_update_field,
)
from fieldwork.models import Field, FieldPart

pytestmark = pytest.mark.django_db


def test_it_creates_a_field_with_an_audit_row(fw):
    event = AuditEvent.objects.filter(model="fieldwork.Field", object_id=fw.field.pk).get()
    assert event.action == "create"
    assert event.unit_id == fw.world.units["cell_a"].pk
    assert "name" in event.fields


@pytest.mark.parametrize("data, key", [
    ({"headcount": -1}, "headcount"),
    ({"latitude": 91, "longitude": 10}, "latitude"),
    ({"latitude": 10, "longitude": -181}, "longitude"),
    ({"latitude": 10}, "longitude"),
    ({"strategic": True}, "strategic_sector"),
    ({"strategic_sector": "energy"}, "strategic"),
    ({"kind": "factory"}, "kind"),
])
def test_it_rejects_bad_field_data(fw, data, key):
    with pytest.raises(ValidationError) as exc:
        do_update_field(acting_user=fw.secretary, field=fw.field, data=data)
    assert key in exc.value.message_dict


def test_it_accepts_a_strategic_energy_field_with_coordinates(fw):
    do_update_field(acting_user=fw.secretary, field=fw.field, data={
        "strategic": True, "strategic_sector": "energy", "latitude": "35.7",
        "longitude": "51.4"})
    fw.field.refresh_from_db()
    assert fw.field.strategic and fw.field.strategic_sector == "energy"


def test_it_keeps_priority_for_the_responsible_committee(fw):
    with pytest.raises(ValueError):
        do_update_field(acting_user=fw.secretary, field=fw.field, data={"priority": 5})
    with pytest.raises(ValueError):
        do_create_field(acting_user=fw.secretary, unit=fw.field.unit,
                        data={"name": "Mine", "priority": 3})
    # Only a role with oversight and 'change' on a unit above the cell may set it.
    assert not Field.objects.prioritizable(fw.secretary).exists()
    assert not Field.objects.prioritizable(fw.world.user("overseer")).exists()
    founder = User.objects.get(username="founder")  # secretary of the congress, oversight
    assert Field.objects.prioritizable(founder).filter(pk=fw.field.pk).exists()
    do_set_field_priority(acting_user=founder, field=fw.field, priority=4)
    assert Field.objects.get(pk=fw.field.pk).priority == 4
    with pytest.raises(ValidationError):
        do_set_field_priority(acting_user=founder, field=fw.field, priority=6)


def test_it_rejects_a_duplicate_part_name(fw):
    with pytest.raises(ValidationError):
        do_create_field_part(acting_user=fw.secretary, field=fw.field,
                             data={"name": "Rolling mill", "headcount": 3})


def test_it_shows_a_field_as_structure_to_the_committees_above(fw):
    for name in ("cell_secretary", "cell_member", "overseer", "committee_member"):
        assert access_object(Field, fw.world.user(name), fw.field.pk) == fw.field
        assert access_object(FieldPart, fw.world.user(name), fw.parts["Rolling mill"].pk)


@pytest.mark.parametrize("name", ["sibling_secretary", "outsider", "coalition_office",
                                  "anonymous"])
def test_it_hides_a_field_beside_or_outside(fw, name):
    with pytest.raises(Http404):
        access_object(Field, fw.world.user(name), fw.field.pk)
    with pytest.raises(Http404):
        access_object(FieldPart, fw.world.user(name), fw.parts["Night shift"].pk)


def test_it_fails_the_same_for_a_missing_field(fw):
    with pytest.raises(Http404):
        access_object(Field, fw.secretary, 10**9)
    with pytest.raises(Http404):
        access_object(Field, fw.secretary, "nope")


def test_it_lets_only_the_cell_change_its_field(fw):
    assert access_object(Field, fw.secretary, fw.field.pk, "change")
    for name in ("cell_member", "overseer", "committee_member", "sibling_secretary"):
        with pytest.raises(Http404):
            access_object(Field, fw.world.user(name), fw.field.pk, "change")
    assert Field.objects.restrict(fw.secretary, "delete").filter(pk=fw.field.pk).exists()
    assert not Field.objects.restrict(fw.world.user("cell_member"), "add").exists()


def test_it_audits_a_change_with_old_and_new_values_once(fw):
    do_update_field(acting_user=fw.secretary, field=fw.field,
                    data={"headcount": 25, "latitude": "35.7", "longitude": "51.4"})
    event = AuditEvent.objects.filter(model="fieldwork.Field", action="update").get()
    assert event.unit_id == fw.field.unit_id and event.actor == fw.secretary
    assert event.changes == {"headcount": [20, 25], "latitude": [None, "35.700000"],
                             "longitude": [None, "51.400000"]}
    assert event.fields == ["headcount", "latitude", "longitude"]
    # The same values again (a form sends the decimals as typed): no change, no row.
    version = Field.objects.get(pk=fw.field.pk).version
    field = Field.objects.get(pk=fw.field.pk)
    do_update_field(acting_user=fw.secretary, field=field,
                    data={"headcount": 25, "latitude": "35.7", "longitude": "51.4"})
    assert Field.objects.get(pk=fw.field.pk).version == version
    assert AuditEvent.objects.filter(model="fieldwork.Field", action="update").count() == 1


def test_it_audits_every_record_a_deletion_takes_along_or_changes(fw):
    from fieldwork.actions import do_create_struggle, do_delete
    from fieldwork.models import ContactProfile, Demand, Struggle
    from fieldwork.tests.conftest import days_ago

    mill = fw.parts["Rolling mill"].pk  # a deleted instance has no pk
    contact = fw.contact("c-mill", part="Rolling mill")
    profile = ContactProfile.objects.get(person=contact)
    do_delete(acting_user=fw.secretary, obj=fw.parts["Rolling mill"])
    assert not FieldPart.objects.filter(pk=mill).exists()
    gone = AuditEvent.objects.get(model="fieldwork.FieldPart", object_id=mill, action="delete")
    assert (gone.unit_id, gone.actor) == (fw.field.unit_id, fw.secretary)
    emptied = AuditEvent.objects.get(model="fieldwork.ContactProfile", object_id=profile.pk,
                                     action="update")
    assert emptied.changes == {"part": [mill, None]}
    assert emptied.unit_id == fw.field.unit_id

    # A field goes with its parts (one row each); a demand leaves the struggles it was in.
    depot = fw.new_field("Depot")
    parts = [do_create_field_part(acting_user=None, field=depot, data={"name": n}).pk
             for n in ("Yard", "Garage")]
    expected = {("fieldwork.Field", depot.pk)} | {("fieldwork.FieldPart", p) for p in parts}
    do_delete(acting_user=fw.secretary, obj=depot)
    deleted = set(AuditEvent.objects.filter(action="delete").values_list("model", "object_id"))
    assert expected <= deleted
    canteen = Demand.objects.create(organization=fw.world.orgs["rp"], kind="other",
                                    name="Canteen")
    struggle = do_create_struggle(acting_user=None, field=fw.field, demands=[canteen],
                                  data={"kind": "protest", "started_on": days_ago(2)})
    do_delete(acting_user=fw.secretary, obj=canteen)
    assert not Struggle.objects.get(pk=struggle.pk).demands.exists()
    row = AuditEvent.objects.get(model="fieldwork.Struggle", object_id=struggle.pk,
                                 action="update")
    assert row.fields == ["demands"] and row.unit_id == fw.field.unit_id
