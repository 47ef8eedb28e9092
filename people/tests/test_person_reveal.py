import pytest
from django.urls import reverse

from audit.models import AuditEvent
from people.tests.helpers import assert_no_identity_values, audit_rows

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("people:person_reveal", kwargs={"uid": uid})


def test_it_refuses_get(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).get(_url(person.uid))
    assert response.status_code == 405
    assert not audit_rows(person, "reveal").exists()


def test_it_answers_404_without_identity_access(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_member")).post(_url(person.uid))
    assert response.status_code == 404
    assert world.identities["alias-cella-1"].legal_name not in response.content.decode()
    assert not audit_rows(person, "reveal").exists()


def test_it_answers_404_outside_the_scope(world, login):
    # The sibling secretary has identity access, but on Cell B only.
    person = world.people["alias-cella-1"]
    assert login(world.user("sibling_secretary")).post(_url(person.uid)).status_code == 404
    assert not audit_rows(person, "reveal").exists()


def test_it_reveals_and_records_the_reveal(world, login):
    person = world.people["alias-cella-1"]
    identity = world.identities["alias-cella-1"]
    secretary = world.user("cell_secretary")
    response = login(secretary).post(_url(person.uid))
    assert response.status_code == 200
    body = response.content.decode()
    for value in (identity.legal_name, identity.phone, identity.email, identity.address):
        assert value in body
    assert "Identity — confidential" in body
    assert "<html" in body  # without htmx, the whole page
    assert "no-store" in response["Cache-Control"]
    rows = audit_rows(person, "reveal")
    assert rows.count() == 1
    assert rows.get().actor == secretary
    assert_no_identity_values(rows, identity)


def test_it_swaps_only_the_identity_box_with_htmx(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(_url(person.uid), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="identity"')
    assert "<html" not in body
    assert world.identities["alias-cella-1"].legal_name in body
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="reveal", object_id=person.pk).count() == 1
