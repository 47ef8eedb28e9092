import pytest
from django.urls import reverse

from people.actions import find_by_contact
from people.models import Person
from people.tests.helpers import assert_no_identity_values, audit_rows

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("people:person_identity_edit", kwargs={"uid": uid})


def _save(identity, **changes) -> dict:
    return {**identity.as_dict(), "save": "1", **changes}


def test_it_refuses_get(world, login):
    person = world.people["alias-cella-1"]
    assert login(world.user("cell_secretary")).get(_url(person.uid)).status_code == 405
    assert not audit_rows(person, "reveal").exists()


def test_it_answers_404_without_identity_access(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_member"))
    assert client.post(_url(person.uid)).status_code == 404
    assert client.post(_url(person.uid), _save(world.identities["alias-cella-1"],
                                              legal_name="Changed")).status_code == 404
    assert person.unseal_identity() == world.identities["alias-cella-1"]


def test_opening_the_form_is_a_recorded_reveal(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(_url(person.uid))
    assert response.status_code == 200
    assert world.identities["alias-cella-1"].legal_name in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert audit_rows(person, "reveal").count() == 1


def test_it_saves_the_identity_and_audits_field_names_only(world, login):
    person = world.people["alias-cella-1"]
    old = world.identities["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(
        _url(person.uid), _save(old, phone="+44 20 7946 0000"))
    assert response.status_code == 302
    person = Person.objects.get(pk=person.pk)
    new = person.unseal_identity()
    assert new.phone == "+44 20 7946 0000" and new.legal_name == old.legal_name
    rows = audit_rows(person, "update")
    assert rows.get().fields == ["phone"]
    assert_no_identity_values(rows, old, new)
    # The blind index follows the new number.
    found = find_by_contact(user=world.user("cell_secretary"), organization=world.orgs["rp"],
                            phone="+442079460000")
    assert list(found) == [person]


def _assert_rejected(response, world, person, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.get(pk=person.pk).unseal_identity() == world.identities[person.alias]
    assert not audit_rows(person, "update").exists()


def test_it_rejects_an_invalid_email(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(
        _url(person.uid), _save(world.identities["alias-cella-1"], email="nope@"))
    _assert_rejected(response, world, person, "Enter a valid email address.")


def test_it_rejects_an_invalid_phone(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(
        _url(person.uid), _save(world.identities["alias-cella-1"], phone="+1 2"))
    _assert_rejected(response, world, person, "A phone number has 5 to 15 digits.")
