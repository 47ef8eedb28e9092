"""manage.py rotate_identity_keys: every identity re-encrypted under a new key, no data lost."""

import dataclasses
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from people.actions import find_by_contact
from people.models import Person
from vault import custody, rotation
from vault.crypto import blind_index, key_id_of
from vault.keyring import get_keyring, parse_keyring

pytestmark = pytest.mark.django_db


def _rotate():
    call_command("rotate_identity_keys", "--no-progress", stdout=StringIO(), stderr=StringIO())


def _identities() -> dict[str, dict]:
    return {p.alias: p.unseal_identity().as_dict() for p in Person.objects.all()}


def test_it_re_encrypts_every_person_under_a_new_key(key_file, world):
    old = parse_keyring(key_file.read_text(), "old")
    before = _identities()
    _rotate()
    new = parse_keyring(key_file.read_text(), "new")
    assert new.current != old.current
    # The old key is gone from the file; only the new one is left.
    assert set(new.keys) == {new.current}
    assert {key_id_of(t) for t in Person.objects.values_list("identity_sealed", flat=True)} \
        == {new.current}
    assert _identities() == before
    assert len(before) == len(world.people)


def test_it_keeps_blind_index_lookups_working(key_file, world):
    _rotate()
    rp = world.orgs["rp"]
    phone = world.identities["alias-cella-1"].phone
    found = find_by_contact(user=world.user("cell_secretary"), organization=rp,
                            phone="0098 912 000 1111")
    assert [p.alias for p in found] == ["alias-cella-1"]
    found = find_by_contact(user=world.user("cell_secretary"), organization=rp,
                            email="CELL_A2@example.org")
    assert [p.alias for p in found] == ["alias-cella-2"]
    index = blind_index(phone, scope_salt=rp.index_salt, kind="phone", keyring=get_keyring())
    assert set(Person.objects.filter(phone_index=index).values_list("alias", flat=True)) \
        == {"alias-cella-1", "alias-cellb-1", "alias-cellc-1", "alias-north-1", "alias-rpcc-1"}


def test_a_rotation_that_fails_midway_keeps_both_keys_and_a_rerun_finishes_it(
        key_file, world, monkeypatch):
    old = parse_keyring(key_file.read_text(), "old")
    before = _identities()
    monkeypatch.setattr(rotation, "BATCH", 3)
    real = Person.rekey_all.__func__
    calls = []

    def one_batch_then_fail(cls, keyring, progress, pk_range=None):
        calls.append(pk_range)
        if len(calls) > 1:
            raise RuntimeError("disk full")
        return real(cls, keyring, progress, pk_range)

    monkeypatch.setattr(Person, "rekey_all", classmethod(one_batch_then_fail))
    with pytest.raises(RuntimeError, match="disk full"):
        _rotate()
    monkeypatch.setattr(Person, "rekey_all", classmethod(real))
    midway = parse_keyring(key_file.read_text(), "midway")
    # Both keys kept, the new one current; the first batch is under it, the rest under the
    # old one, and every identity opens.
    assert set(midway.keys) == {old.current, midway.current}
    ids = [key_id_of(t) for t in Person.objects.order_by("pk")
           .values_list("identity_sealed", flat=True)]
    assert ids[:3] == [midway.current] * 3 and set(ids[3:]) == {old.current}
    assert _identities() == before
    # A lookup finds a person not yet re-sealed (their index is still the old key's).
    late = Person.objects.get(alias="alias-cellb-2")
    assert key_id_of(late.identity_sealed) == old.current
    for contact in ({"email": "CELL_B2@example.org"}, {"phone": "0098 912 000 2222"}):
        found = find_by_contact(user=world.user("sibling_secretary"),
                                organization=world.orgs["rp"], **contact)
        assert [p.alias for p in found] == ["alias-cellb-2"]
    _rotate()
    done = parse_keyring(key_file.read_text(), "done")
    # The same new key (no third one minted), alone in the file; every row under it.
    assert done.current == midway.current and set(done.keys) == {done.current}
    assert {key_id_of(t) for t in Person.objects.values_list("identity_sealed", flat=True)} \
        == {done.current}
    assert _identities() == before
    assert set(custody.KeyCheck.objects.values_list("key_id", flat=True)) == {done.current}


def test_a_stopped_rotation_leaves_every_row_readable(key_file, world, monkeypatch):
    monkeypatch.setattr(rotation, "BATCH", 2)
    before = _identities()
    asked = []

    def after_two_batches() -> bool:
        asked.append(1)
        return len(asked) > 2

    result = rotation.rotate(should_stop=after_two_batches)
    assert result.stopped and result.rows == 4
    ring = parse_keyring(key_file.read_text(), "stopped")
    assert len(ring.keys) == 2
    assert rotation.rows_left(ring.current) == len(before) - 4
    assert _identities() == before
    again = rotation.rotate()
    assert again.resumed and not again.stopped and again.rows == len(before) - 4
    assert rotation.rows_left(ring.current) == 0
    assert _identities() == before


def test_it_refuses_to_rotate_a_key_from_the_environment(settings, tmp_path, world):
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "identity.key"
    sealed = list(Person.objects.values_list("identity_sealed", flat=True))
    with pytest.raises(CommandError, match="comes from NUCLEUS_IDENTITY_KEY"):
        _rotate()
    assert not (tmp_path / "identity.key").exists()
    assert list(Person.objects.values_list("identity_sealed", flat=True)) == sealed


def test_only_one_rotation_runs_at_a_time(key_file, world):
    with rotation._only_one():
        with pytest.raises(rotation.RotationError, match="another rotation"):
            rotation.rotate()
    assert len(parse_keyring(key_file.read_text(), "after").keys) == 1
    rotation.rotate()  # the lock is released


def test_the_command_prints_its_progress(key_file, world):
    out, err = StringIO(), StringIO()
    call_command("rotate_identity_keys", stdout=out, stderr=err)
    assert re.search(r"Rotated to key \w+; re-encrypted [1-9]\d* rows", out.getvalue())
    assert "rows" in err.getvalue() and "100%" in err.getvalue()


def test_an_identity_edited_while_its_batch_is_re_sealed_keeps_the_edit(key_file, world,
                                                                       monkeypatch):
    """An edit committed between the rotation's read of a row and its write (PostgreSQL
    lets a page write meanwhile) is not overwritten with the identity read before it."""
    target = Person.objects.get(alias="alias-cella-2")
    real = Person.unseal_identity
    before = _identities()
    edits = []

    def edited_meanwhile(person):
        read = real(person)
        if person.pk == target.pk and not edits:
            edits.append(person.pk)
            fresh = Person.objects.select_related("unit__organization").get(pk=person.pk)
            fresh.seal_identity(dataclasses.replace(read, legal_name="Edited meanwhile"))
            Person.objects.filter(pk=person.pk).update(
                identity_sealed=fresh.identity_sealed, phone_index=fresh.phone_index,
                email_index=fresh.email_index)
        return read

    monkeypatch.setattr(Person, "unseal_identity", edited_meanwhile)
    _rotate()
    monkeypatch.setattr(Person, "unseal_identity", real)
    after = _identities()
    assert edits == [target.pk]
    assert after["alias-cella-2"]["legal_name"] == "Edited meanwhile"
    assert {**after, "alias-cella-2": before["alias-cella-2"]} == before
    ring = parse_keyring(key_file.read_text(), "done")
    assert {key_id_of(t) for t in Person.objects.values_list("identity_sealed", flat=True)} \
        == {ring.current}
