"""manage.py init_identity_key: creates a private key file for an empty database, never
overwrites it, and never mints a key over sealed data (see also test_key_custody.py)."""

import stat
from io import StringIO

import pytest
from django.core.management import call_command

from vault import custody
from vault.keyring import parse_keyring
from vault.models import KeyCheck
from vault.tests.helpers import clear_sealed_data, key_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def key_path(settings, tmp_path):
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "private" / "identity.key"
    return settings.NUCLEUS_IDENTITY_KEY_FILE


@pytest.fixture
def empty_database(db):
    clear_sealed_data()
    assert custody.sealed_row_count() == 0


def test_it_creates_the_key_file_readable_only_by_its_owner(key_path, empty_database):
    call_command("init_identity_key", stdout=StringIO())
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    ring = parse_keyring(key_path.read_text(), str(key_path))
    assert len(ring.current_key) == 32
    assert not key_path.with_suffix(".tmp").exists()


def test_it_stores_a_check_value_for_the_new_key_and_audits_the_mint(key_path, empty_database):
    call_command("init_identity_key", stdout=StringIO())
    ring = parse_keyring(key_path.read_text(), str(key_path))
    check = KeyCheck.objects.get()
    assert check.key_id == ring.current
    assert custody.opens(ring, ring.current, check.check_value)
    assert key_events("minted").filter(detail__key_id=ring.current).count() == 1


def test_it_leaves_an_existing_key_file_unchanged(key_path, empty_database):
    call_command("init_identity_key", stdout=StringIO())
    before = key_path.read_text()
    out = StringIO()
    call_command("init_identity_key", stdout=out)
    assert key_path.read_text() == before
    assert "opens the stored data" in out.getvalue()
    assert KeyCheck.objects.count() == 1


def test_it_writes_no_file_when_the_key_comes_from_the_environment(settings, tmp_path, world):
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "identity.key"
    out = StringIO()
    call_command("init_identity_key", stdout=out)
    assert not (tmp_path / "identity.key").exists()
    assert "NUCLEUS_IDENTITY_KEY" in out.getvalue()
