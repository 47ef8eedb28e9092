import pytest
from django.urls import reverse

from access.actions import do_grant_role
from people.actions import do_update_person

pytestmark = pytest.mark.django_db


def _url(person_or_uid) -> str:
    return reverse("people:person_detail", kwargs={"uid": getattr(person_or_uid, "uid",
                                                                   person_or_uid)})


def test_it_shows_the_record(world, login):
    response = login(world.user("cell_member")).get(_url(world.people["alias-cella-1"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "alias-cella-1" in body
    assert "Membership status" in body and "Member" in body
    assert "Cell A" in body


def test_it_never_shows_the_identity(world, login):
    person = world.people["alias-cella-1"]
    identity = world.identities["alias-cella-1"]
    # Not even to a secretary who may reveal it: that takes a POST.
    body = login(world.user("cell_secretary")).get(_url(person)).content.decode()
    for value in (identity.legal_name, identity.phone, identity.email, identity.address):
        assert value not in body


def test_it_offers_the_reveal_only_with_identity_access(world, login):
    person = world.people["alias-cella-1"]
    reveal = reverse("people:person_reveal", kwargs={"uid": person.uid})
    assert reveal in login(world.user("cell_secretary")).get(_url(person)).content.decode()
    body = login(world.user("cell_member")).get(_url(person)).content.decode()
    assert reveal not in body
    assert "Reveal identity" not in body


def test_it_offers_edit_and_delete_by_role(world, login):
    person = world.people["alias-cella-1"]
    edit = reverse("people:person_edit", kwargs={"uid": person.uid})
    delete = reverse("people:person_delete", kwargs={"uid": person.uid})
    body = login(world.user("cell_secretary")).get(_url(person)).content.decode()
    assert edit in body and delete in body
    body = login(world.user("cell_member")).get(_url(person)).content.decode()
    assert edit not in body and delete not in body


def test_it_shows_the_status_history(world, login):
    import datetime

    person = world.people["alias-cella-1"]
    do_update_person(acting_user=None, person=person,
                     data={"status": "suspended", "status_since": datetime.date(2024, 3, 1)})
    body = login(world.user("cell_member")).get(_url(person)).content.decode()
    assert "Status history" in body
    assert "Suspended" in body and "2024-03-01" in body


def test_it_shows_the_roles_of_a_linked_account(world, login):
    person = world.people["alias-cella-2"]
    account = world.user("cell_member")
    account.person = person
    account.save(update_fields=["person"])
    do_grant_role(acting_user=None, user=account, unit=world.units["cell_c"], kind="observer")
    body = login(world.user("cell_secretary")).get(_url(person)).content.decode()
    assert "This person has a login." in body
    assert "Cell A" in body
    # The role on Cell C is outside the viewer's scope.
    assert "Cell C" not in body
