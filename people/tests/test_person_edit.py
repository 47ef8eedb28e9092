import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Person, StatusChange
from people.tests.helpers import assert_no_identity_values, audit_rows

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("people:person_edit", kwargs={"uid": uid})


def _data(person: Person, **changes) -> dict:
    data = {"alias": person.alias, "kind": person.kind, "status": person.status,
            "status_since": person.status_since.isoformat(), "joined_on": ""}
    return {**data, **changes}


def test_it_answers_404_outside_the_scope(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("sibling_secretary"))
    assert client.get(_url(person.uid)).status_code == 404
    assert client.post(_url(person.uid), _data(person, alias="renamed")).status_code == 404
    person.refresh_from_db()
    assert person.alias == "alias-cella-1"


def test_it_answers_404_to_a_member_who_may_only_view(world, login):
    person = world.people["alias-cella-1"]
    assert login(world.user("cell_member")).get(_url(person.uid)).status_code == 404


def test_it_does_not_offer_identity_fields(world, login):
    response = login(world.user("cell_secretary")).get(_url(world.people["alias-cella-1"].uid))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="alias"' in body
    assert 'name="legal_name"' not in body and 'name="phone"' not in body
    assert world.identities["alias-cella-1"].legal_name not in body


def test_it_saves_plain_fields_and_keeps_the_identity(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(
        _url(person.uid), _data(person, alias="renamed", kind="contact"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.alias, person.kind) == ("renamed", "contact")
    assert person.unseal_identity() == world.identities["alias-cella-1"]
    rows = audit_rows(person, "update")
    assert rows.get().fields == ["alias", "kind"]
    assert_no_identity_values(rows, world.identities["alias-cella-1"])


def test_it_records_a_status_change_in_the_history(world, login):
    person = world.people["alias-cella-1"]
    login(world.user("cell_secretary")).post(
        _url(person.uid), _data(person, status="suspended", status_since="2024-02-02"))
    assert StatusChange.objects.filter(person=person, status="suspended",
                                       on=datetime.date(2024, 2, 2)).exists()


def _assert_rejected(response, person: Person, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.alias, fresh.status, fresh.status_since) == (
        person.alias, person.status, person.status_since)
    assert not audit_rows(person, "update").exists()


def test_it_rejects_a_future_date(world, login):
    person = world.people["alias-cella-1"]
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = login(world.user("cell_secretary")).post(
        _url(person.uid), _data(person, status="left", status_since=tomorrow))
    _assert_rejected(response, person, "The date cannot be in the future.")


def test_it_rejects_a_status_change_without_its_date(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(_url(person.uid),
                                                        _data(person, status="left"))
    _assert_rejected(response, person, "The status changed: give the date of the change.")


def test_it_rejects_a_duplicate_alias_in_the_unit(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(_url(person.uid),
                                                        _data(person, alias="alias-cella-2"))
    _assert_rejected(response, person, "Another person in this unit already has this alias.")
