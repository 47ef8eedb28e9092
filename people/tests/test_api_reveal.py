"""POST /api/people/<pk>/reveal/: the identity, only with the reveal right, always audited."""

import uuid

import pytest

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _reveal(pk) -> str:
    return f"/api/people/{pk}/reveal/"


def _reveals(person) -> int:
    return AuditEvent.objects.filter(action="reveal", object_id=person.pk,
                                     model="people.Person").count()


def test_it_requires_authentication(world, login):
    person = world.people["alias-cella-1"]
    assert login(None).post(_reveal(person.uid)).status_code == 401
    assert _reveals(person) == 0


def test_it_reveals_and_audits_the_identity(world, login):
    person = world.people["alias-cella-1"]
    user = world.user("cell_secretary")
    response = login(user).post(_reveal(person.uid))
    assert response.status_code == 200
    assert response.json() == world.identities["alias-cella-1"].as_dict()
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="reveal", object_id=person.pk)
    assert event.actor == user
    assert event.fields == ["address", "email", "legal_name", "phone"]


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "overseer",
                                  "coalition_office", "outsider"])
def test_it_answers_404_without_the_reveal_right(world, login, name):
    person = world.people["alias-cella-1"]
    client = login(world.user(name))
    response, missing = client.post(_reveal(person.uid)), client.post(_reveal(uuid.uuid4()))
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    assert _reveals(person) == 0


def test_it_reveals_only_by_post(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).get(_reveal(person.uid))
    assert response.status_code == 405
    assert _reveals(person) == 0
