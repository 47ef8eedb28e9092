"""Adding a contact to a field, their profile at work, and their ties."""

import pytest
from django.urls import reverse

from fieldwork.models import ContactProfile, Tie
from people.models import Person

pytestmark = pytest.mark.django_db


def _url(name, uid):
    return reverse(f"fieldwork:{name}", kwargs={"uid": uid})


def test_it_adds_a_contact_with_a_profile_and_a_sealed_phone(fw, login):
    response = login(fw.secretary).post(_url("contact_create", fw.field.uid), {
        "alias": "c-new", "part": fw.parts["Night shift"].uid, "job": "driver", "leader": "on",
        "phone": "+98 912 555 1234"})
    assert response.status_code == 302
    assert response["Location"] == _url("wall_chart", fw.field.uid)
    profile = ContactProfile.objects.get(person__alias="c-new")
    assert (profile.field, profile.part.name, profile.job, profile.leader) == (
        fw.field, "Night shift", "driver", True)
    assert profile.person.kind == "contact" and profile.person.unit == fw.field.unit
    assert "555" not in profile.person.identity_sealed
    assert profile.person.unseal_identity().phone == "+98 912 555 1234"


def test_it_rejects_an_alias_already_used_in_the_unit(fw, login):
    response = login(fw.secretary).post(_url("contact_create", fw.field.uid),
                                        {"alias": "alias-cella-1"})
    assert "Another person in this unit already has this alias." in response.content.decode()
    assert Person.objects.filter(alias="alias-cella-1").count() == 1


def test_it_rejects_a_part_of_another_field(fw, login):
    other = fw.new_field("Depot")
    from fieldwork.actions import do_create_field_part

    foreign = do_create_field_part(acting_user=None, field=other, data={"name": "Yard"})
    response = login(fw.secretary).post(_url("contact_create", fw.field.uid),
                                        {"alias": "c-x", "part": foreign.uid})
    assert "Choose one of the parts of this field." in response.content.decode()
    assert not Person.objects.filter(alias="c-x").exists()


def test_it_moves_a_contact_to_another_field_of_the_unit(fw, login):
    person = fw.contact("c-move", part="Rolling mill")
    depot = fw.new_field("Depot")
    response = login(fw.secretary).post(_url("contact_edit", person.uid), {
        "field": depot.uid, "job": "loader"})
    assert response.status_code == 302
    profile = ContactProfile.objects.get(person=person)
    assert (profile.field, profile.part, profile.job) == (depot, None, "loader")


def test_it_rejects_a_workplace_of_another_unit(fw, login):
    person = fw.contact("c-stay")
    school = fw.new_field("School 7", unit_key="cell_b")
    response = login(fw.secretary).post(_url("contact_edit", person.uid), {"field": school.uid})
    assert "Choose one of the workplaces or other fields of this unit." in (
        response.content.decode())
    assert ContactProfile.objects.get(person=person).field == fw.field


def test_it_rejects_a_part_that_is_not_in_the_chosen_field(fw, login):
    person = fw.contact("c-part")
    depot = fw.new_field("Depot")
    response = login(fw.secretary).post(_url("contact_edit", person.uid), {
        "field": depot.uid, "part": fw.parts["Night shift"].uid})
    assert "This part belongs to another field." in response.content.decode()
    assert ContactProfile.objects.get(person=person).field == fw.field


def test_it_explains_that_a_member_has_no_contact_profile(fw, login):
    client = login(fw.secretary)
    response = client.get(_url("contact_edit", fw.member.uid))
    assert response.status_code == 200
    assert "only contacts have a profile at work" in response.content.decode()
    client.post(_url("contact_edit", fw.member.uid), {"field": fw.field.uid})
    assert not ContactProfile.objects.filter(person=fw.member).exists()


def test_it_records_a_tie(fw, login):
    contact = fw.contact("c-tie")
    response = login(fw.secretary).post(_url("tie_create", contact.uid), {
        "to_person": fw.member.uid, "kind": "in_touch"})
    assert response.status_code == 302
    assert Tie.objects.get(from_person=contact).to_person == fw.member


def test_it_rejects_a_tie_with_someone_of_another_unit(fw, login):
    contact = fw.contact("c-tie")
    stranger = fw.world.people["alias-cellb-1"]
    response = login(fw.secretary).post(_url("tie_create", contact.uid), {
        "to_person": stranger.uid, "kind": "knows"})
    assert "Choose someone of the same unit." in response.content.decode()
    assert not Tie.objects.exists()
