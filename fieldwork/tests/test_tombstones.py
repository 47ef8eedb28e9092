"""Tombstones of fieldwork records: a cascade from a deleted person leaves them too."""

import pytest

from audit.models import Tombstone
from people.models import Person

pytestmark = pytest.mark.django_db


def test_it_leaves_tombstones_for_queryset_deletes_and_cascades(fw):
    contact = fw.contact("c-cascade")
    fw.assess(contact, 2)
    assessment = contact.assessments.get()
    Person.objects.filter(pk=contact.pk).delete()
    models_buried = set(Tombstone.objects.values_list("model", flat=True))
    assert {"people.Person", "fieldwork.ContactProfile", "fieldwork.Assessment"} <= models_buried
    assert Tombstone.objects.get(uid=assessment.uid).unit_id == fw.field.unit_id
