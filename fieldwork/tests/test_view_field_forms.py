"""Creating and describing a field: the field itself, its priority, its parts."""

import pytest
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from fieldwork.models import Field, FieldPart

pytestmark = pytest.mark.django_db


def _url(name, uid):
    return reverse(f"fieldwork:{name}", kwargs={"uid": uid})


@pytest.fixture
def committee_secretary(world):
    """The responsible committee: a secretary of North with oversight."""
    user = User.objects.create_user("north_secretary")
    do_grant_role(acting_user=None, user=user, unit=world.units["north"], kind="secretary",
                  oversight=True)
    return user


def test_it_creates_a_field(fw, login):
    unit = fw.world.units["cell_a"]
    response = login(fw.secretary).post(_url("field_create", unit.uid), {
        "name": "Power plant", "kind": "workplace", "headcount": "300", "strategic": "on",
        "strategic_sector": "energy"})
    field = Field.objects.get(name="Power plant")
    assert response.status_code == 302 and response["Location"] == _url("field_detail", field.uid)
    assert (field.unit, field.headcount, field.strategic_sector) == (unit, 300, "energy")


def test_it_rejects_a_strategic_field_without_its_sector(fw, login):
    response = login(fw.secretary).post(_url("field_create", fw.field.unit.uid), {
        "name": "Power plant", "kind": "workplace", "headcount": "3", "strategic": "on"})
    assert response.status_code == 200
    assert "A strategic field needs its strategic sector." in response.content.decode()
    assert not Field.objects.filter(name="Power plant").exists()


def test_it_rejects_a_second_field_of_the_same_name(fw, login):
    response = login(fw.secretary).post(_url("field_create", fw.field.unit.uid), {
        "name": "Steelworks", "kind": "workplace", "headcount": "3"})
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert Field.objects.filter(name="Steelworks").count() == 1


def test_it_edits_a_field(fw, login):
    response = login(fw.secretary).post(_url("field_edit", fw.field.uid), {
        "name": "Steelworks", "kind": "workplace", "employer": "New Steel Co",
        "headcount": "25"})
    assert response.status_code == 302
    fw.field.refresh_from_db()
    assert (fw.field.employer, fw.field.headcount) == ("New Steel Co", 25)


def test_it_rejects_a_latitude_without_a_longitude(fw, login):
    response = login(fw.secretary).post(_url("field_edit", fw.field.uid), {
        "name": "Steelworks", "kind": "workplace", "headcount": "20", "latitude": "35.7"})
    assert "Give both latitude and longitude, or neither." in response.content.decode()
    fw.field.refresh_from_db()
    assert fw.field.latitude is None


def test_it_lets_the_responsible_committee_set_the_priority(fw, login, committee_secretary):
    client = login(committee_secretary)
    assert 'name="priority"' in client.get(_url("field_priority", fw.field.uid)).content.decode()
    response = client.post(_url("field_priority", fw.field.uid), {"priority": "4"})
    assert response.status_code == 302
    fw.field.refresh_from_db()
    assert fw.field.priority == 4


def test_it_refuses_a_priority_over_a_field_changed_since_it_was_opened(
        fw, login, committee_secretary):
    from fieldwork.actions import do_update_field

    client = login(committee_secretary)
    opened = fw.field.version
    assert f'name="version" value="{opened}"' in client.get(
        _url("field_priority", fw.field.uid)).content.decode()
    do_update_field(acting_user=fw.secretary, field=fw.field, data={"headcount": 99})
    response = client.post(_url("field_priority", fw.field.uid),
                           {"priority": "4", "version": opened})
    assert "changed since you opened it (headcount)" in response.content.decode()
    fw.field.refresh_from_db()
    assert fw.field.priority == 0


def test_it_rejects_a_priority_out_of_range(fw, login, committee_secretary):
    response = login(committee_secretary).post(_url("field_priority", fw.field.uid),
                                               {"priority": "9"})
    assert "The priority goes from 0 to 5." in response.content.decode()
    fw.field.refresh_from_db()
    assert fw.field.priority == 0


def test_it_keeps_the_priority_from_the_cell_itself(fw, login):
    client = login(fw.secretary)
    body = client.get(_url("field_priority", fw.field.uid)).content.decode()
    assert 'name="priority"' not in body and "committee responsible" in body
    client.post(_url("field_priority", fw.field.uid), {"priority": "5"})
    fw.field.refresh_from_db()
    assert fw.field.priority == 0


def test_it_adds_a_part(fw, login):
    response = login(fw.secretary).post(_url("part_create", fw.field.uid), {
        "name": "Day shift", "kind": "shift", "headcount": "7"})
    assert response.status_code == 302
    assert FieldPart.objects.get(field=fw.field, name="Day shift").headcount == 7


def test_it_rejects_a_part_with_a_negative_headcount(fw, login):
    response = login(fw.secretary).post(_url("part_create", fw.field.uid), {
        "name": "Day shift", "kind": "shift", "headcount": "-2"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not FieldPart.objects.filter(name="Day shift").exists()
