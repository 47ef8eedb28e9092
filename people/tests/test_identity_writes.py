"""Identity writes need the identity right, in the API and the pages alike, and a partial
update never blanks the parts it did not receive (issue #9: a PATCH by an organizer without
the identity right replaced a phone and emptied the other identity fields)."""

import pytest
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from audit.models import AuditEvent
from people.models import Person
from people.tests.helpers import audit_rows

pytestmark = pytest.mark.django_db

API = "/api/people/{}/"


@pytest.fixture
def organizer(world) -> User:
    """May change Cell A's records, may not see their identities."""
    user = User.objects.create_user("organizer_no_identity", password="x")
    do_grant_role(acting_user=None, user=user, unit=world.units["cell_a"], kind="organizer",
                  identity_access=False)
    return user


def _identity(alias: str):
    return Person.objects.get(alias=alias).unseal_identity()


def _patch(client, person, data):
    return client.patch(API.format(person.uid), data, content_type="application/json")


def test_it_refuses_an_identity_patch_without_the_identity_right(world, login, organizer):
    person = world.people["alias-cella-1"]
    client = login(organizer)  # before counting: logging in is audited too
    before = AuditEvent.objects.count()
    response = _patch(client, person, {
        "status": "left", "identity": {"phone": "+98 935 000 6666", "email": ""}})
    assert response.status_code == 403
    assert response.json() == {"detail": "Changing identity fields needs identity access "
                                         "to this person: email, phone."}
    # Nothing written: neither the identity nor the plain field sent with it.
    assert _identity("alias-cella-1") == world.identities["alias-cella-1"]
    assert Person.objects.get(pk=person.pk).status == "member"
    assert AuditEvent.objects.count() == before


def test_it_lets_the_organizer_change_plain_fields(world, login, organizer):
    person = world.people["alias-cella-1"]
    response = _patch(login(organizer), person, {"status": "suspended"})
    assert response.status_code == 200, response.json()
    assert Person.objects.get(pk=person.pk).status == "suspended"
    assert _identity("alias-cella-1") == world.identities["alias-cella-1"]


def test_a_partial_update_keeps_the_identity_parts_it_did_not_receive(world, login):
    person = world.people["alias-cella-1"]
    old = world.identities["alias-cella-1"]
    response = _patch(login(world.user("cell_secretary")), person,
                      {"identity": {"phone": "+98 935 000 7777"}})
    assert response.status_code == 200, response.json()
    new = _identity("alias-cella-1")
    assert new.phone == "+98 935 000 7777"
    assert (new.legal_name, new.email, new.address) == (old.legal_name, old.email, old.address)
    assert audit_rows(person, "update").get().fields == ["phone"]


def test_a_part_sent_empty_is_cleared(world, login):
    person = world.people["alias-cella-1"]
    _patch(login(world.user("cell_secretary")), person, {"identity": {"address": ""}})
    new = _identity("alias-cella-1")
    assert new.address == "" and new.phone == world.identities["alias-cella-1"].phone


def test_it_creates_a_person_with_an_identity_without_the_right(world, login, organizer):
    # A new record replaces nothing: its author writes what they already know.
    response = login(organizer).post("/api/people/", {
        "unit": str(world.units["cell_a"].uid), "alias": "alias-new-contact",
        "identity": {"phone": "+98 935 000 8888"}}, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert _identity("alias-new-contact").phone == "+98 935 000 8888"


# --- the pages ---

def _identity_url(person) -> str:
    return reverse("people:person_identity_edit", kwargs={"uid": person.uid})


def test_the_identity_page_answers_404_without_the_right(world, login, organizer):
    person = world.people["alias-cella-1"]
    client = login(organizer)
    assert client.post(_identity_url(person)).status_code == 404
    response = client.post(_identity_url(person), {"save": "1", "phone": "+98 935 000 6666"})
    assert response.status_code == 404
    assert _identity("alias-cella-1") == world.identities["alias-cella-1"]


def test_the_edit_page_ignores_identity_fields(world, login, organizer):
    person = world.people["alias-cella-1"]
    response = login(organizer).post(
        reverse("people:person_edit", kwargs={"uid": person.uid}),
        {"alias": person.alias, "kind": person.kind, "status": person.status,
         "status_since": person.status_since.isoformat(), "phone": "+98 935 000 6666",
         "legal_name": "", "version": person.version})
    assert response.status_code in (200, 302)
    assert _identity("alias-cella-1") == world.identities["alias-cella-1"]


def test_the_identity_page_keeps_parts_the_submission_left_out(world, login):
    person = world.people["alias-cella-1"]
    old = world.identities["alias-cella-1"]
    response = login(world.user("cell_secretary")).post(
        _identity_url(person), {"save": "1", "phone": "+98 935 000 7777",
                                "version": person.version})
    assert response.status_code == 302
    new = _identity("alias-cella-1")
    assert new.phone == "+98 935 000 7777"
    assert (new.legal_name, new.email, new.address) == (old.legal_name, old.email, old.address)
