"""manage.py rotate_identity_keys: every identity re-encrypted under a new key, no data lost."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from people.actions import find_by_contact
from people.models import Person
from vault import custody
from vault.crypto import blind_index, key_id_of
from vault.keyring import get_keyring, parse_keyring, write_keyring_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_file(settings, tmp_path):
    """Move the test keyring from the variable into a key file, as a real install has it."""
    ring = parse_keyring(settings.NUCLEUS_IDENTITY_KEY, "test key")
    path = tmp_path / "identity.key"
    write_keyring_file(path, ring)
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = path
    # Its check value, as a started install has it (vault/custody.py): rotation starts from a
    # key known to open the data.
    custody.record_check(ring)
    return path


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


def test_it_keeps_the_old_key_when_rotation_fails_midway(key_file, world, monkeypatch):
    old_text = key_file.read_text()
    old = parse_keyring(old_text, "old")
    before = _identities()
    rewritten = []

    def rekey_one_then_fail(cls, keyring, progress):
        person = cls.objects.select_related("unit__organization").order_by("pk").first()
        person.seal_identity(person.unseal_identity(), keyring=keyring)
        cls.objects.filter(pk=person.pk).update(identity_sealed=person.identity_sealed,
                                                phone_index=person.phone_index)
        rewritten.append(key_id_of(cls.objects.get(pk=person.pk).identity_sealed))
        progress(1)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Person, "rekey_all", classmethod(rekey_one_then_fail))
    with pytest.raises(RuntimeError, match="disk full"):
        _rotate()
    monkeypatch.undo()
    # The first row had been re-encrypted under the new key before the failure.
    assert len(rewritten) == 1 and rewritten[0] != old.current
    assert parse_keyring(key_file.read_text(), "after") == old
    assert {key_id_of(t) for t in Person.objects.values_list("identity_sealed", flat=True)} \
        == {old.current}
    assert _identities() == before


def test_it_refuses_to_rotate_a_key_from_the_environment(settings, tmp_path, world):
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "identity.key"
    sealed = list(Person.objects.values_list("identity_sealed", flat=True))
    with pytest.raises(CommandError, match="comes from NUCLEUS_IDENTITY_KEY"):
        _rotate()
    assert not (tmp_path / "identity.key").exists()
    assert list(Person.objects.values_list("identity_sealed", flat=True)) == sealed
