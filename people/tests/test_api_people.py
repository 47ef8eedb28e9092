"""/api/people/: aliases within the compartment, never identities; writes via actions."""

import uuid

import pytest

from audit.models import AuditEvent
from people.models import Identity, Person, StatusChange

pytestmark = pytest.mark.django_db

LIST = "/api/people/"
# Not "uid": it is the record's public identifier (APIs, sync); as associated data of the
# ciphertext it binds the identity to its row and is no secret.
IDENTITY_KEYS = {"identity", *Identity.FIELDS, "identity_sealed", "phone_index", "email_index"}


def _detail(person_id) -> str:
    return f"{LIST}{person_id}/"


def _aliases(response) -> set[str]:
    return {p["alias"] for p in response.json()["results"]}


def _assert_no_identity(response, world) -> None:
    body = response.content.decode()
    rows = response.json().get("results", [response.json()])
    for row in rows:
        assert not IDENTITY_KEYS & row.keys()
    for identity in world.identities.values():
        assert identity.legal_name not in body
        assert identity.email not in body


def test_it_requires_authentication(world, login):
    person = world.people["alias-cella-1"]
    client = login(None)
    assert client.get(LIST).status_code == 401
    assert client.get(_detail(person.uid)).status_code == 401
    assert client.patch(_detail(person.uid), {"alias": "x"},
                        content_type="application/json").status_code == 401


def test_it_lists_only_the_compartment_without_identities(world, login):
    response = login(world.user("cell_secretary")).get(LIST)
    assert _aliases(response) == {"alias-cella-1", "alias-cella-2"}
    _assert_no_identity(response, world)
    response = login(world.user("overseer")).get(LIST)
    assert _aliases(response) == {f"alias-{u}-{n}" for u in ("cella", "cellb", "north")
                                  for n in (1, 2)}
    assert login(world.user("coalition_office")).get(LIST).json()["count"] == 0


def test_it_filters_within_the_compartment(world, login):
    client = login(world.user("overseer"))
    assert _aliases(client.get(LIST, {"search": "cellb"})) == {"alias-cellb-1", "alias-cellb-2"}
    assert _aliases(client.get(LIST, {"unit": str(world.units["north"].uid)})) == {
        "alias-north-1", "alias-north-2"}
    assert _aliases(client.get(LIST, {"unit": str(world.units["cell_c"].uid)})) == set()
    assert _aliases(client.get(LIST, {"status": "candidate"})) == set()


def test_it_shows_a_person_without_identity_fields(world, login):
    person = world.people["alias-cella-1"]
    response = login(world.user("cell_secretary")).get(_detail(person.uid))
    assert response.status_code == 200
    assert response.json()["alias"] == "alias-cella-1"
    assert response.json()["unit"] == str(world.units["cell_a"].uid)
    _assert_no_identity(response, world)


def test_it_answers_404_to_a_sibling_cell_like_a_missing_person(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("sibling_secretary"))
    outside, missing = client.get(_detail(person.uid)), client.get(_detail(uuid.uuid4()))
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()
    response = client.patch(_detail(person.uid), {"alias": "renamed"},
                            content_type="application/json")
    assert response.status_code == 404
    assert client.delete(_detail(person.uid)).status_code == 404
    person.refresh_from_db()
    assert person.alias == "alias-cella-1"


