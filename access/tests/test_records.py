"""The record base: uids, versions, tombstones, optimistic concurrency and the registry of
person references."""

import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

from access.records import Record, check_unchanged
from audit.models import Tombstone
from organizations.actions import do_update_unit
from people.actions import do_delete_person, do_update_person
from people.models import Person
from people.references import references

pytestmark = pytest.mark.django_db


def test_every_domain_model_is_a_record_with_an_anchor():
    skip = {"audit", "admin", "auth", "authtoken", "contenttypes", "sessions", "accounts",
            "vault"}
    # The project's own apps: libraries' models (axes, otp) are not a unit's records.
    ours = [m for m in apps.get_models()
            if Path(m._meta.app_config.path).is_relative_to(settings.BASE_DIR)
            and ".venv" not in Path(m._meta.app_config.path).parts]
    missing = [m._meta.label for m in ours
               if m._meta.app_label not in skip and not m._meta.auto_created
               and not issubclass(m, Record)]
    assert not missing, f"domain models without the record base: {missing}"
    for model in apps.get_models():
        if issubclass(model, Record):
            assert model.anchor is not None
            assert hasattr(model.objects, "restrict"), model


def test_every_relation_to_a_person_is_declared():
    labels = {r.label for r in references()}
    assert {"fieldwork.Activity.members", "fieldwork.Tie.to_person",
            "accounts.User.person", "deployment.MemberCapacity.person"} <= labels


def test_it_gives_each_record_its_own_uid_and_counts_versions(world):
    person = world.people["alias-cella-1"]
    other = world.people["alias-cella-2"]
    assert isinstance(person.uid, uuid.UUID) and person.uid != other.uid
    version = Person.objects.get(pk=person.pk).version
    do_update_person(acting_user=None, person=person, data={"alias": "alias-cella-1b"})
    assert Person.objects.get(pk=person.pk).version == version + 1


def test_it_refuses_a_save_over_a_change_and_names_what_changed(world):
    unit = world.units["cell_a"]
    read_at = unit.version
    do_update_unit(acting_user=world.user("cell_secretary"), unit=unit,
                   data={"name": "Cell A (renamed)"})
    with pytest.raises(ValidationError, match=r"changed since you opened it \(name\)"):
        check_unchanged(unit, read_at)
    check_unchanged(unit, read_at + 1)  # the current version passes


def test_it_leaves_a_tombstone_with_uid_and_unit_when_a_person_is_deleted(world):
    person = world.people["alias-cella-2"]
    do_delete_person(acting_user=world.user("cell_secretary"), person=person)
    stone = Tombstone.objects.get(uid=person.uid)
    assert (stone.model, stone.unit_id) == ("people.Person", world.units["cell_a"].pk)
    assert stone.deleted_at is not None
