"""Blind indexes re-derived from the sealed identities: people entered before phones were
parsed, or before their unit had a phone region, are found by every spelling afterwards."""

from __future__ import annotations

import hashlib
import hmac
import importlib
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

from organizations.actions import do_move_unit, do_update_organization, do_update_unit
from organizations.models import Organization
from people.actions import do_create_person, do_move_person, find_by_contact
from people.models import Identity, Person
from people.reindex import reindex_people
from vault.crypto import _index_key, blind_index
from vault.keyring import get_keyring

pytestmark = pytest.mark.django_db

SPELLINGS = ["0918 123 4567", "+98 918 123 4567", "۰۹۱۸۱۲۳۴۵۶۷", "00989181234567"]


def _legacy_index(value: str, salt: str) -> str:
    """The index as the rule before this change wrote it: non-digits dropped (Persian digits
    kept as they were), a leading "+" or "00" international."""
    first = re.search(r"[\d+]", value)
    digits = re.sub(r"\D", "", value)
    if first is not None and first.group() == "+":
        digits = "+" + digits
    elif digits.startswith("00"):
        digits = "+" + digits[2:]
    return hmac.new(_index_key(salt, get_keyring()), f"phone:{digits}".encode(),
                    hashlib.sha256).hexdigest()[:40]


def _found(world, spelling: str) -> set[str]:
    organization = Organization.objects.get(pk=world.orgs["rp"].pk)  # its region as stored
    return set(find_by_contact(user=world.user("cell_secretary"), organization=organization,
                               phone=spelling).values_list("alias", flat=True))


def _old_person(world, phone: str) -> Person:
    """A person as the old rule left them: in an organization reading Iranian numbers."""
    rp = world.orgs["rp"]
    Organization.objects.filter(pk=rp.pk).update(phone_region="IR")  # no re-index here
    person = do_create_person(acting_user=None, unit=world.units["cell_a"],
                              data={"alias": "c-old"}, identity=Identity(phone=phone))
    Person.objects.filter(pk=person.pk).update(phone_index=_legacy_index(phone, rp.index_salt))
    return person


def test_it_finds_a_person_of_before_the_change_by_every_spelling_after_the_command(world):
    person = _old_person(world, "۰۹۱۸ ۱۲۳ ۴۵۶۷")
    sealed = Person.objects.get(pk=person.pk).identity_sealed
    assert not any("c-old" in _found(world, s) for s in SPELLINGS)
    call_command("reindex_identities")
    assert all(_found(world, s) == {"c-old"} for s in SPELLINGS)
    # Only the index moved: the sealed identity is the very same ciphertext.
    assert Person.objects.get(pk=person.pk).identity_sealed == sealed
    assert Person.objects.get(pk=person.pk).unseal_identity().phone == "۰۹۱۸ ۱۲۳ ۴۵۶۷"


def test_it_changes_nothing_the_second_time(world):
    _old_person(world, "0918 123 4567")
    assert reindex_people() >= 1
    assert reindex_people() == 0


def test_the_migration_step_reindexes_with_a_key(world):
    _old_person(world, "+98 918 123 4567 ")
    Person.objects.filter(alias="c-old").update(email_index="stale")
    migration = importlib.import_module("people.migrations.0004_reindex_phone_email")
    from django.apps import apps

    migration.forward(apps, SimpleNamespace(connection=connection))
    assert _found(world, "0918 123 4567") == {"c-old"}
    assert Person.objects.get(alias="c-old").email_index == ""


def test_the_migration_step_leaves_the_indexes_without_a_key(world, settings, tmp_path,
                                                             capsys):
    person = _old_person(world, "۰۹۱۸۱۲۳۴۵۶۷")
    before = Person.objects.values_list("phone_index", flat=True).get(pk=person.pk)
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "missing.key"
    migration = importlib.import_module("people.migrations.0004_reindex_phone_email")
    from django.apps import apps

    migration.forward(apps, SimpleNamespace(connection=connection))
    assert Person.objects.values_list("phone_index", flat=True).get(pk=person.pk) == before
    assert "reindex_identities" in capsys.readouterr().out


def test_a_new_phone_region_reindexes_the_organization(world):
    person = do_create_person(acting_user=None, unit=world.units["cell_a"],
                              data={"alias": "c-local"}, identity=Identity(phone="0918 123 4567"))
    assert _found(world, "+98 918 123 4567") == set()  # no region yet: digits as typed
    do_update_organization(acting_user=None, org=world.orgs["rp"],
                           data={"phone_region": "IR"})
    assert all(_found(world, s) == {person.alias} for s in SPELLINGS)


def test_a_unit_region_decides_for_the_units_below(world):
    do_update_unit(acting_user=None, unit=world.units["north"], data={"phone_region": "IR"})
    person = do_create_person(acting_user=None, unit=world.units["cell_a"],
                              data={"alias": "c-north"}, identity=Identity(phone="09181234567"))
    assert _found(world, "+989181234567") == {"c-north"}
    # Cell A moves under the South Committee, which reads no region: the digits as typed.
    do_move_unit(acting_user=None, unit=world.units["cell_a"], new_parent=world.units["south"])
    assert _found(world, "+989181234567") == set()
    assert _found(world, "09181234567") == {person.alias}


def test_a_person_moved_to_a_unit_of_another_region_is_reindexed(world):
    # Cell B's free-text country names Iran unambiguously: its numbers read as Iranian.
    do_update_unit(acting_user=None, unit=world.units["cell_b"], data={"country": "Iran"})
    person = do_create_person(acting_user=None, unit=world.units["cell_a"],
                              data={"alias": "c-moving"}, identity=Identity(phone="09181234567"))
    do_move_person(acting_user=None, person=person, unit=world.units["cell_b"])
    salt = world.orgs["rp"].index_salt
    assert Person.objects.get(pk=person.pk).phone_index == blind_index(
        "+989181234567", scope_salt=salt, kind="phone")
