"""A member's class position and sector are sealed with the identity and written through
the identity form, which offers the organization's list."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from congresses.tests.helpers import positions
from people.actions import do_update_person
from people.models import Person


def test_it_seals_the_class_position_and_sector_from_the_identity_form(world, login):
    entries = positions(world)
    person = world.people["alias-cella-1"]
    client = login(world.user("cell_secretary"))
    url = f"/people/{person.uid}/identity/"
    form = client.post(url).content.decode()
    assert "Industrial worker" in form and "Sector" in form
    response = client.post(url, {"save": "1", "version": person.version,
                                 "legal_name": world.identities["alias-cella-1"].legal_name,
                                 "class_position": str(entries["Student"].uid),
                                 "sector": "education"})
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Person.objects.get(pk=person.pk)
    identity = stored.unseal_identity()
    assert (identity.class_position, identity.sector) == (str(entries["Student"].uid),
                                                           "education")
    assert "education" not in stored.identity_sealed


def test_it_refuses_a_class_position_of_another_organization(world):
    other = positions(world, "op")["Student"]
    with pytest.raises(ValidationError, match="this organization's list"):
        do_update_person(acting_user=None, person=world.people["alias-cella-1"], data={},
                         identity_changes={"class_position": str(other.uid)})
    with pytest.raises(ValidationError, match="this organization's list"):
        do_update_person(acting_user=None, person=world.people["alias-cella-1"], data={},
                         identity_changes={"class_position": "not-a-uid"})
