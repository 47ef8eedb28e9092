import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Person
from people.tests.helpers import assert_no_identity_values, audit_rows

pytestmark = pytest.mark.django_db

GOOD = {
    "alias": "new-comrade", "kind": "member", "status": "candidate",
    "status_since": "2024-05-01", "joined_on": "2024-04-01",
    "legal_name": "Newly Added Qwerty", "phone": "+98 912 555 0101",
    "email": "new@example.org", "address": "1 New Street", "notes": "met at the factory",
}


def _url(uid) -> str:
    return reverse("people:person_create", kwargs={"uid": uid})


def _post(world, login, **changes):
    client = login(world.user("cell_secretary"))
    return client.post(_url(world.units["cell_a"].uid), {**GOOD, **changes})


def test_it_answers_404_outside_the_scope(world, login):
    client = login(world.user("sibling_secretary"))
    assert client.get(_url(world.units["cell_a"].uid)).status_code == 404
    assert client.post(_url(world.units["cell_a"].uid), GOOD).status_code == 404
    assert not Person.objects.filter(alias="new-comrade").exists()


def test_it_answers_404_to_a_member_who_may_not_add(world, login):
    assert login(world.user("cell_member")).get(_url(world.units["cell_a"].uid)).status_code == 404


def test_it_shows_the_form(world, login):
    response = login(world.user("cell_secretary")).get(_url(world.units["cell_a"].uid))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="alias"' in body and 'name="legal_name"' in body


def test_it_adds_a_person_with_a_sealed_identity(world, login):
    response = _post(world, login)
    person = Person.objects.get(alias="new-comrade")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", kwargs={"uid": person.uid})
    assert person.unit == world.units["cell_a"]
    assert person.status_since == datetime.date(2024, 5, 1)
    assert "Qwerty" not in person.identity_sealed
    assert person.unseal_identity().legal_name == "Newly Added Qwerty"
    rows = audit_rows(person, "create")
    assert rows.count() == 1
    assert "legal_name" in rows.get().fields
    assert_no_identity_values(rows, person.unseal_identity())


def _assert_rejected(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.filter(alias="new-comrade").exists()


def test_it_rejects_a_future_status_date(world, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _assert_rejected(_post(world, login, status_since=tomorrow.isoformat()),
                     "The date cannot be in the future.")


def test_it_rejects_a_future_joining_date(world, login):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _assert_rejected(_post(world, login, joined_on=tomorrow.isoformat()),
                     "The date cannot be in the future.")


def test_it_rejects_an_invalid_email(world, login):
    _assert_rejected(_post(world, login, email="not-an-email"), "Enter a valid email address.")


def test_it_rejects_an_invalid_phone(world, login):
    _assert_rejected(_post(world, login, phone="12"), "A phone number has 5 to 15 digits.")


def test_it_rejects_a_duplicate_alias_in_the_unit(world, login):
    before = Person.objects.count()
    response = _post(world, login, alias="alias-cella-1")
    assert response.status_code == 200
    assert "Another person in this unit already has this alias." in response.content.decode()
    assert Person.objects.count() == before


def test_it_rejects_an_empty_form(world, login):
    client = login(world.user("cell_secretary"))
    before = Person.objects.count()
    response = client.post(_url(world.units["cell_a"].uid), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Person.objects.count() == before
