"""The merge page: the secretary merges a duplicate of the same unit; a record of another
unit is not even offered."""

import pytest
from django.urls import reverse

from people.actions import do_create_person
from people.models import Person

pytestmark = pytest.mark.django_db


def _url(uid) -> str:
    return reverse("people:person_merge", kwargs={"uid": uid})


def test_it_merges_a_duplicate_of_the_same_unit(world, login):
    keep = world.people["alias-cella-1"]
    dup = do_create_person(acting_user=None, unit=world.units["cell_a"],
                           data={"alias": "alias-cella-1-again", "status": "member"})
    client = login(world.user("cell_secretary"))
    page = client.get(_url(keep.uid)).content.decode()
    assert "alias-cella-1-again" in page and "alias-cellb-1" not in page
    response = client.post(_url(keep.uid), {"duplicate": dup.uid})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=dup.pk).exists()


def test_it_refuses_a_person_of_another_unit_and_changes_nothing(world, login):
    keep = world.people["alias-cella-1"]
    other = world.people["alias-cellb-1"]
    response = login(world.user("cell_secretary")).post(_url(keep.uid), {"duplicate": other.uid})
    assert response.status_code == 200
    assert "only another record of the same unit" in response.content.decode()
    assert Person.objects.filter(pk=other.pk).exists()
