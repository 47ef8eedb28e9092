import pytest
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from people.actions import do_create_person
from people.models import Person
from people.tests.helpers import audit_rows

pytestmark = pytest.mark.django_db

INVALID_CHOICE = "Choose one of the listed units"


def _url(uid) -> str:
    return reverse("people:person_move", kwargs={"uid": uid})


@pytest.fixture
def north_secretary(world):
    """A secretary of the North Committee with oversight: may add people in Cells A and B."""
    user = User.objects.create_user("north_secretary")
    do_grant_role(acting_user=None, user=user, unit=world.units["north"], kind="secretary",
                  oversight=True)
    return user


def test_it_answers_404_outside_the_scope(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("sibling_secretary"))
    assert client.get(_url(person.uid)).status_code == 404
    assert client.post(_url(person.uid), {"unit": world.units["cell_b"].uid}).status_code == 404
    assert Person.objects.get(pk=person.pk).unit == world.units["cell_a"]


def test_it_offers_only_units_where_the_user_may_add(world, login, north_secretary):
    body = login(north_secretary).get(_url(world.people["alias-cella-1"].uid)).content.decode()
    assert "Cell B" in body and "North Committee" in body
    assert "Cell C" not in body and "Cell X" not in body


def test_it_says_when_there_is_nowhere_to_move(world, login):
    response = login(world.user("cell_secretary")).get(_url(world.people["alias-cella-1"].uid))
    assert response.status_code == 200
    assert "There is no other unit of this organization where you may add people." in (
        response.content.decode())


def test_it_moves_a_person_within_the_scope(world, login, north_secretary):
    person = world.people["alias-cella-1"]
    response = login(north_secretary).post(_url(person.uid), {"unit": world.units["cell_b"].uid})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).unit == world.units["cell_b"]
    rows = audit_rows(person, "move")
    assert rows.count() == 2  # one in each compartment
    assert all(row.fields == ["unit"] for row in rows)


def _assert_rejected(response, person, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.get(pk=person.pk).unit_id == person.unit_id
    assert not audit_rows(person, "move").exists()


def test_it_rejects_another_organizations_unit(world, login, north_secretary):
    person = world.people["alias-cella-1"]
    response = login(north_secretary).post(_url(person.uid), {"unit": world.units["cell_x"].uid})
    _assert_rejected(response, person, INVALID_CHOICE)


def test_it_rejects_a_unit_outside_the_scope(world, login, north_secretary):
    person = world.people["alias-cella-1"]
    response = login(north_secretary).post(_url(person.uid), {"unit": world.units["cell_c"].uid})
    _assert_rejected(response, person, INVALID_CHOICE)


def test_it_rejects_a_duplicate_alias_in_the_target_unit(world, login, north_secretary):
    person = world.people["alias-cella-1"]
    do_create_person(acting_user=None, unit=world.units["cell_b"],
                     data={"alias": "alias-cella-1"})
    response = login(north_secretary).post(_url(person.uid), {"unit": world.units["cell_b"].uid})
    _assert_rejected(response, person, "Another person in this unit already has this alias.")