def test_it_answers_404_to_an_edit_without_the_change_right(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_member"))  # may view, not change
    assert client.get(_detail(person.uid)).status_code == 200
    response = client.patch(_detail(person.uid), {"status": "left"},
                            content_type="application/json")
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.status == "member"


def test_it_creates_a_person_with_a_sealed_identity(world, login):
    user = world.user("cell_secretary")
    response = login(user).post(LIST, {
        "unit": str(world.units["cell_a"].uid), "alias": "alias-cella-new",
        "identity": {"legal_name": "Secret Name Qwv", "email": "qwv@example.org"}},
        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert "Secret Name Qwv" not in response.content.decode()
    assert "identity" not in response.json()
    person = Person.objects.get(alias="alias-cella-new")
    assert person.unseal_identity().legal_name == "Secret Name Qwv"
    event = AuditEvent.objects.get(action="create", model="people.Person", object_id=person.pk)
    assert event.actor == user
    assert "legal_name" in event.fields
    assert "Secret Name Qwv" not in str(event.fields)


def test_it_refuses_a_unit_outside_the_add_scope_like_a_missing_one(world, login):
    before = Person.objects.count()
    for name, unit in [("cell_secretary", "cell_b"), ("cell_member", "cell_a"),
                       ("coalition_office", "cell_a")]:
        client = login(world.user(name))
        hidden = client.post(LIST, {"unit": str(world.units[unit].uid),
                                    "alias": "alias-intruder"}, content_type="application/json")
        missing = client.post(LIST, {"unit": str(uuid.uuid4()), "alias": "alias-intruder"},
                              content_type="application/json")
        # An integer id, even of a unit in scope, is no way to name a unit.
        by_id = client.post(LIST, {"unit": world.units["cell_a"].pk, "alias": "alias-intruder"},
                            content_type="application/json")
        assert hidden.status_code == missing.status_code == by_id.status_code == 400, name
        assert hidden.json() == missing.json() == by_id.json() == {"unit": ["Unknown unit."]}
    assert Person.objects.count() == before


def test_it_rejects_bad_input_with_a_clear_message_and_no_rows(world, login):
    client = login(world.user("cell_secretary"))  # before counting: logins are audited
    before = (Person.objects.count(), AuditEvent.objects.count())
    cell_a = str(world.units["cell_a"].uid)
    response = client.post(LIST, {"unit": cell_a, "alias": "alias-bad",
                                  "identity": {"email": "not an address"}},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"identity": {"email": ["Enter a valid email address."]}}
    response = client.post(LIST, {"unit": cell_a, "alias": "alias-bad",
                                  "status_since": "2999-01-01"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"status_since": ["The date cannot be in the future."]}
    response = client.post(LIST, {"unit": cell_a, "alias": "alias-cella-1"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Person with this Unit and Alias already exists."]}
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_it_updates_status_and_the_identity_parts_sent(world, login):
    person = world.people["alias-cella-1"]
    old = world.identities["alias-cella-1"]
    response = login(world.user("cell_secretary")).patch(
        _detail(person.uid), {"status": "suspended", "identity": {"legal_name": "New Name Jkq"}},
        content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "suspended"
    assert "New Name Jkq" not in response.content.decode()
    person.refresh_from_db()
    assert person.status == "suspended"
    # The parts not sent keep their value (issue #9: they were blanked).
    assert person.unseal_identity() == Identity(legal_name="New Name Jkq", phone=old.phone,
                                                email=old.email, address=old.address)
    assert StatusChange.objects.filter(person=person, status="suspended").exists()
    event = AuditEvent.objects.filter(action="update", object_id=person.pk).latest("id")
    assert set(event.fields) == {"status", "legal_name"}


def test_it_names_records_by_uid_and_never_by_integer_id(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_secretary"))
    row = client.get(LIST).json()["results"][0]
    assert "id" not in row and uuid.UUID(row["uid"]) and uuid.UUID(row["unit"])
    detail = client.get(_detail(person.uid)).json()
    assert detail["uid"] == str(person.uid) and "id" not in detail
    assert client.get(f"{LIST}{person.pk}/").status_code == 404


def test_it_moves_a_person_only_to_a_unit_in_scope(world, login):
    person = world.people["alias-north-1"]
    overseer_like = world.user("cell_secretary")
    client = login(overseer_like)
    response = client.patch(_detail(world.people["alias-cella-1"].uid),
                            {"unit": str(world.units["cell_b"].uid), "status": "left"},
                            content_type="application/json")
    assert response.json() == {"unit": ["Unknown unit."]}
    assert world.people["alias-cella-1"].unit_id == world.units["cell_a"].pk
    from access.actions import do_grant_role

    do_grant_role(acting_user=None, user=overseer_like, unit=world.units["north"],
                  kind="secretary", oversight=True)
    response = login(overseer_like).patch(_detail(person.uid),
                                          {"unit": str(world.units["cell_b"].uid)},
                                          content_type="application/json")
    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert person.unit == world.units["cell_b"]


def test_it_deletes_only_with_the_delete_right(world, login):
    person = world.people["alias-cella-2"]
    assert login(world.user("cell_member")).delete(_detail(person.uid)).status_code == 404
    assert login(world.user("cell_secretary")).delete(_detail(person.uid)).status_code == 204
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=person.pk).exists()


def test_it_refuses_an_update_over_a_change_with_409(world, login):
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_secretary"))
    read = client.get(_detail(person.uid)).json()
    assert read["version"] >= 1 and read["uid"] == str(person.uid)
    first = client.patch(_detail(person.uid), {"alias": "alias-cella-1x",
                                              "version": read["version"]},
                         content_type="application/json")
    assert first.status_code == 200, first.content
    stale = client.patch(_detail(person.uid), {"alias": "alias-cella-1y",
                                              "version": read["version"]},
                         content_type="application/json")
    assert stale.status_code == 409
    assert "changed since you opened it" in stale.json()["detail"]
    assert Person.objects.get(pk=person.pk).alias == "alias-cella-1x"
