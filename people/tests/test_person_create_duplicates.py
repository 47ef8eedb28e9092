"""The new-person form says so when the phone or email is already on file (people.duplicates),
among the people the user may reveal only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.actions import do_create_person
from people.models import Identity, Person

pytestmark = pytest.mark.django_db

FORM = {"alias": "p-new", "kind": "member", "status": "candidate", "status_since": "2024-05-01"}


def _post(client, unit, **data):
    return client.post(reverse("people:person_create", kwargs={"uid": unit.uid}),
                       {**FORM, **data})


def test_it_names_the_member_with_this_phone(world, login):
    # alias-cella-1 has +98 912 000 1111 (tests/cast.py).
    response = _post(login(world.user("cell_secretary")), world.units["cell_a"],
                     phone="0098 ۹۱۲ ۰۰۰ ۱۱۱۱")
    page = response.content.decode()
    assert "This phone is already on file for alias-cella-1." in page
    assert "Save, then merge" in page  # same unit and kind, and the secretary may delete
    assert not Person.objects.filter(alias="p-new").exists()


def test_it_offers_no_merge_across_kinds_or_units(world, login):
    client = login(world.user("cell_secretary"))
    page = _post(client, world.units["cell_a"], kind="contact",
                 email=" Cell_A1@Example.org").content.decode()
    assert "This email is already on file for alias-cella-1." in page
    assert "Save, then merge" not in page and "Save anyway" in page


def test_save_anyway_adds_the_person(world, login):
    known = world.people["alias-cella-1"]
    response = _post(login(world.user("cell_secretary")), world.units["cell_a"],
                     email="cella1@example.org", duplicate="save",
                     duplicates_shown=str(known.uid))
    assert response.status_code == 302
    assert Person.objects.filter(alias="p-new").exists()


def test_it_says_nothing_of_people_the_user_may_not_reveal(world, login):
    # Cell B's secretary adds someone with a Cell A contact's phone: no notice, no name.
    do_create_person(acting_user=None, unit=world.units["cell_a"], data={"alias": "p-a"},
                     identity=Identity(phone="+98 918 123 4567"))
    response = _post(login(world.user("sibling_secretary")), world.units["cell_b"],
                     phone="+98 918 123 4567")
    assert response.status_code == 302
    assert Person.objects.filter(alias="p-new", unit=world.units["cell_b"]).exists()


def test_an_invalid_number_is_still_accepted_as_before(world, login):
    response = _post(login(world.user("cell_secretary")), world.units["cell_a"],
                     phone="12345")
    assert response.status_code == 302
    assert Person.objects.get(alias="p-new").unseal_identity().phone == "12345"
