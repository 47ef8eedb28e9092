import pytest
from django.urls import reverse

from people.models import Person, StatusChange
from people.tests.helpers import assert_login_required, audit_rows

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("people:person_delete", kwargs={"uid": uid})


def test_it_requires_login(world, login):
    person = world.people["alias-cella-1"]
    assert_login_required(login(None).post(_url(person.uid), {"confirm": "yes"}))
    assert Person.objects.filter(pk=person.pk).exists()


def test_it_refuses_get(world, login):
    person = world.people["alias-cella-1"]
    assert login(world.user("cell_secretary")).get(_url(person.uid)).status_code == 405


def test_it_answers_404_outside_the_scope(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("sibling_secretary")).post(_url(person.uid), {"confirm": "yes"})
    assert response.status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_it_answers_404_to_a_member_who_may_not_delete(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_member")).post(_url(person.uid), {"confirm": "yes"})
    assert response.status_code == 404
    assert Person.objects.filter(pk=person.pk).exists()


def test_it_needs_the_confirmation(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(_url(person.uid), {}, follow=True)
    assert "Tick the confirmation box to delete this person." in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    assert not audit_rows(person, "delete").exists()


def test_it_deletes_and_records_it(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(_url(person.uid), {"confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:unit_detail",
                                           kwargs={"uid": world.units["cell_a"].uid})
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not StatusChange.objects.filter(person_id=person.pk).exists()
    row = audit_rows(person, "delete").get()
    assert row.actor == world.user("cell_secretary") and row.fields == []
