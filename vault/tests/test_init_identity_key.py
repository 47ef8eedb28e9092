"""manage.py init_identity_key: creates a private key file once, never overwrites it."""

import stat
from io import StringIO

import pytest
from django.core.management import call_command

from vault.keyring import parse_keyring


@pytest.fixture
def key_path(settings, tmp_path):
    settings.NUCLEUS_IDENTITY_KEY = None
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "private" / "identity.key"
    return settings.NUCLEUS_IDENTITY_KEY_FILE


def test_it_creates_the_key_file_readable_only_by_its_owner(key_path):
    call_command("init_identity_key", stdout=StringIO())
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    ring = parse_keyring(key_path.read_text(), str(key_path))
    assert len(ring.current_key) == 32
    assert not key_path.with_suffix(".tmp").exists()


def test_it_leaves_an_existing_key_file_unchanged(key_path):
    call_command("init_identity_key", stdout=StringIO())
    before = key_path.read_text()
    out = StringIO()
    call_command("init_identity_key", stdout=out)
    assert key_path.read_text() == before
    assert "left unchanged" in out.getvalue()


def test_it_writes_no_file_when_the_key_comes_from_the_environment(settings, tmp_path):
    settings.NUCLEUS_IDENTITY_KEY_FILE = tmp_path / "identity.key"
    out = StringIO()
    call_command("init_identity_key", stdout=out)
    assert not (tmp_path / "identity.key").exists()
    assert "NUCLEUS_IDENTITY_KEY" in out.getvalue()
